// The hosts issue, end to end: standard input awaited beside a ticker on
// every CLI target, Ctrl-C on the native CLI, the two entry styles, and in
// the web build: JS promises awaited by C, AbortSignal, time slicing.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { run, WasioError } from '../../build/web/wasio.mjs';
import { parseEvents, root, runTarget, targets } from './targets.mjs';

// Runs a CLI target and feeds its stdin as it goes: each step waits until
// the output so far matches `after`, then writes `text` (null: end of
// input). Reacting to the output keeps the test exact on a busy machine.
function withInput(target, args, steps) {
  const [cmd, ...pre] = targets[target].argv;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let next = 0;
    const feed = () => {
      while (next < steps.length && steps[next][0].test(stdout)) {
        const text = steps[next++][1];
        if (text === null) child.stdin.end();
        else child.stdin.write(text);
      }
    };
    child.stdout.on('data', (d) => { stdout += d; feed(); });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    const guard = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('close', () => clearTimeout(guard));
  });
}

for (const [name, target] of Object.entries(targets)) {
  const skip = target.argv ? false : `SKIP ${name}: ${target.reason}`;
  describe(`stdin demo on ${name}`, { skip, concurrency: true }, () => {
    test('lines are echoed while the ticker keeps ticking', async () => {
      const { code, stdout, stderr } = await withInput(name, ['demo', 'stdin'], [
        [/reading standard input/, 'hello\n'],
        [/tick 1/, 'wor'], [/tick 1/, 'ld\n'],   // a line in two pieces
        [/echo: world/, 'tail'], [/echo: world/, null]]);
      assert.equal(code, 0, stderr);
      const events = parseEvents(stdout);
      assert.deepEqual(events.map((e) => e.text), [
        'reading standard input; a ticker ticks every second',
        'echo: hello', 'tick 1', 'echo: world', 'echo: tail', 'end of input after 1 tick',
      ]);
      const at = Object.fromEntries(events.map((e) => [e.text, e.time]));
      assert.ok(at['tick 1'] >= 1 && at['tick 1'] < 1.2, `tick at ${at['tick 1']}`);
      assert.ok(at['echo: world'] >= at['tick 1'], 'input arrives after the tick');
    });

    // issue 14 #16: a file or /dev/null as input ends at once everywhere
    // (natively, a closed stdin too: the SIGINT self-pipe once took fd 0)
    const inputs = ['< /dev/null', '< tests/golden/hello.run.txt', ...(name === 'native' ? ['<&-'] : [])];
    for (const input of inputs) {
      test(`input ${input}: echoed, then the end of input`, async () => {
        const r = spawnSync('bash', ['-c',
          `${targets[name].argv.map((a) => `'${a}'`).join(' ')} demo stdin ${input}`],
        { cwd: root, encoding: 'utf8', timeout: 10000 });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /end of input after 0 ticks\n$/);
        if (input.includes('golden')) assert.match(r.stdout, /echo: \[1\.000s\] main returns "done"/);
      });
    }

    test('styles, both ways, on the virtual clock', async () => {
      const python = await runTarget(name, ['demo', 'styles', '--mode', 'python', '--virtual-time']);
      assert.equal(python.code, 0);
      assert.equal(python.stdout, [
        '[0.000s] python style: wasio_run(main) started the loop explicitly; main is a task',
        '[0.000s] main: calling wasio_run() again from inside the loop',
        '[0.000s] main: refused: ENESTED: wasio_run() cannot be called from a running event loop',
        '[1.000s] ticker: tick 1',
        '[1.500s] main: returning; the ticker is still pending, so wasio_run cancels it',
        '[1.500s] ticker: cancelled after 1 tick; its cleanup runs', ''].join('\n'));
      const node = await runTarget(name, ['demo', 'styles', '--mode', 'node', '--virtual-time']);
      assert.equal(node.code, 0);
      assert.equal(node.stdout, [
        '[ main()] node style: main() spawns a task with wasio_spawn',
        '[ main()] main() returns now; nothing has run yet',
        '[0.000s] ticker: the implicit loop runs it now, after main() returned',
        '[1.000s] ticker: tick 1', '[2.000s] ticker: tick 2', '[3.000s] ticker: tick 3',
        '[3.000s] ticker: done', ''].join('\n'));
    });
  });
}

