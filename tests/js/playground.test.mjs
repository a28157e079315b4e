// The playground in headless Chromium, served by web/serve.mjs on a free
// port: it loads cleanly, runs say_after, stops a long run (the cleanup
// shows), steps one iteration at a time, stays responsive while 10,000
// tasks run, and exports a trace that parses. Screenshots go to build/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launch } from './browser.mjs';
import { root } from './targets.mjs';
import { CSP, startServer } from '../../web/serve.mjs';

const { browser, reason } = await launch();
if (!browser) console.error(`SKIP playground tests: ${reason}`);
const shots = `${root}build/screenshots`;

describe('the playground', { skip: browser ? false : `SKIP: ${reason}` }, () => {
  let server;
  let url;
  let page;
  const errors = [];
  before(async () => {
    mkdirSync(shots, { recursive: true });
    ({ server, url } = await startServer({ port: 0 }));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const response = await page.goto(`${url}/`);
    assert.equal(response.headers()['content-security-policy'], CSP);
    await page.waitForSelector('body[data-ready=true]');
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  const runAndWait = async () => {
    await page.click('#run');
    await page.waitForFunction(() => !document.getElementById('run').disabled);
  };

  test('the page loads with no console errors, every demo listed', async () => {
    const options = await page.$$eval('#scenario option', (os) => os.map((o) => o.value));
    assert.ok(options.includes('say_after') && options.includes('script') && options.includes('client'));
    for (const hidden of ['stdin', 'bench', 'stress']) assert.ok(!options.includes(hidden), hidden);
    assert.deepEqual(errors, []);
  });

  test('say_after gather on the virtual clock: the log and three lanes', async () => {
    await page.selectOption('#scenario', 'say_after');
    await page.selectOption('#mode', 'gather');
    await page.selectOption('#speed', 'instant');
    await runAndWait();
    const log = await page.textContent('#log');
    assert.match(log, /^\[1\.000s\] hello$/m);
    assert.match(log, /^\[2\.000s\] world$/m);
    const lanes = await page.$$eval('.lane', (ls) => ls.map((l) => l.dataset.task));
    assert.deepEqual(lanes, ['main', 'Task-2', 'Task-3']);
    await page.screenshot({ path: `${shots}/playground-say_after.png`, fullPage: true });
  });

  test('parameters reach the C demo', async () => {
    await page.fill('#params input[name=first]', 'bonjour');
    await page.fill('#params input[name=first_delay]', '0.25');
    await runAndWait();
    assert.match(await page.textContent('#log'), /^\[0\.250s\] bonjour$/m);
    await page.fill('#params input[name=first_delay]', 'soon');
    await runAndWait();
    assert.match(await page.textContent('#summary'),
      /EINVAL: parameter first_delay: 'soon' is not a number of seconds/);
  });

  test('Stop during a long run cancels main; its cleanup shows', async () => {
    await page.selectOption('#scenario', 'interrupt');
    await page.selectOption('#speed', 'real');
    await page.click('#run');
    await page.waitForFunction(() => /step 1/.test(document.getElementById('log').textContent));
    await page.click('#stop');
    await page.waitForFunction(() => !document.getElementById('run').disabled);
    const log = await page.textContent('#log');
    assert.match(log, /cancelled: aborted by the AbortSignal/);
    assert.match(log, /cleanup done/);
    assert.match(await page.textContent('#summary'), /EINTR/);
    const marks = await page.$$eval('.lane[data-task=main] .mark.cancelled', (m) => m.length);
    assert.equal(marks, 1);
  });

  test('Step runs exactly one iteration of the loop', async () => {
    await page.selectOption('#scenario', 'say_after');
    await page.selectOption('#mode', 'gather');
    await page.selectOption('#speed', 'step');
    await page.click('#run');
    await page.waitForFunction(() => !document.getElementById('step').disabled);
    const steps = () => page.textContent('#loop-steps');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('loop-steps').textContent === '1');
    assert.equal(await page.textContent('#loop-ready'), 'Task-2Task-3');
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('loop-steps').textContent === '2');
    assert.equal(await steps(), '2');
    assert.match(await page.textContent('#loop-timers'), /1\.000 s {2}sleep {2}Task-2.*2\.000 s {2}sleep {2}Task-3/);
    // the clock jumps to 1 s: the timer fires and wakes Task-2, which
    // resumes in the next iteration (asyncio's order)
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('loop-steps').textContent === '3');
    assert.equal(await page.textContent('#loop-ready'), 'Task-2');
    assert.doesNotMatch(await page.textContent('#log'), /hello/);
    await page.click('#step'); // Task-2 runs: hello
    await page.waitForFunction(() => document.getElementById('loop-steps').textContent === '4');
    assert.match(await page.textContent('#log'), /\[1\.000s\] hello$/);
    assert.doesNotMatch(await page.textContent('#log'), /world/);
    await page.screenshot({ path: `${shots}/playground-step.png`, fullPage: true });
    for (let i = 0; i < 8 && !(await page.$eval('#step', (b) => b.disabled)); i++) await page.click('#step');
    await page.waitForFunction(() => !document.getElementById('run').disabled);
    assert.match(await page.textContent('#log'), /\[2\.000s\] finished$/);
  });

  test('a click answers within 100 ms while 10,000 tasks run', async () => {
    await page.selectOption('#scenario', 'crowd');
    await page.selectOption('#mode', '10000');
    await page.selectOption('#speed', 'real');
    await page.evaluate(() => {
      window.latencies = [];
      document.getElementById('summary').addEventListener('click', (e) => {
        window.latencies.push(performance.now() - e.timeStamp);
      });
    });
    await page.click('#run');
    await page.waitForFunction(() => /starting 10000 tasks/.test(document.getElementById('log').textContent));
    for (let i = 0; i < 5 && !(await page.$eval('#run', (b) => !b.disabled)); i++) {
      await page.click('#summary');
      await new Promise((r) => setTimeout(r, 20));
    }
    await page.waitForFunction(() => !document.getElementById('run').disabled, null, { timeout: 30000 });
    const latencies = await page.evaluate(() => window.latencies);
    assert.ok(latencies.length > 0, 'no click landed while the tasks ran');
    assert.ok(Math.max(...latencies) < 100, `click latencies: ${latencies.map((l) => l.toFixed(1))}`);
    assert.match(await page.textContent('#log'), /all 10000 tasks done/);
    assert.match(await page.textContent('.more'), /and 9\d{3} more tasks/);
  });

  test('the exported trace parses, and opens back into the timeline', async () => {
    await page.selectOption('#scenario', 'timeline');
    await page.selectOption('#speed', 'instant');
    await runAndWait();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const trace = JSON.parse(readFileSync(await download.path(), 'utf8'));
    const tasks = trace.traceEvents.filter((e) => e.cat === 'task').map((e) => [e.name, e.dur / 1e6]);
    assert.deepEqual(tasks, [['main', 3], ['ticker', 3], ['A', 2], ['B', 1], ['C', 3]]);
    await page.setInputFiles('#import', await download.path());
    await page.waitForFunction(() => /^opened /.test(document.getElementById('summary').textContent));
    const lanes = await page.$$eval('.lane', (ls) => ls.map((l) => l.dataset.task));
    assert.deepEqual(lanes, ['main', 'ticker', 'A', 'B', 'C']);
  });

  test('the builder runs a scenario, and its link runs it again', async () => {
    await page.selectOption('#scenario', 'script');
    await page.fill('#program', 'main: sleep 0.5; cancel A; await B\nA: sleep 9; print never\nB: sleep 1; print from B');
    await runAndWait();
    const log = await page.textContent('#log');
    assert.match(log, /\[0\.500s\] main: cancel A/);
    assert.match(log, /\[0\.500s\] A: cancelled/);
    assert.match(log, /\[1\.000s\] B: from B/);
    const link = await page.evaluate(() => location.href);
    const again = await browser.newPage();
    await again.goto(link);
    await again.waitForSelector('body[data-ready=true]');
    assert.equal(await again.inputValue('#program'), 'main: sleep 0.5; cancel A; await B\nA: sleep 9; print never\nB: sleep 1; print from B');
    await again.click('#run');
    await again.waitForFunction(() => /from B/.test(document.getElementById('log').textContent));
    await again.close();
  });

  test('Node vs Python styles side by side', async () => {
    await page.click('#styles');
    await page.waitForFunction(() => document.getElementById('style-node').textContent.includes('done'));
    assert.match(await page.textContent('#style-python'), /refused: ENESTED/);
    assert.match(await page.textContent('#style-node'), /\[main\(\)\] main\(\) returns now; nothing has run yet/);
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  });
});

