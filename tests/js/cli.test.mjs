// The CLI on every target: native, the WASI module on node:wasi, and the
// same module on Wasmtime. say_after on the real clock (within 80 ms) and on
// the virtual clock (exact), exit codes and messages, and the C suite.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseEvents, runTarget, sayAfter, targets, root } from './targets.mjs';

const TOLERANCE = 0.08;

for (const [name, target] of Object.entries(targets)) {
  const skip = target.argv ? false : `SKIP ${name}: ${target.reason}`;
  if (skip) console.error(skip);

  describe(`cli on ${name}`, { skip, concurrency: true }, () => {
    for (const [mode, expected] of Object.entries(sayAfter)) {
      test(`say_after --mode ${mode} on the real clock`, async () => {
        const { code, stdout, stderr } = await runTarget(name, ['demo', 'say_after', '--mode', mode]);
        assert.equal(code, 0, stderr);
        const events = parseEvents(stdout);
        assert.deepEqual(events.map((e) => e.text), expected.map(([text]) => text));
        events.forEach((e, i) => {
          const want = expected[i][1];
          assert.ok(e.time >= want - 0.001, `${e.text} at ${e.time}s: before ${want}s`);
          assert.ok(e.time <= want + TOLERANCE, `${e.text} at ${e.time}s: later than ${want}s + 80 ms`);
        });
      });

      test(`say_after --mode ${mode} on the virtual clock is exact`, async () => {
        const { code, stdout } = await runTarget(name, ['demo', 'say_after', '--mode', mode, '--virtual-time']);
        assert.equal(code, 0);
        const lines = expected.map(([text, t]) => `[${t.toFixed(3)}s] ${text}`).join('\n');
        assert.equal(stdout, `${lines}\n`);
      });
    }

    test('the default mode is sequential', async () => {
      const { stdout } = await runTarget(name, ['demo', 'say_after', '--virtual-time']);
      assert.match(stdout, /^\[0\.000s\] started \(sequential\)\n/);
    });

    test('unknown demo: exit 2, the choices listed', async () => {
      const { code, stdout, stderr } = await runTarget(name, ['demo', 'nope']);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(stderr, "wasio: unknown demo 'nope'; choose one of: hello say_after timeline lifecycle " +
        'bad_vs_better nested structured concurrent errors timeout cancel debug client server runner ' +
        'styles stdin interrupt crowd lateness script bench stress\n');
    });

    test('unknown mode: exit 2, the modes listed', async () => {
      const { code, stderr } = await runTarget(name, ['demo', 'say_after', '--mode', 'fast']);
      assert.equal(code, 2);
      assert.equal(stderr, "wasio: demo say_after has no mode 'fast'; choose one of: sequential tasks gather\n");
    });

    test('unknown option and missing value: exit 2', async () => {
      let r = await runTarget(name, ['demo', 'say_after', '--speed']);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "wasio: unknown option '--speed' (see 'wasio demo say_after --help')\n");
      r = await runTarget(name, ['demo', 'say_after', '--mode']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--mode needs a value; choose one of: sequential tasks gather/);
      r = await runTarget(name, []);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^usage: wasio list/);
    });

    test('--help and demo --help', async () => {
      const help = await runTarget(name, ['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^usage: wasio list\n/);
      assert.match(help.stdout, /--trace FILE +write the run as Chrome Trace Event JSON/);
      const demoHelp = 'wasio demo timeout: a 5 s operation given 1 s: wait_for and a timeout scope\n' +
        'from seed 003\nmodes: wait_for scope (default: wait_for)\n' +
        'parameters (--set KEY=VALUE): work=5, timeout=1\n' +
        'runs in: native, WASI, web build\n' +
        'usage: wasio demo timeout [--mode MODE] [--virtual-time] [--debug] [--trace FILE] [--chart] [--set KEY=VALUE]...\n';
      for (const args of [['demo', '--help', 'timeout'], ['demo', '-h', 'timeout'], ['demo', 'timeout', '--help'],
        ['demo', 'timeout', '--virtual-time', '-h']]) {
        const demo = await runTarget(name, args);
        assert.equal(demo.code, 0, args.join(' '));
        assert.equal(demo.stdout, demoHelp, args.join(' '));
      }
      const bad = await runTarget(name, ['demo', '--help', 'nope']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^wasio: unknown demo 'nope'; choose one of: hello /);
      const cmd = await runTarget(name, ['frobnicate']);
      assert.equal(cmd.code, 2);
      assert.equal(cmd.stderr, "wasio: unknown command 'frobnicate' (see 'wasio --help')\n");
    });

    test('a parameter given twice: the last value counts', async () => {
      const r = await runTarget(name, ['demo', 'say_after', '--set', 'first=x', '--set=first=y', '--virtual-time']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^\[0\.000s\] started \(sequential\)\n\[1\.000s\] y\n/);
    });

    test('--opt=value as well as --opt value', async () => {
      const spaced = await runTarget(name, ['demo', 'say_after', '--mode', 'gather', '--set', 'first=hey', '--virtual-time']);
      const joined = await runTarget(name, ['demo', 'say_after', '--mode=gather', '--set=first=hey', '--virtual-time']);
      assert.equal(joined.code, 0, joined.stderr);
      assert.equal(joined.stdout, spaced.stdout);
      assert.match(joined.stdout, /^\[0\.000s\] started \(gather\)\n\[1\.000s\] hey\n/);
      const bad = await runTarget(name, ['demo', 'say_after', '--mode=fast']);
      assert.equal(bad.code, 2);
      assert.equal(bad.stderr, "wasio: demo say_after has no mode 'fast'; choose one of: sequential tasks gather\n");
    });

    test('--version and list', async () => {
      for (const flag of ['--version', '-V']) {
        const version = await runTarget(name, [flag]);
        assert.equal(version.code, 0);
        assert.match(version.stdout, /^wasio \d+\.\d+\.\d+\n$/);
      }
      const list = await runTarget(name, ['list']);
      assert.equal(list.code, 0);
      const lines = list.stdout.trim().split('\n');
      assert.equal(lines.length, 23); /* one line per demo */
      assert.equal(lines[0], 'hello          the smallest asyncio.run(main()): hello, sleep 1 s, world (seed 000; modes: run)');
      assert.match(list.stdout, /\nsay_after +two greetings.*\(seed 004; modes: sequential tasks gather\)\n/);
      assert.match(list.stdout, /\nstdin +echo standard input.*\(wasio: hosts; modes: echo\)\n/);
    });
  });
}

// The C suite as a WASI module on Wasmtime (make test-c runs it natively
// and on node:wasi).
describe('C suite on wasmtime', { skip: targets.wasmtime.argv ? false : `SKIP: ${targets.wasmtime.reason}` }, () => {
  test('every case passes', async () => {
    const { execFile } = await import('node:child_process');
    const [wasmtime] = targets.wasmtime.argv;
    const { stdout, code } = await new Promise((resolve) => {
      execFile(wasmtime, ['run', `${root}build/wasi/wasio-tests.wasm`], (err, out) =>
        resolve({ stdout: out, code: err ? err.code : 0 }));
    });
    const summary = /^(\d+) passed, (\d+) failed(, \d+ skipped)?$/m.exec(stdout);
    assert.ok(summary, stdout);
    assert.equal(Number(summary[2]), 0, stdout);
    assert.ok(Number(summary[1]) >= 30, stdout);
    assert.equal(code, 0);
  });
});
