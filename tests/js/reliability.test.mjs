// Reliability, from the outside: a million tasks with random sleeps and
// cancellations on every CLI target, memory exhaustion under a limit, and
// bad input to the CLI and the JS API (a clear error and exit code 2, or a
// rejected Promise with a code; never a trap or a stack dump).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { run, WasioError } from '../../build/web/wasio.mjs';
import { root, runTarget, targets } from './targets.mjs';

// The same counts on every target: the demo's random numbers come from a
// fixed seed, and the virtual clock makes every run the same.
const MILLION = '[99.902s] 1000000 tasks: 908435 finished, 91565 cancelled (125234 asked), ' +
  '0 other, 0 ended twice, 0 lost\n';

// [args, stderr (a string: exact; a RegExp: matched)]
const badInput = [
  [['demo', 'nope'], /^wasio: unknown demo 'nope'; choose one of: hello /],
  [['demo', 'ünïcödé ☃'], /^wasio: unknown demo 'ünïcödé ☃'; choose one of: /],
  [['demo', 'say_after', '--mode', '😀'],
    "wasio: demo say_after has no mode '😀'; choose one of: sequential tasks gather\n"],
  [['demo', 'say_after', '--set', 'nope=1'],
    "wasio: demo say_after has no parameter 'nope'; it takes: first=hello, first_delay=1, " +
    'second=world, second_delay=2\n'],
  [['demo', 'hello', '--set', 'n=1'], "wasio: demo hello has no parameter 'n'; it takes none\n"],
  [['demo', 'say_after', '--set', '=1'], 'wasio: --set needs KEY=VALUE\n'],
  [['demo', 'say_after', '--set', 'first=a;b'],
    "wasio: --set first: a value cannot hold ';' (it separates parameters)\n"],
  [['demo', 'say_after', '--set'], 'wasio: --set needs a value: KEY=VALUE\n'],
  [['demo', 'say_after', '--virtual-time=1'], 'wasio: --virtual-time takes no value\n'],
  // issue 17: decimal numbers only, and a bad program is a usage error too
  [['demo', 'timeout', '--set', 'timeout=0x10'],
    "wasio: demo timeout failed: EINVAL: parameter timeout: '0x10' is not a number of seconds from 0 to 3600\n"],
  [['demo', 'stress', '--set', 'seconds=abc'], // soak's, checked in every mode
    "wasio: demo stress failed: EINVAL: parameter seconds: 'abc' is not a number of seconds from 0 to 3600\n"],
  [['demo', 'hello', 'extra'], "wasio: unknown option 'extra' (see 'wasio demo hello --help')\n"],
  [['demo', 'stress', '--set', 'n= 5'],
    "wasio: demo stress failed: EINVAL: parameter n: ' 5' is not a whole number from 1 to 100000000\n"],
  [['demo', 'script', '--set=program=main: bogus'],
    "wasio: demo script failed: EINVAL: line 1: unknown step 'bogus' (sleep, print, await, gather, " +
    'wait_for, cancel)\n'],
  [['demo', 'stress', '--set', 'n=abc'],
    "wasio: demo stress failed: EINVAL: parameter n: 'abc' is not a whole number from 1 to 100000000\n"],
  [['demo', 'stress', '--set', 'n=1e99'],
    "wasio: demo stress failed: EINVAL: parameter n: '1e99' is not a whole number from 1 to 100000000\n"],
  [['demo', 'stress', '--set', 'n=99999999999999999999999'],
    "wasio: demo stress failed: EINVAL: parameter n: '99999999999999999999999' is not a whole number " +
    'from 1 to 100000000\n'],
  [['demo', 'bench', '--set', 'n=-3'],
    "wasio: demo bench failed: EINVAL: parameter n: '-3' is not a whole number from 2 to 50000000\n"],
  [['demo', 'timeout', '--set', 'work=nan'],
    "wasio: demo timeout failed: EINVAL: parameter work: 'nan' is not a number of seconds from 0 to 3600\n"],
  [['demo', 'timeout', '--set', 'work=1e400'],
    "wasio: demo timeout failed: EINVAL: parameter work: '1e400' is not a number of seconds from 0 to 3600\n"],
  [['demo', 'timeout', '--set', 'work=-1'],
    "wasio: demo timeout failed: EINVAL: parameter work: '-1' is not a number of seconds from 0 to 3600\n"],
  [['demo', 'say_after', '--trace', '/nonexistent/dir/t.json'],
    /^wasio: cannot write the trace to \/nonexistent\/dir\/t\.json: /],
  [['demo', 'say_after', '--set', `first=${'x'.repeat(5000)}`],
    'wasio: --set first: the value is too long (at most 47 bytes)\n'],
  // issue 14 #17: never cut silently (70 digits, then junk)
  [['demo', 'stress', '--set', `n=${'1'.repeat(70)}junk`],
    'wasio: --set n: the value is too long (at most 47 bytes)\n'],
  [['demo', 'script', '--set', `program=main: print ${'y'.repeat(5000)}`],
    /^wasio: --set: the parameters are too long \(at most \d+ bytes\)\n$/],
];

