// The examples as a user builds them: with the SDK installed into PREFIX
// (make test-examples installs one into build/sdk), for the native, the
// WASI and the web build, then run natively, on node:wasi, on Wasmtime,
// and through the installed JavaScript host's load() in Node and in
// headless Chromium, each on the virtual clock, their output compared
// with what the program must print.
//   node examples/run.mjs PREFIX
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../tests/js/browser.mjs';
import { startServer } from '../web/serve.mjs';

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
const web = join(dir, 'web'); // app.mjs and its app.wasm, apart from the WASI one
mkdirSync(web);
const host = await import(pathToFileURL(join(prefix, 'share', 'wasio', 'js', 'wasio.mjs')));

// A page served from a folder holding the installed JavaScript host (js/)
// and the two modules, which loads each and runs them: say_after twice at
// once, producer_consumer beside them.
async function inChromium() {
  const { browser, reason } = await launch();
  if (!browser) {
    console.log(`SKIP Chromium: ${reason}`);
    return;
  }
  execFileSync('cp', ['-r', join(prefix, 'share', 'wasio', 'js'), join(web, 'js')]);
  // (the server's Content-Security-Policy allows no inline script)
  writeFileSync(join(web, 'index.html'),
    '<!doctype html><meta charset="utf-8"><pre id="out">loading</pre><script type="module" src="main.mjs"></script>');
  writeFileSync(join(web, 'main.mjs'), `
  import { load } from './js/wasio.mjs';
  const text = (r) => r.events.map((e) => e.text + '\\n').join('');
  try {
    const [say, pc] = await Promise.all([load('say_after.mjs'), load('producer_consumer.mjs')]);
    const runs = await Promise.all([say.run('main', { virtualTime: true }),
      say.run('main', { virtualTime: true, params: { first: 'bonjour' } }),
      pc.run('main', { virtualTime: true })]);
    document.getElementById('out').textContent = JSON.stringify(runs.map(text));
  } catch (err) {
    document.getElementById('out').textContent = 'error: ' + err.code + ' ' + err.message;
  }`);
  const { server, url } = await startServer({ root: web, port: 0, index: '/index.html' });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/favicon|404/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${url}/index.html`);
    await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading');
    const out = await page.textContent('#out');
    assert.ok(out.startsWith('['), out);
    assert.deepEqual(JSON.parse(out), [expected.say_after, expected.say_after.replace('hello', 'bonjour'),
      expected.producer_consumer]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
}
const cc = join(prefix, 'bin', 'wasio-cc');
let failed = 0;
const check = async (label, run) => {
  try {
    await run();
    console.log(`ok   ${label}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${label}\n${err.message}`);
  }
};
// A run's log events as the lines the CLI builds print.
const lines = (events) => events.map((e) => `${e.text}\n`).join('');
try {
  for (const [name, output] of Object.entries(expected)) {
    const source = join(here, `${name}.c`);
    const exe = join(dir, name);
    const wasm = join(dir, `${name}.wasm`);
    await check(`${name}: wasio-cc --target=native`, () =>
      execFileSync(cc, ['--target=native', '-o', exe, source], { stdio: 'inherit' }));
    await check(`${name}: wasio-cc --target=wasi`, () =>
      execFileSync(cc, ['--target=wasi', '-o', wasm, source], { stdio: 'inherit' }));
    await check(`${name}: wasio-cc --target=web`, () =>
      execFileSync(cc, ['--target=web', '-o', join(web, `${name}.mjs`), source], { stdio: 'inherit' }));
    await check(`${name} natively`, () =>
      assert.equal(execFileSync(exe, ['--virtual-time'], { encoding: 'utf8' }), output));
    await check(`${name} on node:wasi`, () =>
      assert.equal(execFileSync(process.execPath, [runner, '--virtual-time'],
        { encoding: 'utf8', env: { ...process.env, WASIO_WASM: wasm } }), output));
    if (wasmtime) {
      await check(`${name} on Wasmtime`, () =>
        assert.equal(execFileSync(wasmtime, ['run', wasm, '--virtual-time'], { encoding: 'utf8' }), output));
    } else {
      console.log(`SKIP ${name} on Wasmtime (no wasmtime: make deps installs it)`);
    }
    await check(`${name} through load() in Node`, async () => {
      const app = await host.load(pathToFileURL(join(web, `${name}.mjs`)));
      assert.equal(lines((await app.run('main', { virtualTime: true })).events), output);
    });
  }
  await check('two runs of say_after at once, in one Node process', async () => {
    const app = await host.load(pathToFileURL(join(web, 'say_after.mjs')));
    assert.deepEqual(app.entries(), [{ name: 'main', summary: 'two greetings, gathered',
      params: [{ name: 'first', default: 'hello' }, { name: 'second', default: 'world' }], modes: [] }]);
    const [a, b] = await Promise.all([
      app.run('main', { virtualTime: true, params: { first: 'bonjour' } }),
      app.run('main', { params: { second: 'monde' } }), // the real clock: 2 s
    ]);
    assert.equal(lines(a.events), expected.say_after.replace('hello', 'bonjour'));
    // on the real clock: the times within a tenth of a second
    assert.deepEqual(b.events.map((e) => `${e.time.toFixed(1)} ${e.text.replace(/^\[[\d.]+\] /, '')}`),
      ['1.0 hello', '2.0 monde', '2.0 finished']);
  });
  await check('both examples through load() in Chromium, two runs at once', inChromium);
  // With WASI_SDK_PATH, wasio-cc takes clang and the sysroot from a
  // wasi-sdk's layout: the one the environment names, or else one made of
  // Debian's clang-16 and wasi-libc (which checks the paths, not another
  // toolchain).
  await check('say_after: wasio-cc --target=wasi with WASI_SDK_PATH', () => {
    let sdk = process.env.WASI_SDK_PATH;
    if (!sdk) {
      sdk = join(dir, 'wasi-sdk');
      mkdirSync(join(sdk, 'bin'), { recursive: true });
      mkdirSync(join(sdk, 'share', 'wasi-sysroot', 'lib'), { recursive: true });
      symlinkSync('/usr/bin/clang-16', join(sdk, 'bin', 'clang'));
      symlinkSync('/usr/include/wasm32-wasi', join(sdk, 'share', 'wasi-sysroot', 'include'));
      symlinkSync('/usr/lib/wasm32-wasi', join(sdk, 'share', 'wasi-sysroot', 'lib', 'wasm32-wasi'));
    }
    const wasm = join(dir, 'sdk-say_after.wasm');
    execFileSync(cc, ['--target=wasi', '-o', wasm, join(here, 'say_after.c')],
      { stdio: 'inherit', env: { ...process.env, WASI_SDK_PATH: sdk, WASI_CC: '', WASI_SYSROOT: '' } });
    assert.equal(execFileSync(process.execPath, [runner, '--virtual-time'],
      { encoding: 'utf8', env: { ...process.env, WASIO_WASM: wasm } }), expected.say_after);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.log(`${failed} failed`);
  process.exit(1);
}
