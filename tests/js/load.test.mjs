// load(): a web module of one's own (tests/js/fixtures/app.c, built by the
// Makefile with wasio-cc --target=web as a user builds one), its entry
// points run from JavaScript: events, parameters, modes, errors, aborts,
// promises from the page, and runs at the same time that share nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { load, WasioError } from '../../build/web/wasio.mjs';

const appUrl = new URL('../../build/web/test/app.mjs', import.meta.url);
const texts = (result) => result.events.map((e) => `${e.time} ${e.text}`);

describe('load(): a module of ones own', () => {
  test('entries() lists what WASIO_ENTRY declared, in order, as copies', async () => {
    const app = await load(appUrl);
    const entries = app.entries();
    assert.deepEqual(entries.map((e) => e.name), ['count', 'hello', 'ask', 'spawner', 'fails', 'overflow',
      'renamed', 'crowd', 'twice', 'exits', 'partial', 'quiet_failure', 'positive_check', 'stuck']);
    assert.deepEqual(entries[0], { name: 'count', summary: 'counts to 3, a step apart',
      params: [{ name: 'label', default: 'run' }, { name: 'step', default: '0.5' }], modes: [] });
    assert.deepEqual(entries[1].modes, ['slow', 'fast']);
    entries[0].params.length = 0;
    assert.equal(app.entries()[0].params.length, 2);
  });

  test('stdout lines are log events on the loop\'s clock; parameters and modes reach the C', async () => {
    const app = await load(appUrl);
    assert.deepEqual(texts(await app.run('count', { virtualTime: true })), ['0 run 1', '0.5 run 2', '1 run 3']);
    assert.deepEqual(texts(await app.run('count', { virtualTime: true, params: { label: 'x', step: 2 } })),
      ['0 x 1', '2 x 2', '4 x 3']);
    assert.deepEqual(texts(await app.run('hello', { virtualTime: true })), ['2 hello, world (slow)']);
    assert.deepEqual(texts(await app.run('hello', { virtualTime: true, mode: 'fast', params: { who: 'ada' } })),
      ['1 hello, ada (fast)']);
  });

  test('a relative path in Node is from the current directory; the .wasm names the module too', async () => {
    const dir = fileURLToPath(new URL('../../build/web/test/', import.meta.url));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const app = await load('app.wasm');
      assert.deepEqual(texts(await app.run('hello', { virtualTime: true, mode: 'fast' })), ['1 hello, world (fast)']);
    } finally {
      process.chdir(cwd);
    }
  });

  test('runs at the same time each have their own instance: C globals included', async () => {
    const app = await load(appUrl);
    // `counter` is a C global: shared, the runs would count past 3
    // (real clocks, so that their steps interleave)
    const [a, b, c] = await Promise.all([
      app.run('count', { params: { label: 'a', step: 0.02 } }),
      app.run('count', { params: { label: 'b', step: 0.03 } }),
      app.run('count', { virtualTime: true, params: { label: 'c', step: 1 } }),
    ]);
    assert.deepEqual(a.events.map((e) => e.text), ['a 1', 'a 2', 'a 3']);
    assert.deepEqual(b.events.map((e) => e.text), ['b 1', 'b 2', 'b 3']);
    assert.deepEqual(c.events.map((e) => e.text), ['c 1', 'c 2', 'c 3']);
  });

  test('Node\'s style: plain code\'s lines come from main(), the tasks it spawned run after it', async () => {
    const app = await load(appUrl);
    const { events } = await app.run('spawner', { virtualTime: true });
    assert.deepEqual(events, [{ type: 'log', time: null, place: 'main()', text: 'spawning' },
      { type: 'log', time: 1, text: 'tick' }]);
  });

  test('a task awaits a promise of the page\'s, through a hook given to load()', async () => {
    let resolve;
    const app = await load(appUrl, { hooks: { word: () => new Promise((r) => { resolve = r; }) } });
    const run = app.run('ask');
    await new Promise((r) => setTimeout(r, 30));
    resolve('yes');
    assert.deepEqual((await run).events.map((e) => e.text), ['the page said yes']);
  });

  test('bad names, modes and parameters are refused with the C message; the app stays usable', async () => {
    const app = await load(appUrl);
    const refused = [
      [['nope'], 'EINVAL', "this module has no entry point 'nope'"],
      [['hello', { mode: 'medium' }], 'EINVAL', "hello has no mode 'medium'"],
      [['count', { mode: 'fast' }], 'EINVAL', "count has no mode 'fast'"],
      [['count', { params: { colour: 'red' } }], 'EINVAL', "count has no parameter 'colour'; it takes: label=run, step=0.5"],
      [['ask', { params: { x: 1 } }], 'EINVAL', "ask has no parameter 'x'; it takes none"],
      [['hello', { params: { who: ' ada' } }], 'EINVAL', 'who: no leading space, please'],
      [['count', { params: { label: 'a\0b' } }], 'EINVAL', 'parameter label: NUL is not allowed'],
      [['count', { params: { label: {} } }], 'EINVAL', 'parameter label: object is not a value (a string or a number)'],
      [['count', { params: { '': 1 } }], 'EINVAL', 'a parameter name is empty'],
      [['', {}], 'EINVAL', 'the entry name must be a non-empty string without NUL (got "")'],
      [['count', { speed: -1 }], 'EINVAL', 'speed must be a number > 0 (got -1)'],
    ];
    for (const [args, code, message] of refused) {
      await assert.rejects(app.run(...args), (err) => {
        assert.ok(err instanceof WasioError, String(err));
        assert.deepEqual([err.code, err.message, err.status], [code, message, -1]);
        return true;
      }, JSON.stringify(args));
    }
    assert.deepEqual(texts(await app.run('count', { virtualTime: true })), ['0 run 1', '0.5 run 2', '1 run 3']);
  });

  test('a failing entry rejects with its code and message; an abort cancels it and its cause travels', async () => {
    const app = await load(appUrl);
    await assert.rejects(app.run('fails', { virtualTime: true }),
      { code: 'EUSER', status: -1001, message: 'it went wrong at 0.25' });
    const controller = new AbortController();
    const run = app.run('count', { params: { step: 5 }, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 30));
    controller.abort('enough');
    await assert.rejects(run, (err) => {
      assert.equal(err.code, 'EINTR');
      assert.equal(err.cause, 'enough');
      assert.deepEqual(err.events.map((e) => e.text), ['run 1', 'run cancelled at 1']);
      return true;
    });
  });

  test('a task past its stack traps its own instance only: ESTACK, and the runs beside it go on', async () => {
    const app = await load(appUrl);
    const beside = app.run('count', { params: { step: 0.02 } });
    await assert.rejects(app.run('overflow', { virtualTime: true }), {
      code: 'ESTACK', message: 'task main overflowed its 16384-byte stack (ESTACK); raise wasio_run_opts.stack_size' });
    assert.deepEqual((await beside).events.map((e) => e.text), ['run 1', 'run 2', 'run 3']);
    assert.deepEqual(texts(await app.run('count', { virtualTime: true })), ['0 run 1', '0.5 run 2', '1 run 3']);
  });

  test('start(): a manual run steps, shows its insides, and stops', async () => {
    const app = await load(appUrl);
    const h = await app.start('count', { manual: true });
    assert.equal(h.snapshot().ready[0], 'main');
    h.step();
    assert.deepEqual(h.snapshot().timers, [{ at: 0.5, what: 'sleep', task: 'main' }]);
    h.stop();
    while (!h.step().done);
    await assert.rejects(h.finished, { code: 'EINTR' });
  });

  test('what is not a wasio module is refused with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasio-load-'));
    try {
      const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]); // a wasm module with nothing in it
      writeFileSync(join(dir, 'plain.wasm'), empty);
      writeFileSync(join(dir, 'plain.mjs'), 'export default async (module) => module;\n');
      writeFileSync(join(dir, 'nodefault.wasm'), empty);
      writeFileSync(join(dir, 'nodefault.mjs'), 'export const x = 1;\n');
      await assert.rejects(load(pathToFileURL(join(dir, 'plain.mjs'))), {
        code: 'EINVAL', message: /^not a wasio web module \(no _wasio_web_start, .*\): build it with wasio-cc --target=web$/ });
      await assert.rejects(load(pathToFileURL(join(dir, 'nodefault.mjs'))), {
        code: 'EINVAL', message: /nodefault\.mjs: not a loader written by wasio-cc --target=web$/ });
      await assert.rejects(load(pathToFileURL(join(dir, 'missing.mjs'))), /missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await assert.rejects(load(appUrl, { hooks: null }), { code: 'EINVAL', message: 'hooks must be an object' });
    await assert.rejects(load(null), { code: 'EINVAL', message: "load(): the module's URL is a string or a URL (got null)" });
    await assert.rejects(load(new URL('../wasio_core', appUrl)),
      { code: 'EINVAL', message: /wasio_core is not app\.mjs or app\.wasm, the files wasio-cc --target=web writes$/ });
  });
});

