// The examples as a user builds them: with the SDK installed into PREFIX
// (make test-examples installs one into build/sdk), for the native and the
// WASI build, then run natively, on node:wasi and on Wasmtime, each on the
// virtual clock, their output compared with what the program must print.
//   node examples/run.mjs PREFIX
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [prefix] = process.argv.slice(2);
if (!prefix) {
  console.error('usage: node examples/run.mjs PREFIX');
  process.exit(2);
}
const here = fileURLToPath(new URL('.', import.meta.url));
const runner = fileURLToPath(new URL('../wasi/wasio.mjs', import.meta.url));
const wasmtime = (() => {
  try {
    return execFileSync('python3', ['-c', 'import wasmtime_cli; print(wasmtime_cli._binary_path())'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { return null; }
})();

const expected = {
  say_after: '[1.000] hello\n[2.000] world\n[2.000] finished\n',
  producer_consumer: ['[0.000] put 1', '[0.000] got 1', '[0.100] put 2', '[0.200] put 3',
    '[0.250] got 2', '[0.300] put 4', '[0.500] got 3', '[0.500] put 5', '[0.750] got 4',
    '[1.000] got 5', '[1.750] nothing for 0.5 s: done after 5 items', ''].join('\n'),
};

const dir = mkdtempSync(join(tmpdir(), 'wasio-examples-'));
const cc = join(prefix, 'bin', 'wasio-cc');
let failed = 0;
const check = (label, run) => {
  try {
    run();
    console.log(`ok   ${label}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${label}\n${err.message}`);
  }
};
try {
  for (const [name, output] of Object.entries(expected)) {
    const source = join(here, `${name}.c`);
    const exe = join(dir, name);
    const wasm = join(dir, `${name}.wasm`);
    check(`${name}: wasio-cc --target=native`, () =>
      execFileSync(cc, ['--target=native', '-o', exe, source], { stdio: 'inherit' }));
    check(`${name}: wasio-cc --target=wasi`, () =>
      execFileSync(cc, ['--target=wasi', '-o', wasm, source], { stdio: 'inherit' }));
    check(`${name} natively`, () =>
      assert.equal(execFileSync(exe, ['--virtual-time'], { encoding: 'utf8' }), output));
    check(`${name} on node:wasi`, () =>
      assert.equal(execFileSync(process.execPath, [runner, '--virtual-time'],
        { encoding: 'utf8', env: { ...process.env, WASIO_WASM: wasm } }), output));
    if (wasmtime) {
      check(`${name} on Wasmtime`, () =>
        assert.equal(execFileSync(wasmtime, ['run', wasm, '--virtual-time'], { encoding: 'utf8' }), output));
    } else {
      console.log(`SKIP ${name} on Wasmtime (no wasmtime: make deps installs it)`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.log(`${failed} failed`);
  process.exit(1);
}
