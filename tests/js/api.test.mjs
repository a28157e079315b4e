// The JS API of the web build (Emscripten, JS host) under Node: run()
// resolves with the demo's events; the loop is driven by setTimeout and
// never blocks the JS thread.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { run, WasioError } from '../../build/web/wasio.mjs';
import { root, sayAfter } from './targets.mjs';

describe('web build: run()', () => {
  for (const [mode, expected] of Object.entries(sayAfter)) {
    test(`say_after ${mode} on the real clock, within 80 ms`, async () => {
      const { events, status } = await run('say_after', { mode });
      assert.equal(status, 0);
      assert.deepEqual(events.map((e) => e.text), expected.map(([text]) => text));
      events.forEach((e, i) => {
        const want = expected[i][1];
        assert.ok(e.time >= want - 0.001 && e.time <= want + 0.08, `${e.text} at ${e.time}s, want ${want}s`);
      });
    });

    test(`say_after ${mode} on the virtual clock is exact`, async () => {
      const { events } = await run('say_after', { mode, virtualTime: true });
      assert.deepEqual(events.map((e) => [e.text, e.time]), expected);
    });
  }

  test('the JS thread stays free while the loop waits', async () => {
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 50);
    const started = performance.now();
    await run('say_after', { mode: 'tasks' });
    clearInterval(ticker);
    const elapsed = performance.now() - started;
    // a blocking loop would leave no room for the interval at all
    assert.ok(ticks >= Math.floor(elapsed / 50) - 3, `${ticks} ticks in ${elapsed} ms`);
  });

  test('onEvent streams the lines and the task events as they happen', async () => {
    const seen = [];
    const { events, tasks } = await run('say_after', {
      mode: 'gather', virtualTime: true, onEvent: (e) => seen.push(e),
    });
    assert.deepEqual(seen.filter((e) => e.type === 'log'), events);
    assert.deepEqual(seen.filter((e) => e.type !== 'log'), tasks);
    assert.equal(events.length, 4);
    // in order, with loop times: the timeline of seed 004's gather
    assert.deepEqual(tasks.map((e) => [e.type, e.time, e.task, e.detail]), [
      ['created', 0, 'main', ''], ['started', 0, 'main', ''],
      ['created', 0, 'Task-2', ''], ['created', 0, 'Task-3', ''],
      ['waiting', 0, 'main', 'gather 2 tasks'],
      ['started', 0, 'Task-2', ''], ['waiting', 0, 'Task-2', 'sleep 1.000s'],
      ['started', 0, 'Task-3', ''], ['waiting', 0, 'Task-3', 'sleep 2.000s'],
      ['timer', 1, 'Task-2', 'sleep'], ['resumed', 1, 'Task-2', ''], ['done', 1, 'Task-2', ''],
      ['timer', 2, 'Task-3', 'sleep'], ['resumed', 2, 'Task-3', ''], ['done', 2, 'Task-3', ''],
      ['resumed', 2, 'main', ''], ['done', 2, 'main', ''],
    ]);
    // a task that fails: 'error' with the code and message
    await assert.rejects(run('errors', { mode: 'uncaught', virtualTime: true }), (err) => {
      const failed = err.tasks.find((e) => e.type === 'error');
      assert.deepEqual([failed.task, failed.detail, failed.status], ['main', 'task failed (0.1 s)', -1001]);
      return true;
    });
  });

  test('list() describes every demo', async () => {
    const { list } = await import('../../build/web/wasio.mjs');
    const demos = await list();
    assert.equal(demos[0].name, 'hello');
    const sayAfter = demos.find((d) => d.name === 'say_after');
    assert.deepEqual(sayAfter, { name: 'say_after', seed: '004', modes: ['sequential', 'tasks', 'gather'],
      summary: 'two greetings, awaited one after the other, as tasks, and gathered',
      params: [{ name: 'first', default: 'hello' }, { name: 'first_delay', default: '1' },
        { name: 'second', default: 'world' }, { name: 'second_delay', default: '2' }],
      builds: ['native', 'wasi', 'web'], ownLoops: false });
    assert.deepEqual(demos.find((d) => d.name === 'readfile').builds, ['web']);
    // plain code that runs loops of its own: they run to their end at once
    assert.deepEqual(demos.filter((d) => d.ownLoops).map((d) => d.name), ['bad_vs_better', 'runner']);
    assert.ok(!demos.some((d) => d.name === 'stdin'), 'stdin needs file descriptors');
  });

  test('WasioErrorCode in the .d.ts is every code of wasio.h, in its order, then EUSER', () => {
    const header = readFileSync(`${root}src/wasio.h`, 'utf8');
    const codes = [...header.matchAll(/^\s*XX\((E[A-Z0-9]+),/gm)].map((m) => m[1]).concat('EUSER');
    const types = readFileSync(`${root}build/web/wasio.d.ts`, 'utf8');
    const union = /export type WasioErrorCode =([^;]*);/.exec(types)[1];
    assert.deepEqual([...union.matchAll(/'(E[A-Z0-9]+)'/g)].map((m) => m[1]), codes);
  });

  test('parameters that are not values are refused (issue 17)', async () => {
    for (const [value, what] of [[null, 'null'], [{}, 'object'], [[1], 'object']]) {
      await assert.rejects(run('say_after', { params: { first: value } }),
        { code: 'EINVAL', message: `parameter first: ${what} is not a value (a string or a number)` });
    }
  });

  test('list() and the CLI agree on the demos each build runs (issue 17)', async () => {
    const { list } = await import('../../build/web/wasio.mjs');
    const web = await list();
    const cli = spawnSync(`${root}build/native/wasio`, ['list'], { encoding: 'utf8' });
    const native = cli.stdout.trim().split('\n').map((line) => line.split(' ')[0]);
    // every demo of list() that runs natively is in `wasio list`, and the
    // other way round for every demo that also runs in the web build
    for (const d of web) assert.equal(native.includes(d.name), d.builds.includes('native'), d.name);
    for (const name of native) {
      const help = spawnSync(`${root}build/native/wasio`, ['demo', name, '--help'], { encoding: 'utf8' });
      const builds = /^runs in: (.*)$/m.exec(help.stdout)[1];
      assert.equal(web.some((d) => d.name === name), builds.includes('web build'), name);
    }
    await assert.rejects(run('stdin'), (err) => {
      assert.equal(err.code, 'ENOTSUP');
      assert.equal(err.message, 'demo stdin does not run in the web build (it runs in: native, WASI)');
      return true;
    });
  });

  test('an unknown demo rejects with a WasioError carrying the C code and message', async () => {
    await assert.rejects(run('nope'), (err) => {
      assert.ok(err instanceof WasioError);
      assert.equal(err.code, 'EINVAL');
      assert.equal(err.message, "unknown demo 'nope'");
      return true;
    });
  });

  test('an unknown mode rejects', async () => {
    await assert.rejects(run('say_after', { mode: 'fast' }),
      { name: 'WasioError', code: 'EINVAL', message: "demo say_after has no mode 'fast'" });
  });

  test('snapshot() shows the ready queue in order and the timers soonest first', async () => {
    const { start } = await import('../../build/web/wasio.mjs');
    const h = await start('say_after', { mode: 'gather', manual: true });
    assert.deepEqual(h.snapshot(), { time: 0, steps: 0, live: 1, phase: 'main',
      counts: { ready: 1, timers: 0 }, ready: ['main'], timers: [] });
    h.step(); // main creates the two tasks and gathers them
    assert.deepEqual(h.snapshot(), { time: 0, steps: 1, live: 3, phase: 'main',
      counts: { ready: 2, timers: 0 }, ready: ['Task-2', 'Task-3'], timers: [] });
    h.step(); // they sleep
    assert.deepEqual(h.snapshot().timers, [{ at: 1, what: 'sleep', task: 'Task-2' },
      { at: 2, what: 'sleep', task: 'Task-3' }]);
    while (!h.step().done);
    const { events } = await h.finished;
    assert.equal(events.at(-1).text, 'finished');
    assert.equal(h.snapshot().phase, 'done');
  });

  test('snapshot() lists the first 200 entries and counts them all', async () => {
    const { start } = await import('../../build/web/wasio.mjs');
    const h = await start('crowd', { mode: '1000', manual: true, tasks: false });
    h.step(); // main creates 1000 tasks, then yields (it does once a thousand)
    const s = h.snapshot();
    assert.equal(s.live, 1001);
    assert.deepEqual(s.counts, { ready: 1001, timers: 0 });
    assert.equal(s.ready.length, 200);
    assert.deepEqual(s.ready.slice(0, 2), ['Task-2', 'Task-3']);
    h.stop();
    for (let i = 0; i < 1000 && !h.step().done; i++);
    await assert.rejects(h.finished, { code: 'EINTR' });
  });

  test('error codes are C\'s, read from the module', async () => {
    await assert.rejects(run('say_after', { speed: 0 }), { code: 'EINVAL', status: -1 });
    const aborted = AbortSignal.abort();
    await assert.rejects(run('say_after', { signal: aborted }), { code: 'ECANCELLED', status: -3 });
  });

  test('runs at the same time each have a loop of their own: none sees another\'s events', async () => {
    const [slow, fast, third] = await Promise.all([
      run('say_after', { mode: 'gather', virtualTime: false }),
      run('timeline', { mode: 'gather', virtualTime: true }),
      run('say_after', { mode: 'sequential', virtualTime: true, params: { first: 'bonjour' } }),
    ]);
    // the real clock: the times within a tenth of a second
    assert.deepEqual(slow.events.map((e) => `${e.time.toFixed(1)} ${e.text}`),
      ['0.0 started (gather)', '1.0 hello', '2.0 world', '2.0 finished']);
    assert.deepEqual(third.events.map((e) => `${e.time} ${e.text}`),
      ['0 started (sequential)', '1 bonjour', '3 world', '3 finished']);
    assert.equal(fast.events.at(-1).time, 3);
    assert.ok(!fast.events.some((e) => /hello|bonjour|world/.test(e.text)), 'no line of another run');
    assert.deepEqual(new Set(third.tasks.map((e) => e.taskId)).size, 1, 'sequential: main alone');
  });
});
