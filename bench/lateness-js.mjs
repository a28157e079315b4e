// The JS host's timer lateness in Node (and in headless Chromium when it
// is installed), each beside a bare setTimeout(1) loop in the same runtime.
import { run } from '../build/web/wasio.mjs';

const fmt = (l) => `p50 ${l[500].toFixed(3)} ms, p99 ${l[990].toFixed(3)} ms, max ${l.at(-1).toFixed(3)} ms`;

async function bareSetTimeout() {
  const late = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1));
    late.push(performance.now() - t0 - 1);
  }
  return late.sort((a, b) => a - b);
}

const stat = (text) => text.replace(/.*lateness (p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms).*/, '$1');
const { events } = await run('lateness');
console.log(`${'JS host in Node'.padEnd(30)} ${stat(events[0].text)}`);
console.log(`${'bare setTimeout(1) in Node'.padEnd(30)} ${fmt(await bareSetTimeout())}`);

// The same in headless Chromium, with the page served from localhost.
const { launch } = await import('../tests/js/browser.mjs');
const { startServer } = await import('../web/serve.mjs');
const { browser, reason } = await launch();
if (!browser) {
  console.log(`${'JS host in Chromium'.padEnd(30)} SKIP (${reason})`);
} else {
  const { server, url } = await startServer({ port: 0 });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/package.json`);
    const result = await page.evaluate(async () => {
      const { run } = await import('/build/web/wasio.mjs');
      const { events } = await run('lateness');
      const late = [];
      for (let i = 0; i < 1000; i++) {
        const t0 = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 1));
        late.push(performance.now() - t0 - 1);
      }
      return { wasio: events[0].text, bare: late.sort((a, b) => a - b) };
    });
    console.log(`${`JS host in Chromium ${browser.version()}`.padEnd(30)} ${stat(result.wasio)}`);
    console.log(`${'bare setTimeout(1) in Chromium'.padEnd(30)} ${fmt(result.bare)}`);
  } finally {
    await browser.close();
    server.close();
  }
}
