// Every teaching demo on the virtual clock, byte for byte against its
// golden file, on every target: native, node:wasi, Wasmtime, and the web
// build's run(). Then the CLI's --chart and --trace.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../build/web/wasio.mjs';
import { cases, formatEvents, golden } from './golden.mjs';
import { runTarget, targets } from './targets.mjs';

const failing = { 'errors.uncaught': 'wasio: demo errors failed: EUSER: task failed (0.1 s)\n' };

for (const [name, target] of Object.entries(targets)) {
  const skip = target.argv ? false : `SKIP ${name}: ${target.reason}`;
  describe(`demos on ${name}, virtual clock`, { skip, concurrency: 4 }, () => {
    for (const [demo, mode] of cases) {
      test(`${demo} --mode ${mode}`, async () => {
        const started = performance.now();
        const { code, stdout, stderr } = await runTarget(name, ['demo', demo, '--mode', mode, '--virtual-time']);
        const took = performance.now() - started;
        const fails = failing[`${demo}.${mode}`];
        assert.equal(code, fails ? 1 : 0, stderr);
        if (fails) assert.equal(stderr, fails);
        assert.equal(stdout, golden(demo, mode));
        if (name === 'native') assert.ok(took < 500, `${took.toFixed(0)} ms on the virtual clock`);
      });
    }
  });
}

describe('demos in the web build, virtual clock', () => {
  for (const [demo, mode] of cases) {
    test(`${demo} ${mode}`, async () => {
      let events;
      try {
        ({ events } = await run(demo, { mode, virtualTime: true }));
        assert.ok(!failing[`${demo}.${mode}`], 'should have failed');
      } catch (err) {
        assert.ok(failing[`${demo}.${mode}`], err.message);
        assert.equal(`wasio: demo ${demo} failed: ${err.code}: ${err.message}\n`, failing[`${demo}.${mode}`]);
        events = err.events;
      }
      assert.equal(events.length ? formatEvents(events) : '', golden(demo, mode));
    });
  }
});

describe('--chart and --trace', () => {
  test('the chart draws one lane per task', async () => {
    const { code, stdout } = await runTarget('native', ['demo', 'say_after', '--mode', 'gather', '--virtual-time', '--chart']);
    assert.equal(code, 0);
    const chart = stdout.split('\n\n')[1].split('\n');
    assert.equal(chart[0], 'timeline (virtual clock): 2.000 s, one column = 0.034 s');
    assert.match(chart[1], /^ {15}0s +0\.5s +1s +1\.5s +2s$/);
    assert.equal(chart[2], `main           #${'-'.repeat(58)}*`);
    assert.equal(chart[3], `Task-2         #${'-'.repeat(28)}*${' '.repeat(30)}`);
    assert.equal(chart[4], `Task-3         #${'-'.repeat(58)}*`);
    assert.match(chart[5], /# ran {2}- waiting {2}\. ready {2}\* done {2}x error {2}c cancelled/);
  });

  for (const name of ['native', 'node:wasi', 'wasmtime']) {
    test(`the trace is Chrome Trace Event JSON (${name})`, { skip: targets[name].argv ? false : 'no wasmtime' }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wasio-trace-'));
      try {
        const file = name === 'native' ? join(dir, 'trace.json') : 'trace.json';
        const argv = ['demo', 'say_after', '--mode', 'gather', '--virtual-time', '--trace', file];
        // WASI: the file goes through the preopened current directory
        const { code, stderr } = name === 'wasmtime'
          ? await runTarget(name, argv, { cwd: dir, preArgs: ['--dir=.'] })
          : await runTarget(name, argv, { cwd: dir });
        assert.equal(code, 0, stderr);
        const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
        const spans = trace.traceEvents.filter((e) => e.ph === 'X');
        const tasks = spans.filter((e) => e.cat === 'task').map((e) => [e.name, e.ts, e.dur, e.args.outcome]);
        assert.deepEqual(tasks, [['main', 0, 2e6, 'done'], ['Task-2', 0, 1e6, 'done'], ['Task-3', 0, 2e6, 'done']]);
        assert.deepEqual(spans.filter((e) => e.cat === 'wait').map((e) => [e.name, e.tid, e.dur]),
          [['gather 2 tasks', 1, 2e6], ['sleep 1.000s', 2, 1e6], ['sleep 2.000s', 3, 2e6]]);
        assert.equal(trace.traceEvents.filter((e) => e.ph === 'i' && e.cat === 'timer').length, 2);
        assert.deepEqual(trace.traceEvents.filter((e) => e.ph === 'M').map((e) => e.args.name), ['main', 'Task-2', 'Task-3']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('a trace path that cannot be written: exit 2, nothing run', async () => {
    const { code, stdout, stderr } = await runTarget('native', ['demo', 'hello', '--trace', '/nonexistent/dir/t.json']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'wasio: cannot write the trace to /nonexistent/dir/t.json: No such file or directory\n');
  });
});
