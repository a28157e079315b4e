// The playground in headless Chromium, served by web/serve.mjs on a free
// port: it loads cleanly, runs say_after, stops a long run (the cleanup
// shows), steps one iteration at a time and says what the loop did, shows
// each task's line in the C and the Python code, keeps its panels to the
// run at hand, stays responsive while 10,000 tasks run (no long task), fits
// a 390 px screen, and exports a trace that parses. Screenshots go to
// build/screenshots/.
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

  // a run of scenario/mode, step by step, its first step not taken yet
  const startStepping = async (scenario, mode) => {
    await page.selectOption('#scenario', scenario);
    await page.selectOption('#mode', mode);
    await page.selectOption('#speed', 'step');
    await page.click('#run');
    await page.waitForFunction(() => !document.getElementById('step').disabled);
  };
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
    await startStepping('say_after', 'gather');
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

  test('while 10,000 tasks run, a click answers within 100 ms and no long task passes 50 ms', async () => {
    await page.selectOption('#scenario', 'crowd');
    await page.selectOption('#mode', '10000');
    await page.selectOption('#speed', 'real');
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
        .observe({ type: 'longtask' });
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
    const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
    assert.ok(longest <= 50, `a long task of ${longest} ms`);
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

  // issue 18: the code beside the run, panels that are always right
  const lineOf = (file, text) => readFileSync(`${root}${file}`, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  const marked = (pane) => page.$$eval(`#${pane} li.at`, (lis) => lis.map((li) =>
    [[...li.parentNode.children].indexOf(li) + 1, li.dataset.tasks]));
  const stepTo = async (n) => {
    for (let i = 0; i < n; i++) {
      const before = await page.textContent('#loop-steps');
      await page.click('#step');
      await page.waitForFunction((b) => document.getElementById('loop-steps').textContent !== b, before);
    }
  };
  const finishSteps = async () => {
    for (let i = 0; i < 40 && !(await page.$eval('#step', (b) => b.disabled)); i++) await page.click('#step');
    await page.waitForFunction(() => !document.getElementById('run').disabled);
  };

  test('the default speed animates (×10), and a speed picked mid-run takes effect', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${url}/web/`);
    await fresh.waitForSelector('body[data-ready=true]');
    assert.equal(await fresh.inputValue('#speed'), '10');
    await fresh.close();
    await page.selectOption('#scenario', 'timeline');
    await page.selectOption('#mode', 'gather');
    await page.selectOption('#speed', '1'); // 3 s of the virtual clock at ×1: 3 s
    const t0 = Date.now();
    await page.click('#run');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.$eval('#speed option[value=real]', (o) => o.disabled), true, 'no switch to the real clock');
    await page.selectOption('#speed', 'instant');
    await page.waitForFunction(() => !document.getElementById('run').disabled);
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms: the new speed was ignored`);
    assert.match(await page.textContent('#log'), /all done in 3\.0 s \(gather\)/);
  });

  test('say_after step by step: each task\'s line in C and in Python, and the loop explained', async () => {
    await startStepping('say_after', 'gather');
    await stepTo(1); // main creates the two tasks and waits in gather
    const gatherC = lineOf('demos/say_after.c', 'rc = wasio_gather(tasks, 2, NULL);');
    const gatherPy = lineOf('demos/py/say_after.py', 'await asyncio.gather(task1, task2)');
    const sayC = lineOf('demos/say_after.c', 'wasio_sleep(s->delay)');
    const sayPy = lineOf('demos/py/say_after.py', 'await asyncio.sleep(delay)');
    const defC = lineOf('demos/say_after.c', 'static int say_after(');
    const defPy = lineOf('demos/py/say_after.py', 'async def say_after(');
    assert.deepEqual(await marked('code-c'), [[defC, 'Task-2, Task-3'], [gatherC, 'main']].sort((a, b) => a[0] - b[0]));
    assert.deepEqual(await marked('code-py'), [[defPy, 'Task-2, Task-3'], [gatherPy, 'main']].sort((a, b) => a[0] - b[0]));
    assert.match(await page.textContent('#narration'), /The loop ran main\. New tasks: Task-2, Task-3\. main now waits: gather 2 tasks\. Ready next: Task-2, Task-3\./);
    await stepTo(1); // both sleep
    assert.deepEqual(await marked('code-c'), [[sayC, 'Task-2, Task-3'], [gatherC, 'main']].sort((a, b) => a[0] - b[0]));
    assert.deepEqual(await marked('code-py'), [[sayPy, 'Task-2, Task-3'], [gatherPy, 'main']].sort((a, b) => a[0] - b[0]));
    await stepTo(1); // the clock jumps to 1 s: Task-2's timer fires
    assert.equal(await page.textContent('#narration'), "Step 3: No task ran in this step (only callbacks and timers, if any). " +
      "The clock moved to 1.000 s. Due timers fired (Task-2's sleep): Task-2 is ready for the next step. Ready next: Task-2.");
    // ready is drawn, not lost on the virtual clock's zero width
    const ready = await page.$$eval('.lane[data-task="Task-2"] .seg.ready', (els) => els.at(-1).getBoundingClientRect().width);
    assert.ok(ready >= 3, `ready is ${ready} px wide`);
    await page.screenshot({ path: `${shots}/playground-code.png`, fullPage: true });
    await finishSteps();
    assert.deepEqual(await marked('code-c'), []);
  });

  test('timeline: a renamed task is one name everywhere, waits are coloured by kind, end marks show', async () => {
    await startStepping('timeline', 'gather');
    await stepTo(1); // main creates the ticker, renames it, yields
    assert.match(await page.textContent('#loop-ready'), /ticker/);
    assert.ok((await page.$$eval('.lane', (ls) => ls.map((l) => l.dataset.task))).includes('ticker'));
    await stepTo(2);
    const tickC = lineOf('demos/timeline.c', 'int rc = wasio_sleep(0.5);');
    const tickPy = lineOf('demos/py/timeline.py', 'await asyncio.sleep(0.5)');
    assert.ok((await marked('code-c')).some(([n, who]) => n === tickC && who === 'ticker'), JSON.stringify(await marked('code-c')));
    assert.ok((await marked('code-py')).some(([n, who]) => n === tickPy && who === 'ticker'));
    await page.selectOption('#speed', 'instant'); // the rest at once
    await page.waitForFunction(() => !document.getElementById('run').disabled);
    assert.ok(await page.$('.lane[data-task=main] .seg.wait-gather'));
    assert.ok(await page.$('.lane[data-task=A] .seg.wait-sleep'));
    for (const kind of ['ready', 'wait-sleep', 'wait-await', 'wait-gather', 'wait-sync', 'wait-queue', 'wait-outside', 'wait-yield']) {
      assert.ok(await page.$(`.legend .seg.${kind}`), `legend: ${kind}`);
    }
    // the done marks at the end of the axis are inside the panel
    const inside = await page.evaluate(() => {
      const box = document.getElementById('timeline').getBoundingClientRect();
      return [...document.querySelectorAll('.mark.done, .mark.cancelled')].every((m) => m.getBoundingClientRect().right <= box.right);
    });
    assert.ok(inside, 'an end mark is clipped');
  });

  test('the scenario builder shows its program and the same in Python, each task\'s line marked', async () => {
    await page.selectOption('#scenario', 'script');
    await page.fill('#program', 'main: sleep 0.5; gather A B; print done\nA: sleep 1; print hello\nB: sleep 2');
    await page.selectOption('#speed', 'step');
    await page.click('#run');
    await page.waitForFunction(() => !document.getElementById('step').disabled);
    await stepTo(2); // main sleeps, A and B start and sleep
    assert.deepEqual(await marked('code-c'), [[1, 'main'], [2, 'A'], [3, 'B']]);
    const py = await page.$$eval('#code-py li', (lis) => lis.map((li) => li.textContent));
    const at = (text) => py.findIndex((l) => l === text) + 1;
    assert.deepEqual(await marked('code-py'), [[at('    await asyncio.sleep(0.5)'), 'main'],
      [at('    await asyncio.sleep(1)'), 'A'], [at('    await asyncio.sleep(2)'), 'B']]);
    await finishSteps();
    assert.match(await page.textContent('#log'), /\[2\.000s\] main: done/);
  });

  test('what a review found: one lane per loop, Stop ends a stepped run, the scenario stays while it runs', async () => {
    await page.selectOption('#scenario', 'bad_vs_better');
    await page.selectOption('#mode', 'bad');
    await page.selectOption('#speed', 'instant');
    await runAndWait();
    // three loops one after another: three main lanes, not one drawn over
    assert.deepEqual(await page.$$eval('.lane', (ls) => ls.map((l) => l.dataset.task)), ['main', 'main', 'main']);
    await startStepping('say_after', 'gather');
    assert.equal(await page.$eval('#scenario', (s) => s.disabled), true);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'step');
    await stepTo(2);
    await page.click('#stop');
    await page.waitForFunction(() => !document.getElementById('run').disabled);
    assert.match(await page.textContent('#summary'), /^EINTR/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'run');
    assert.equal(await page.$eval('#scenario', (s) => s.disabled), false);
  });

  test('after each demo\'s run the clock reads the time of its last event', async () => {
    const names = await page.$$eval('#scenario option', (os) => os.map((o) => o.value));
    await page.selectOption('#speed', 'instant');
    for (const name of names) {
      await page.selectOption('#scenario', name);
      await runAndWait();
      const last = await page.evaluate(() => {
        const times = window.wasioPlayground.tasks().map((e) => e.time);
        for (const m of document.getElementById('log').textContent.matchAll(/^\[(\d+\.\d+)s\]/gm)) times.push(Number(m[1]));
        return times.length ? Math.max(...times) : null;
      });
      const shown = await page.textContent('#loop-time');
      assert.equal(shown, last === null ? '–' : `${last.toFixed(3)} s`, name);
      assert.equal(await page.textContent('#loop-phase'), last === null ? '–' : 'done: the loop is closed', name);
    }
  });

  test('panels show the run at hand: cleared by a refused run, a new run, an opened trace', async () => {
    await page.selectOption('#scenario', 'say_after');
    await page.selectOption('#mode', 'gather');
    await page.selectOption('#speed', 'instant');
    await runAndWait();
    assert.equal(await page.textContent('#loop-time'), '2.000 s');
    await page.fill('#params input[name=first_delay]', 'soon');
    await runAndWait();
    // main failed at once: this run's clock and steps, not the last run's
    assert.match(await page.textContent('#summary'), /^EINVAL/);
    assert.equal(await page.textContent('#loop-time'), '0.000 s');
    assert.equal(await page.textContent('#loop-steps'), '1');
    assert.deepEqual(await page.$$eval('.lane', (ls) => ls.map((l) => l.dataset.task)), ['main']);
    assert.ok(await page.$('.lane[data-task=main] .mark.error'));
    await page.fill('#params input[name=first_delay]', '1');
    await page.selectOption('#speed', '1');
    await page.click('#run');
    assert.match(await page.textContent('#summary'), /^running say_after \(/);
    await page.waitForFunction(() => !document.getElementById('run').disabled);
    await page.setInputFiles('#import', { name: 'nope.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":1}') });
    await page.waitForFunction(() => /not a trace/.test(document.getElementById('summary').textContent));
    assert.equal(await page.textContent('#summary'), 'nope.json is not a trace wasio can open: it has no traceEvents list');
    await page.setInputFiles('#import', { name: 'empty.json', mimeType: 'application/json',
      buffer: Buffer.from('{"traceEvents":[{"ph":"X","cat":"task","ts":"NaN","dur":-1,"tid":1}]}') });
    await page.waitForFunction(() => /^empty\.json/.test(document.getElementById('summary').textContent));
    assert.match(await page.textContent('#summary'), /^empty\.json is not a trace wasio can open: it has no tasks/);
  });

  test('keyboard and screen readers: Enter on Run runs, lanes and panes are labelled', async () => {
    await page.selectOption('#scenario', 'say_after');
    await page.selectOption('#speed', 'instant');
    await page.focus('#run');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /done:/.test(document.getElementById('summary').textContent));
    const labels = await page.$$eval('.lane', (ls) => ls.map((l) => [l.getAttribute('role'), l.getAttribute('aria-label')]));
    assert.deepEqual(labels[0], ['listitem', 'main: done']);
    for (const id of ['code-c', 'code-py', 'loop-ready', 'loop-timers', 'timeline']) {
      assert.ok(await page.$eval(`#${id}`, (el) => el.getAttribute('aria-label')), id);
    }
  });

  test('390 px wide: no horizontal scroll, axis labels apart; screenshots of both widths', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${url}/web/`);
    await phone.waitForSelector('body[data-ready=true]');
    await phone.selectOption('#scenario', 'timeline');
    await phone.selectOption('#speed', 'instant');
    await phone.click('#run');
    await phone.waitForFunction(() => !document.getElementById('run').disabled);
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390);
    const overlap = await phone.evaluate(() => {
      const boxes = [...document.querySelectorAll('.tick')].map((t) => t.getBoundingClientRect());
      return boxes.some((b, i) => i > 0 && b.left < boxes[i - 1].right);
    });
    assert.equal(overlap, false, 'axis labels overlap');
    await phone.screenshot({ path: `${shots}/playground-390.png`, fullPage: true });
    await phone.close();
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
