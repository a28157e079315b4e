// The web build in headless Chromium (Debian's, driven by playwright-core),
// served from localhost by web/serve.mjs: the module loads with a plain
// dynamic import under the server's CSP, runs say_after on both clocks, and
// a C task awaits a fetch() of a local file.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch } from './browser.mjs';
import { startServer } from '../../web/serve.mjs';

const { browser, reason } = await launch();
if (!browser) console.error(`SKIP browser tests: ${reason}`);

describe('web build in headless Chromium', { skip: browser ? false : `SKIP: ${reason}` }, () => {
  let server;
  let page;
  const errors = [];
  before(async () => {
    ({ server, url: globalThis.wasioUrl } = await startServer({ port: 0 }));
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${globalThis.wasioUrl}/package.json`);
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('say_after gather: exact on the virtual clock, within 80 ms on the real one', async () => {
    const result = await page.evaluate(async () => {
      const { run } = await import('/build/web/wasio.mjs');
      const virtual = await run('say_after', { mode: 'gather', virtualTime: true });
      const real = await run('say_after', { mode: 'gather' });
      return { virtual: virtual.events, real: real.events };
    });
    assert.deepEqual(result.virtual.map((e) => [e.text, e.time]),
      [['started (gather)', 0], ['hello', 1], ['world', 2], ['finished', 2]]);
    const world = result.real.find((e) => e.text === 'world');
    assert.ok(world.time >= 2 - 0.001 && world.time <= 2.08, `world at ${world.time}`);
  });

  test('a C task awaits fetch() of a local file', async () => {
    const events = await page.evaluate(async () => {
      const { run } = await import('/build/web/wasio.mjs');
      return (await run('readfile')).events.map((e) => e.text);
    });
    assert.match(events.at(-1), /^read \d+ bytes; "name": "wasio"$/);
    const rejected = await page.evaluate(async () => {
      const { run } = await import('/build/web/wasio.mjs');
      try {
        await run('readfile', { mode: 'missing' });
        return null;
      } catch (err) {
        return { code: err.code, message: err.message };
      }
    });
    assert.deepEqual(rejected, { code: 'EJS', message: 'no-such-file.txt: HTTP 404' });
  });

  test('no console errors beyond the expected 404', () => {
    assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  });
});