// Natively a SIGINT handler; on node:wasi (`node wasi/wasio.mjs`, what `npx
// wasio` runs) the runner's main thread takes Ctrl-C and hands it to the
// module in its worker through a descriptor it serves (issue 17).
for (const target of ['native', 'node:wasi']) describe(`Ctrl-C on the ${target} CLI`, { concurrency: true }, () => {
  const [cmd, ...pre] = targets[target].argv;
  // SIGINTs `signals` ms after the demo said "step 1" (a second into its
  // run): a start slowed by a busy machine cannot make them come early
  const interrupt = (mode, signals) => new Promise((resolve) => {
    const child = spawn(cmd, [...pre, 'demo', 'interrupt', '--mode', mode]);
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!sent && /\] step 1\n/.test(stdout)) {
        sent = true;
        signals.forEach((ms) => setTimeout(() => child.kill('SIGINT'), ms));
      }
    });
    child.stderr.on('data', (d) => { stderr += d; });
    const started = performance.now();
    const guard = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });

  test('the first SIGINT cancels main, its cleanup runs, exit 130', async () => {
    const r = await interrupt('cleanup', [300]);
    assert.equal(r.code, 130);
    assert.equal(r.stderr, 'wasio: interrupted by Ctrl-C (SIGINT): main was cancelled and its cleanup ran\n');
    const texts = parseEvents(r.stdout).map((e) => e.text);
    assert.deepEqual(texts.slice(-4), ['step 1', 'cancelled: interrupted by Ctrl-C (SIGINT)',
      'cleanup: closing files (0.2 s)', 'cleanup done']);
  });

  // the SIGINT goes in while a loop runs (on its first line): between two
  // runs no loop has Ctrl-C, and the default action ends the process
  for (const [demo, during] of [['runner', /run 1: user is nobody/], ['bad_vs_better', /job 1: start/]]) {
    test(`Ctrl-C in ${demo} (loops run by plain code) exits 130 too`, async () => {
      const child = spawn(cmd, [...pre, 'demo', demo]);
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.stdout.on('data', (d) => {
        stdout += d;
        if (during.test(stdout) && !child.signalled) {
          child.signalled = true;
          setTimeout(() => child.kill('SIGINT'), 50);
        }
      });
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(code, 130, stderr);
      assert.match(stderr, /^wasio: interrupted by Ctrl-C \(SIGINT\)/);
    });
  }

  test('a second SIGINT during the cleanup exits at once', async () => {
    const r = await interrupt('slow-cleanup', [300, 800]);
    // natively the default action of the second SIGINT; the node runner exits 130
    assert.ok(r.signal === 'SIGINT' || r.code === 130, `${r.code} ${r.signal}`);
    assert.ok(r.ms < 5000, `took ${r.ms} ms; the cleanup would take 30 s`);
    assert.match(r.stdout, /cleanup: closing files \(30\.0 s\)\n$/);
  });
});

// Busy for seconds: apart from the timed cases above, which it would slow.
for (const target of ['native', 'node:wasi']) describe(`Ctrl-C on the ${target} CLI, virtual clock`, () => {
  const [cmd, ...pre] = targets[target].argv;
  test('Ctrl-C on the virtual clock: the run is cancelled too', async () => {
    // the clock jumps instead of waiting, and still looks for a Ctrl-C
    const child = spawn(cmd, [...pre, 'demo', 'stress', '--virtual-time', '--set', 'n=50000000']);
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    setTimeout(() => child.kill('SIGINT'), 1500);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60000);
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(guard);
    assert.equal(code, 130, stderr);
    assert.equal(stderr, 'wasio: interrupted by Ctrl-C (SIGINT): main was cancelled and its cleanup ran\n');
  });

});

