// The playground's screenshots in docs/, taken from the page as it is:
//   node web/screenshots.mjs      (make screenshots)
// playground.png: say_after stepped to its first timer, the code panes
// marked; playground-phone.png: the same page 390 px wide after timeline;
// playground-builder.png: the scenario builder after its run.
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/js/browser.mjs';
import { startServer } from './serve.mjs';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const { browser, reason } = await launch();
if (!browser) {
  console.error(`screenshots: ${reason}`);
  process.exit(1);
}
const { server, url } = await startServer({ port: 0 });
const open = async (width, height) => {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${url}/web/`);
  await page.waitForSelector('body[data-ready=true]');
  return page;
};
const done = (page) => page.waitForFunction(() => !document.getElementById('run').disabled);
try {
  const wide = await open(1440, 1000);
  await wide.selectOption('#mode', 'gather');
  await wide.selectOption('#speed', 'step');
  await wide.click('#run');
  await wide.waitForFunction(() => !document.getElementById('step').disabled);
  for (let i = 1; i <= 3; i++) {
    await wide.click('#step');
    await wide.waitForFunction((n) => document.getElementById('loop-steps').textContent === String(n), i);
  }
  await wide.screenshot({ path: `${docs}playground.png`, fullPage: true });

  const phone = await open(390, 844);
  await phone.selectOption('#scenario', 'timeline');
  await phone.selectOption('#speed', 'instant');
  await phone.click('#run');
  await done(phone);
  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: `${docs}playground-phone.png`, fullPage: true });

  const builder = await open(1440, 1000);
  await builder.selectOption('#scenario', 'script');
  await builder.selectOption('#speed', 'instant');
  await builder.click('#run');
  await done(builder);
  await builder.screenshot({ path: `${docs}playground-builder.png`, fullPage: true });
  console.log('screenshots: docs/playground.png, docs/playground-phone.png, docs/playground-builder.png');
} finally {
  await browser.close();
  server.close();
}