for (const [name, target] of Object.entries(targets)) {
  const skip = target.argv ? false : `SKIP ${name}: ${target.reason}`;
  describe(`reliability on ${name}`, { skip, concurrency: true }, () => {
    test('1,000,000 tasks with random sleeps and cancellations: every one ends once', async () => {
      const { code, stdout, stderr } = await runTarget(name, ['demo', 'stress', '--virtual-time'],
        { timeout: 120000 });
      assert.equal(code, 0, stderr);
      assert.equal(stdout, MILLION);
    });

    test('a task recursing far past its stack never writes past it', async () => {
      const { code, signal, stdout, stderr } = await runTarget(name,
        ['demo', 'stress', '--mode', 'overflow', '--virtual-time'], { timeout: 60000 });
      assert.equal(signal, null);
      if (name === 'native') {
        // the guard page: the task ends with WASIO_ESTACK, the loop goes on
        assert.equal(code, 0, stderr);
        assert.equal(stdout, '[0.000s] Task-2: ESTACK: task Task-2 overflowed its 262144-byte stack\n' +
          '[1.000s] the loop carries on: ok\n');
      } else {
        // the stack limit: a trap before the first write past the stack
        assert.equal(code, 134);
        assert.equal(stdout, '');
        if (name === 'node:wasi') {
          assert.equal(stderr, 'wasio: fatal: task Task-2 overflowed its 16384-byte stack (ESTACK); ' +
            'raise wasio_run_opts.stack_size\n');
        } else {
          assert.match(stderr, /wasm trap: wasm `unreachable` instruction executed/);
        }
      }
    });

    for (const [args, expected] of badInput) {
      test(`bad input: wasio ${args.join(' ').slice(0, 60)}`, async () => {
        const { code, signal, stdout, stderr } = await runTarget(name, args);
        assert.equal(signal, null);
        assert.equal(code, 2, stderr);
        assert.equal(stdout, '');
        if (typeof expected === 'string') assert.equal(stderr, expected);
        else assert.match(stderr, expected);
        assert.doesNotMatch(stderr, /RuntimeError|wasm trap|backtrace|Error: /);
      });
    }
  });
}

describe('output that cannot be written (issue 14 #17)', () => {
  // (Node opens /dev/null on a closed stdout before any script runs, so a
  // closed stdout is the native CLI's case alone)
  for (const [what, redirect, where] of [['a full disk', '>/dev/full', ['native', 'node:wasi']],
    ['a closed stdout', '>&-', ['native']]]) {
    test(`${what}: exit 1 with a message (${where.join(', ')})`, () => {
      for (const argv of where.map((t) => targets[t].argv)) {
        const cmd = `${argv.map((a) => `'${a}'`).join(' ')} demo hello --virtual-time ${redirect}`;
        const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
        assert.equal(r.status, 1, `${cmd}: ${r.stderr}`);
        assert.match(r.stderr, /^wasio: cannot write to standard output/m);
      }
    });
  }
});

describe('a reader that goes away (| head -1)', () => {
  // natively SIGPIPE ends the program; WASI has no signals, so the demos'
  // writer stops the run itself instead of running on unheard
  for (const target of ['native', 'node:wasi']) {
    test(`the interrupt demo ends at its next line on ${target}`, () => {
      const cmd = `${targets[target].argv.map((a) => `'${a}'`).join(' ')} demo interrupt | head -1`;
      const started = performance.now();
      const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: 20000 });
      assert.match(r.stdout, /^\[0\.00\ds\] working for 60 s; press Ctrl-C\n$/);
      assert.ok(performance.now() - started < 10000, 'it ran on for the 60 s');
    });
  }
});

