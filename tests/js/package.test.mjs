// The npm package as a user gets it: `npm pack`, installed into an empty
// project without the network, then used from the command line (npx), from
// Node (import), from TypeScript (the .d.ts), and from a browser page.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launch } from './browser.mjs';
import { golden } from './golden.mjs';
import { root } from './targets.mjs';
import { startServer } from '../../web/serve.mjs';

const exec = promisify(execFile);
const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
const tsc = `${root}node_modules/.bin/tsc`;
let haveTsc = true;
try { statSync(tsc); } catch { haveTsc = false; }

describe('the npm package', () => {
  let dir;
  let tarball;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wasio-pkg-'));
    const { stdout } = await exec('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: root });
    tarball = join(dir, stdout.trim().split('\n').at(-1));
    const app = join(dir, 'app');
    await exec('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    await exec('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--silent'], { cwd: app });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const app = () => join(dir, 'app');

  test('the tarball is small and holds only what users need', async () => {
    const size = statSync(tarball).size;
    assert.ok(size < 300 * 1024, `${size} bytes`);
    const { stdout } = await exec('tar', ['-tzf', tarball]);
    assert.deepEqual(stdout.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort(), [
      'LICENSE', 'README.md', 'build/wasi/wasio.wasm', 'build/web/wasio.d.ts', 'build/web/wasio.mjs',
      'build/web/wasio_core.mjs', 'build/web/wasio_core.wasm', 'package.json', 'wasi/wasio.d.ts',
      'wasi/wasio.mjs']);
  });

  test('npx wasio: the CLI on node:wasi, same output, same exit codes', async () => {
    const { stdout } = await exec('npx', ['--no-install', 'wasio', 'demo', 'say_after', '--mode', 'gather',
      '--virtual-time'], { cwd: app() });
    assert.equal(stdout, golden('say_after', 'gather'));
    const v = await exec('npx', ['--no-install', 'wasio', '--version'], { cwd: app() });
    assert.equal(v.stdout, `wasio ${version}\n`);
    await assert.rejects(exec('npx', ['--no-install', 'wasio', 'demo', 'nope'], { cwd: app() }),
      (err) => err.code === 2 && /unknown demo 'nope'/.test(err.stderr));
  });

  test('Ctrl-C under npx wasio: main is cancelled, its cleanup runs (issue 17)', async () => {
    // a terminal sends SIGINT to the whole foreground group: npx and node
    const child = spawn('npx', ['--no-install', 'wasio', 'demo', 'interrupt'], { cwd: app(), detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (/step 1\n/.test(stdout) && !child.signalled) {
        child.signalled = true;
        process.kill(-child.pid, 'SIGINT');
      }
    });
    child.stderr.on('data', (d) => { stderr += d; });
    const guard = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 30000);
    const [code, signal] = await new Promise((resolve) => child.on('close', (c, s) => resolve([c, s])));
    clearTimeout(guard);
    // what a shell reports as 130 either way: npm ends by the same signal
    assert.ok(code === 130 || signal === 'SIGINT', `${code} ${signal}`);
    assert.match(stdout, /cancelled: interrupted by Ctrl-C \(SIGINT\)\n.*cleanup: closing files \(0\.2 s\)\n.*cleanup done\n$/s);
    assert.equal(stderr, 'wasio: interrupted by Ctrl-C (SIGINT): main was cancelled and its cleanup ran\n');
  });

  test("import { run, list } from 'wasio' in Node", async () => {
    const script = `
      import { run, list, WasioError } from 'wasio';
      import { runWasi } from 'wasio/wasi';
      const demos = await list();
      const { events, tasks } = await run('say_after', { mode: 'gather', virtualTime: true });
      let code = null;
      try { await run('nope'); } catch (e) { code = e instanceof WasioError && e.code; }
      const exit = await runWasi(['--version'], { stdout: 2 });
      console.log(JSON.stringify({ demos: demos.length, first: demos[0].name, events: events.map((e) => [e.time, e.text]),
        tasks: tasks.filter((t) => t.type === 'done').map((t) => t.task), code, exit }));`;
    writeFileSync(join(app(), 'use.mjs'), script);
    const { stdout } = await exec('node', ['use.mjs'], { cwd: app() });
    const r = JSON.parse(stdout);
    assert.equal(r.first, 'hello');
    assert.ok(r.demos >= 20);
    assert.deepEqual(r.events, [[0, 'started (gather)'], [1, 'hello'], [2, 'world'], [2, 'finished']]);
    assert.deepEqual(r.tasks, ['Task-2', 'Task-3', 'main']);
    assert.equal(r.code, 'EINVAL');
    assert.equal(r.exit, 0);
  });

  test("require('wasio/wasi') and require('wasio') from CommonJS (issue 17)", async () => {
    const script = `
      const { runWasi } = require('wasio/wasi');
      const { run } = require('wasio');
      runWasi(['--version'], { stdout: 2 }).then(async (exit) => {
        const { events } = await run('hello', { virtualTime: true });
        console.log(JSON.stringify({ exit, first: events[0].text }));
      });`;
    writeFileSync(join(app(), 'use.cjs'), script);
    const { stdout, stderr } = await exec('node', ['use.cjs'], { cwd: app() });
    assert.deepEqual(JSON.parse(stdout), { exit: 0, first: 'hello' }, stderr);
  });

  test('the .d.ts types a real use, and rejects a wrong one', { skip: haveTsc ? false : 'SKIP: no tsc (make deps installs typescript)' }, async () => {
    const ok = `
      import { run, list, load, WasioError, type TaskEvent, type LogEvent, type App, type EntryInfo } from 'wasio';
      import { runWasi } from 'wasio/wasi';
      const controller = new AbortController();
      const result = await run('say_after', { mode: 'gather', virtualTime: true, signal: controller.signal,
        onEvent: (e) => { if (e.type === 'log') { const t: number | null = e.time; void t; } } });
      const lines: LogEvent[] = result.events;
      const waits: TaskEvent[] = result.tasks.filter((t) => t.type === 'waiting');
      const names: string[] = (await list()).map((d) => d.name);
      try { await run('nope'); } catch (e) { if (e instanceof WasioError) { const c: string = e.code; void c; } }
      const code: number = await runWasi(['list']);
      const app: App = await load(new URL('./app.mjs', import.meta.url), { hooks: { answer: 42 } });
      const entries: EntryInfo[] = app.entries();
      const mine = await app.run('main', { params: { first: 'bonjour', n: 2, on: true } });
      const handle = await app.start('main', { manual: true });
      handle.step();
      void lines; void waits; void names; void code; void entries; void mine;`;
    const config = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--target', 'es2022', '--lib', 'es2022,dom', '--types', 'node', '--skipLibCheck', 'false'];
    writeFileSync(join(app(), 'use.ts'), ok);
    // @types/node is not needed: the package's types stand on their own
    await exec(tsc, [...config.filter((a) => a !== '--types' && a !== 'node'), 'use.ts'], { cwd: app() });
    writeFileSync(join(app(), 'wrong.ts'), "import { run } from 'wasio';\nawait run(42, { mode: 7 });\n");
    await assert.rejects(exec(tsc, [...config.filter((a) => a !== '--types' && a !== 'node'), 'wrong.ts'], { cwd: app() }),
      (err) => /wrong\.ts\(2,\d+\): error TS2345/.test(err.stdout));
  });

  // A page whose script writes say_after's lines into #out.
  const indexHtml = (script) => '<!doctype html><title>wasio</title>' +
    `<script type="module" src="${script}"></script><pre id="out">loading</pre>\n`;

  // Serves `dir` and loads its index.html in Chromium: say_after's lines,
  // and no page error.
  async function sayAfterInChromium(t, dir) {
    const { browser, reason } = await launch();
    if (!browser) {
      t.skip(`SKIP: ${reason}`);
      return;
    }
    const { server, url } = await startServer({ root: dir, port: 0, index: '/index.html' });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}/index.html`);
      await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading');
      assert.equal(await page.textContent('#out'), '0 started (gather)\n1 hello\n2 world\n2 finished');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      server.close();
    }
  }

  // A page bundled by esbuild and by Vite (devDependencies of this
  // repository), from `import { run } from 'wasio'` in the installed
  // package, served and run in Chromium: the bundle holds no `node:`
  // import, and the .wasm is found beside it (Vite emits it; with esbuild,
  // copying it beside the bundle is the one line it needs).
  const bundlers = {
    esbuild: async (out) => {
      await exec(`${root}node_modules/.bin/esbuild`, ['bundle.mjs', '--bundle', '--platform=browser',
        '--format=esm', `--outfile=${out}/bundle.js`], { cwd: app() });
      await exec('cp', ['node_modules/wasio/build/web/wasio_core.wasm', out], { cwd: app() });
      writeFileSync(join(out, 'index.html'), indexHtml('bundle.js'));
    },
    vite: async (out) => {
      writeFileSync(join(app(), 'index.html'), indexHtml('./bundle.mjs'));
      await exec(`${root}node_modules/.bin/vite`, ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
        { cwd: app() });
    },
  };
  for (const [name, bundle] of Object.entries(bundlers)) {
    test(`a page bundled with ${name} runs say_after in Chromium`, async (t) => {
      writeFileSync(join(app(), 'bundle.mjs'), `
        import { run } from 'wasio';
        run('say_after', { mode: 'gather', virtualTime: true }).then(({ events }) => {
          document.getElementById('out').textContent = events.map((e) => e.time + ' ' + e.text).join('\\n');
        }, (err) => { document.getElementById('out').textContent = 'failed: ' + err.message; });\n`);
      const out = join(app(), `dist-${name}`);
      await bundle(out);
      const code = readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
      assert.doesNotMatch(code, /(import|require)\(\s*["']node:/, 'a node: import in the browser bundle');
      await sayAfterInChromium(t, out);
    });
  }

  test('a plain <script type="module"> page loads the installed package', async (t) => {
    writeFileSync(join(app(), 'index.html'), indexHtml('main.mjs'));
    writeFileSync(join(app(), 'main.mjs'), `
      import { run } from './node_modules/wasio/build/web/wasio.mjs';
      const { events } = await run('say_after', { mode: 'gather', virtualTime: true });
      document.getElementById('out').textContent = events.map((e) => e.time + ' ' + e.text).join('\\n');\n`);
    await sayAfterInChromium(t, app());
  });
});