// What a review found (issue 17): each of these once crashed, hung, or said
// something else.
describe('load(): what a review found', () => {
  const run = async (name, options) => (await load(appUrl, options?.load)).run(name, options);

  test('step() is for manual runs; on another it is refused, and after the end it says done', async () => {
    const app = await load(appUrl);
    const h = await app.start('count', { params: { step: 0.01 } });
    assert.throws(() => h.step(), { code: 'ESTATE', message: /^step\(\) steps a manual run/ });
    await h.finished;
    const m = await app.start('count', { manual: true });
    const { step, snapshot } = m; // no `this` needed
    while (!step().done);
    const { steps } = snapshot(); // the loop's at its end
    assert.ok(steps >= 4, `${steps} steps`);
    assert.deepEqual(step(), { done: true, delay: -1, steps });
    assert.deepEqual([snapshot().phase, snapshot().time], ['done', 1.5]);
    // from inside a step (onEvent), a step of the same run is refused
    let nested;
    nested = await app.start('count', { manual: true, onEvent: () => nested?.step() });
    while (!nested.step().done);
    await assert.rejects(nested.finished, { code: 'EFAIL', message: /^onEvent threw: step\(\) was called from inside a step/ });
  });

  test('a check or plain code that returns a positive number, or fails without a message, is told so', async () => {
    await assert.rejects(run('positive_check'), { code: 'EINVAL',
      message: 'the check of entry positive_check returned 5; it returns 0 or a negative WASIO_E... code' });
    await assert.rejects(run('quiet_failure'), { code: 'EUSER', status: -1005, message: 'user-defined error' });
  });

  test('an abort cancels main whatever its name, and every task of a Node-style run', async () => {
    for (const name of ['renamed', 'crowd']) {
      const controller = new AbortController();
      const running = run(name, { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await assert.rejects(running, { code: 'EINTR' }, name);
    }
  });

  test('one promise, one task: the second awaiter and a later await are refused', async () => {
    const { events } = await run('twice', { load: { hooks: { word: async () => 'yes' } } })
      .catch((err) => err);
    assert.deepEqual(events.map((e) => e.text), [
      'b: wasio_js_await: promise 1 is already awaited by task Task-2',
      'a: yes',
      'again: wasio_js_await: promise 1 was awaited already']);
  });

  test('a line without its newline comes out at the end of its run, not in the next', async () => {
    const app = await load(appUrl);
    assert.deepEqual((await app.run('partial', { virtualTime: true })).events,
      [{ type: 'log', time: 1, text: 'no newline' }]);
    assert.deepEqual(texts(await app.run('hello', { virtualTime: true, mode: 'fast' })), ['1 hello, world (fast)']);
  });

  test('a promise an aborted run left does not keep a later run from its deadlock', async () => {
    const app = await load(appUrl, { hooks: { word: () => new Promise(() => {}) } });
    const controller = new AbortController();
    const asking = app.run('ask', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(asking, { code: 'EINTR' });
    // the same instance: nothing of the last run is pending
    await assert.rejects(app.run('stuck'), { code: 'EDEADLK' });
  });

  test('exit() and a hook that throws end the run with a WasioError; the app goes on', async () => {
    const app = await load(appUrl, { hooks: { word: () => { throw new Error('no word today'); } } });
    await assert.rejects(app.run('exits', { virtualTime: true }), {
      code: 'EFAIL', message: 'the program called exit(3), which ends its instance' });
    await assert.rejects(app.run('ask'), (err) => {
      assert.equal(err.code, 'EFAIL');
      assert.equal(err.message, 'JavaScript the program called threw: no word today');
      assert.equal(err.cause.message, 'no word today');
      return true;
    });
    assert.deepEqual(texts(await app.run('hello', { virtualTime: true, mode: 'fast' })), ['1 hello, world (fast)']);
  });

  test('a delay past setTimeout\'s 24.8 days waits instead of spinning', async () => {
    const app = await load(appUrl);
    const warnings = [];
    const warn = (w) => warnings.push(w.name);
    process.on('warning', warn);
    const h = await app.start('count', { params: { step: 3e6 } }); // 35 days, on the real clock
    await new Promise((r) => setTimeout(r, 200));
    process.off('warning', warn);
    assert.ok(h.snapshot().steps <= 3, `${h.snapshot().steps} steps in 200 ms`);
    h.stop();
    await assert.rejects(h.finished, { code: 'EINTR' });
    assert.deepEqual(warnings, []);
  });

  test('a module with a refused declaration is refused by load(); an undefined symbol, by the build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasio-bad-'));
    const cc = fileURLToPath(new URL('../../scripts/wasio-cc', import.meta.url));
    try {
      writeFileSync(join(dir, 'twice.c'), '#include <wasio.h>\nstatic int f(void *a, void **r) { return 0; }\n' +
        'WASIO_ENTRY("main", f);\nWASIO_ENTRY("main", f);\n');
      execFileSync(cc, ['--target=web', '-o', join(dir, 'twice.mjs'), join(dir, 'twice.c')]);
      await assert.rejects(load(pathToFileURL(join(dir, 'twice.mjs'))),
        { code: 'EINVAL', message: 'wasio_entry_register: two entries are named main' });
      writeFileSync(join(dir, 'undef.c'), '#include <wasio.h>\nvoid nowhere(void);\n' +
        'static int f(void *a, void **r) { nowhere(); return 0; }\nWASIO_ENTRY("main", f);\n');
      assert.throws(() => execFileSync(cc, ['--target=web', '-o', join(dir, 'undef.mjs'), join(dir, 'undef.c')],
        { stdio: 'pipe' }), (err) => /undefined symbols \(declared, never defined\): nowhere/.test(err.stderr));
      assert.ok(!existsSync(join(dir, 'undef.mjs')), 'nothing is written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