// The server (issue 18 #4): the page's files and nothing else of the
// checkout; no dotfile; a folder without its slash is redirected to it.
describe('the playground\'s server', () => {
  test('serves what the page needs, redirects /web to /web/, and nothing under a dotfile', async () => {
    const { server, url } = await startServer({ port: 0 });
    try {
      const get = async (path) => {
        const r = await fetch(url + path, { redirect: 'manual' });
        return [r.status, r.headers.get('location')];
      };
      assert.deepEqual(await get('/'), [302, '/web/']);
      assert.deepEqual(await get('/web'), [301, '/web/']);
      assert.deepEqual(await get('/web?demo=hello'), [301, '/web/?demo=hello']);
      for (const path of ['/web/', '/web/playground.mjs', '/build/web/wasio.mjs', '/build/web/wasio_core.wasm',
        '/demos/say_after.c', '/package.json']) {
        assert.deepEqual(await get(path), [200, null], path);
      }
      for (const path of ['/.git/config', '/.git/HEAD', '/web/../.git/config', '/%2e%2e/etc/passwd', '/README.md',
        '/src/wasio.h', '/Makefile', '/tests/js/playground.test.mjs', '/build/native/wasio', '/web/.hidden']) {
        assert.deepEqual(await get(path), [404, null], path);
      }
    } finally {
      server.close();
    }
  });
});