test('Wasmtime: an interrupt descriptor the runtime has not is forgotten, the run goes on',
  { skip: targets.wasmtime.argv ? false : `SKIP: ${targets.wasmtime.reason}` }, async () => {
    // Wasmtime refuses a whole poll_oneoff for an unknown descriptor (EBADF)
    const r = await runTarget('wasmtime', ['demo', 'say_after', '--mode', 'gather'],
      { preArgs: ['--env', 'WASIO_INTERRUPT_FD=77'] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\] finished\n$/);
  });

describe('web build: JS promises, abort, time slicing', () => {
  test('a C task awaits a JS promise (fs.promises.readFile in Node)', async () => {
    const { events } = await run('readfile');
    assert.deepEqual(events.map((e) => e.text), [
      'reading package.json through a JavaScript promise',
      events[1].text,
    ]);
    assert.match(events[1].text, /^read \d+ bytes; "name": "wasio"$/);
  });

  test('a rejection reaches the task with its message', async () => {
    await assert.rejects(run('readfile', { mode: 'missing' }), (err) => {
      assert.ok(err instanceof WasioError);
      assert.equal(err.code, 'EJS');
      assert.match(err.message, /^ENOENT: no such file or directory, open '.*no-such-file\.txt'$/);
      assert.match(err.events.at(-1).text, /^the promise was rejected: EJS: ENOENT/);
      return true;
    });
  });

  test('a rejection without a message still says what happened', async () => {
    await assert.rejects(run('readfile', { mode: 'bare-rejection' }),
      { code: 'EJS', message: 'promise rejected without a message' });
  });

  test('aborting cancels main; its cleanup runs; rejects with EINTR', async () => {
    const controller = new AbortController();
    const why = new Error('the user left');
    setTimeout(() => controller.abort(why), 1200);
    await assert.rejects(run('interrupt', { signal: controller.signal }), (err) => {
      assert.equal(err.code, 'EINTR');
      assert.equal(err.cause, why); // the abort's reason travels as the cause
      assert.equal(err.message, 'aborted: the main task was cancelled and its cleanup ran');
      assert.deepEqual(err.events.slice(-4).map((e) => e.text), ['step 1',
        'cancelled: aborted by the AbortSignal', 'cleanup: closing files (0.2 s)', 'cleanup done']);
      return true;
    });
  });

  test('an abort before the start rejects at once', async () => {
    await assert.rejects(run('interrupt', { signal: AbortSignal.abort('too late') }),
      { code: 'ECANCELLED', message: 'run() was aborted before it started', cause: 'too late' });
  });

  test('no descriptors on the JS host: a clear error', async () => {
    // the demo that reads stdin is refused before it starts (the C suite's
    // io.descriptor_errors_on_every_host checks what wasio_wait_readable
    // itself says on this host)
    await assert.rejects(run('stdin'), {
      code: 'ENOTSUP', message: 'demo stdin does not run in the web build (it runs in: native, WASI)',
    });
  });

  test('the two styles; plain-code lines have no loop time', async () => {
    const node = await run('styles', { mode: 'node', virtualTime: true });
    assert.deepEqual(node.events.slice(0, 3).map((e) => [e.time, e.text]), [
      [null, 'node style: main() spawns a task with wasio_spawn'],
      [null, 'main() returns now; nothing has run yet'],
      [0, 'ticker: the implicit loop runs it now, after main() returned']]);
    assert.deepEqual(node.events.at(-1), { type: 'log', time: 3, text: 'ticker: done' });
    const python = await run('styles', { mode: 'python', virtualTime: true });
    assert.deepEqual(python.events.at(-1), { type: 'log', time: 1.5, text: 'ticker: cancelled after 1 tick; its cleanup runs' });
  });

  test('10,000 busy tasks leave the JS thread free (8 ms time slices)', async () => {
    await run('crowd', { mode: '10000' }); // warm up: compile, grow memory
    let last = performance.now();
    let worst = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 5);
    const { events } = await run('crowd', { mode: '10000' });
    clearInterval(timer);
    assert.equal(events.at(-1).text, 'all 10000 tasks done');
    assert.ok(worst < 50, `the JS thread was blocked for ${worst.toFixed(1)} ms`);
  });
});