describe('out of memory', () => {
  // The sanitizers reserve terabytes of address space, so the native limit
  // is tested on the CLI (no sanitizers) under `ulimit -v`; the wasm builds
  // run the C case tasks_until_out_of_memory with a 256 MiB maximum.
  test('native, under ulimit -v: ENOMEM, then every task finishes and new ones work', () => {
    const r = spawnSync('bash', ['-c',
      `ulimit -v 600000; exec "${root}build/native/wasio" demo stress --mode oom --virtual-time`],
    { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 3, r.stdout);
    const m = lines[0].match(/^\[0\.000s\] ENOMEM after (\d+) tasks: (.*)$/);
    assert.ok(m, lines[0]);
    assert.ok(Number(m[1]) > 500, `only ${m[1]} tasks`);
    assert.match(m[2], /^(wasio_create_task: out of memory|no memory for the task's stack)$/);
    assert.equal(lines[1], `[5.000s] ${m[1]} of ${m[1]} finished`);
    assert.equal(lines[2], '[10.000s] a new task after them: ok');
  });

  test('without a limit the oom mode says so instead of eating the machine', async () => {
    const { code, stderr } = await runTarget('native', ['demo', 'stress', '--mode', 'oom', '--set', 'n=1000',
      '--virtual-time']);
    assert.equal(code, 1);
    assert.equal(stderr, 'wasio: demo stress failed: EFAIL: stress: 10000 tasks and memory has not run out; ' +
      'run this under a memory limit\n');
  });
});

describe('bad input to the JS API', () => {
  const cases = [
    [['nope'], 'EINVAL', "unknown demo 'nope'"],
    [['say_after', { mode: '😀' }], 'EINVAL', "demo say_after has no mode '😀'"],
    [['stress', { params: { n: 'abc' }, virtualTime: true }], 'EINVAL',
      "parameter n: 'abc' is not a whole number from 1 to 100000000"],
    [['timeout', { params: { work: 'Infinity' }, virtualTime: true }], 'EINVAL',
      "parameter work: 'Infinity' is not a number of seconds from 0 to 3600"],
    // issue 14 #18, #21: refused before anything starts
    [['hello', { signal: 'x' }], 'EINVAL', 'signal must be an AbortSignal'],
    [['hello', { onEvent: 5 }], 'EINVAL', 'onEvent must be a function'],
    [['say_after', { params: { nope: 1 } }], 'EINVAL',
      "demo say_after has no parameter 'nope'; it takes: first=hello, first_delay=1, second=world, second_delay=2"],
    [['hello', { speed: 0 }], 'EINVAL', 'speed must be a number > 0 (got 0)'],
    [['hello', { speed: -1 }], 'EINVAL', 'speed must be a number > 0 (got -1)'],
    [['hello', { speed: NaN }], 'EINVAL', 'speed must be a number > 0 (got NaN)'],
    [['say_after\0junk'], 'EINVAL', 'the demo name must be a non-empty string without NUL (got "say_after\\u0000junk")'],
  ];
  for (const [args, code, message] of cases) {
    test(`run(${JSON.stringify(args)}) rejects with ${code}`, async () => {
      await assert.rejects(run(...args), (err) => {
        assert.ok(err instanceof WasioError, String(err));
        assert.equal(err.code, code);
        assert.equal(err.message, message);
        return true;
      });
    });
  }

  test('a task past its stack limit rejects with ESTACK; the next run gets a fresh instance', async () => {
    await assert.rejects(run('stress', { mode: 'overflow', virtualTime: true }), (err) => {
      assert.ok(err instanceof WasioError, String(err));
      assert.equal(err.code, 'ESTACK');
      assert.equal(err.message, 'task Task-2 overflowed its 16384-byte stack (ESTACK); ' +
        'raise wasio_run_opts.stack_size');
      return true;
    });
  });

  test('an onEvent that throws ends that run with its error; the next run works (#18)', async () => {
    const boom = () => { throw new Error('listener broke'); };
    for (let i = 0; i < 2; i++) {
      await assert.rejects(run('say_after', { mode: 'gather', virtualTime: true, onEvent: boom }), (err) => {
        assert.ok(err instanceof WasioError, String(err));
        assert.equal(err.code, 'EFAIL');
        assert.equal(err.message, 'onEvent threw: listener broke');
        return true;
      });
    }
  });

  test('an abort right after run() cancels the run with EINTR (#19)', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const p = run('say_after', { mode: 'gather', signal: controller.signal }); // 2 s
    controller.abort(); // while the module loads: before the run starts
    await assert.rejects(p, (err) => {
      assert.equal(err.code, 'EINTR');
      return true;
    });
    assert.ok(performance.now() - started < 1500, 'the abort was lost: the run went on');
  });

  test('snapshot() is valid JSON whatever a task is named (#20)', async () => {
    const { start } = await import('../../build/web/wasio.mjs');
    const h = await start('script', { manual: true, params: { program: 'main: await C\x01d"\\\nC\x01d"\\: sleep 1' } });
    const names = new Set();
    for (let i = 0; i < 6; i++) {
      const s = h.step(); // parses snapshot() each time
      for (const t of h.snapshot().timers) names.add(t.task);
      if (s.done) break;
    }
    assert.ok(names.has('C\x01d"\\'), JSON.stringify([...names]));
    await h.finished;
  });

  test('the loop still works after them', async () => {
    const result = await run('say_after', { mode: 'gather', virtualTime: true });
    assert.equal(result.status, 0);
    const lines = result.events.filter((e) => e.type === 'log').map((e) => `[${e.time.toFixed(3)}s] ${e.text}`);
    assert.deepEqual(lines, ['[0.000s] started (gather)', '[1.000s] hello', '[2.000s] world', '[2.000s] finished']);
  });
});
