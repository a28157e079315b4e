// `make bench` / `make bench-quick`: wasio against what its users would
// pick instead, on this machine, in one run. Every contender runs the same
// workloads (demos/bench.c, bench/asyncio_bench.py, bench/node_bench.mjs);
// each figure is the median of several runs. Writes bench/RESULTS.md and
// bench/results.svg and prints the tables.
//   node bench/bench.mjs [--quick]
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const reps = quick ? 3 : 5;

const sizes = quick
  ? { spawn: 20000, switch: 100000, timers: 2000, memory: 10000, queue: 100000, lock: 100000, cpu: 10000000 }
  : { spawn: 200000, switch: 1000000, timers: 100000, memory: 100000, queue: 1000000, lock: 1000000, cpu: 40000000 };
const scaleSizes = quick ? [1000, 10000, 50000] : [10000, 100000, 1000000];

// ------------------------------------------------------------- contenders

function firstWorking(candidates, args) {
  for (const c of candidates) {
    try {
      return { path: c, out: execFileSync(c, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim() };
    } catch { /* next */ }
  }
  return null;
}

// The newest CPython on the machine: on PATH, or any pyenv version.
function newestPython() {
  const pyenv = `${os.homedir()}/.pyenv/versions`;
  const found = [];
  const tryPython = (p) => {
    try {
      const v = execFileSync(p, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      found.push({ path: p, version: v });
    } catch { /* not this one */ }
  };
  for (const name of ['python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3']) tryPython(name);
  if (existsSync(pyenv)) {
    for (const v of execFileSync('ls', [pyenv], { encoding: 'utf8' }).trim().split('\n')) {
      if (/^3\.\d+/.test(v)) tryPython(`${pyenv}/${v}/bin/python3`);
    }
  }
  const key = (v) => v.split('.').map(Number).reduce((a, b) => a * 1000 + b, 0);
  found.sort((a, b) => key(b.version) - key(a.version));
  return found[0] ?? null;
}

const python = newestPython();
let uvloopVersion = null;
if (python) {
  try {
    uvloopVersion = execFileSync(python.path, ['-c', 'import uvloop; print(uvloop.__version__)'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* not installed */ }
}
const wasmtime = firstWorking([process.env.WASMTIME ?? 'wasmtime',
  (() => { try { return execFileSync('python3', ['-c', 'import wasmtime_cli; print(wasmtime_cli._binary_path())'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'none'; } })()],
['--version']);

const parseResult = (stdout) => {
  const line = stdout.split('\n').find((l) => l.includes('result {'));
  if (!line) throw new Error(`no result in: ${stdout.slice(0, 200)}`);
  return JSON.parse(line.slice(line.indexOf('result ') + 7));
};
// A workload id with "-step" runs the same workload with step tasks (demos/bench.c step=1).
const demoArgs = (id, n) => {
  const [w, step] = id.split('-');
  return ['demo', 'bench', '--mode', w, '--set', `n=${n}`, ...(step ? ['--set', 'step=1'] : []),
    ...(w === 'timers' ? [] : ['--virtual-time'])];
};

const contenders = [
  { name: 'wasio native', run: async (w, n) => parseResult((await exec(`${root}build/native/wasio`, demoArgs(w, n), { maxBuffer: 1 << 24 })).stdout) },
  { name: 'wasio WASI, node:wasi', run: async (w, n) => parseResult((await exec(process.execPath, [`${root}wasi/wasio.mjs`, ...demoArgs(w, n)], { maxBuffer: 1 << 24 })).stdout) },
  wasmtime && { name: `wasio WASI, ${wasmtime.out.split(' ').slice(0, 2).join(' ')}`, run: async (w, n) => parseResult((await exec(wasmtime.path, ['run', `${root}build/wasi/wasio.wasm`, ...demoArgs(w, n)], { maxBuffer: 1 << 24 })).stdout) },
  { name: 'wasio web build, Node', run: async (w, n) => JSON.parse((await exec(process.execPath, [`${root}bench/web_bench.mjs`, w.split('-')[0], String(n), w.endsWith('-step') ? '1' : '0'])).stdout) },
  { name: 'wasio web build, Chromium', browser: true },
  python && { name: `CPython ${python.version} asyncio`, baseline: true, run: async (w, n) => JSON.parse((await exec(python.path, [`${root}bench/asyncio_bench.py`, w, String(n)])).stdout) },
  python && uvloopVersion && { name: `uvloop ${uvloopVersion}`, run: async (w, n) => JSON.parse((await exec(python.path, [`${root}bench/asyncio_bench.py`, w, String(n), '--uvloop'])).stdout) },
  { name: `Node ${process.version}`, run: async (w, n) => JSON.parse((await exec(process.execPath, ['--expose-gc', `${root}bench/node_bench.mjs`, w, String(n)])).stdout) },
  // What a C programmer in the browser would use instead: Emscripten's own
  // fibers (bench/fibers.c), for the switch and for memory per suspended fiber.
  { name: 'Emscripten fibers, Node', only: ['switch', 'memory'], run: async (w, n) => JSON.parse((await exec(process.execPath, [`${root}bench/fibers.mjs`, w, String(n)])).stdout) },
  { name: 'Emscripten fibers, Chromium', only: ['switch', 'memory'], run: async (w, n) => {
    if (!page) throw new Error(browserInfo);
    const { fibersInPage } = await import('./fibers_chromium.mjs');
    return JSON.parse(await fibersInPage(page, [w, n]));
  } },
].filter(Boolean);

// Chromium: one page for every run, driven by playwright-core.
let page = null;
let browserInfo = 'not installed';
async function openBrowser() {
  const { launch } = await import('../tests/js/browser.mjs');
  const { startServer } = await import('../web/serve.mjs');
  const { browser, reason } = await launch();
  if (!browser) {
    browserInfo = reason;
    return null;
  }
  const { server, url } = await startServer({ port: 0 });
  page = await browser.newPage();
  await page.goto(`${url}/package.json`);
  browserInfo = `Chromium ${browser.version()}`;
  return async () => { await browser.close(); server.close(); };
}

const chromium = contenders.find((c) => c.browser);
chromium.run = async (w, n) => {
  if (!page) throw new Error(browserInfo);
  // wasm memory never shrinks: measure memory on a fresh instance
  if (w.startsWith('memory')) await page.reload();
  return page.evaluate(async ([id, size]) => {
    const [workload, step] = id.split('-');
    const { run } = await import('/build/web/wasio.mjs');
    const { events } = await run('bench', { mode: workload, params: { n: size, step: step ? 1 : 0 }, virtualTime: workload !== 'timers', tasks: false });
    const line = events.find((e) => e.text.startsWith('result '));
    return JSON.parse(line.text.slice(7));
  }, [w, n]);
};

// ---------------------------------------------------------------- running

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

async function measure(contender, workload, n, key) {
  const values = [];
  let extra = {};
  for (let i = 0; i < reps; i++) {
    try {
      const r = await contender.run(workload, n);
      values.push(r[key]);
      if (workload === 'timers') extra = { p50: [...(extra.p50 ?? []), r.p50_ms], p99: [...(extra.p99 ?? []), r.p99_ms] };
    } catch (err) {
      return { error: String(err.stderr || err.message).split('\n').find((l) => l.trim()) ?? 'failed' };
    }
  }
  const out = { value: median(values) };
  if (extra.p50) { out.p50 = median(extra.p50); out.p99 = median(extra.p99); }
  return out;
}

const workloads = [
  { id: 'spawn', title: `1. spawn: ${sizes.spawn.toLocaleString('en')} no-op tasks created and awaited`, key: 'per_second', unit: 'tasks/s', higher: true },
  { id: 'switch', title: `2. switch: two tasks ping-pong through sleep(0), ${sizes.switch.toLocaleString('en')} switches`, key: 'per_second', unit: 'switches/s', higher: true },
  { id: 'timers', title: `3. timers: ${sizes.timers.toLocaleString('en')} tasks sleeping 0–0.5 s (real clock): wall time, lateness`, key: 'seconds', unit: 's wall', higher: false },
  { id: 'memory', title: `4. idle memory: ${sizes.memory.toLocaleString('en')} tasks waiting on one Event`, key: 'bytes_per_task', unit: 'bytes/task', higher: false },
  { id: 'spawn-step', title: `4b. spawn with step tasks (no stack of their own): ${sizes.spawn.toLocaleString('en')}; the others as in 1`, key: 'per_second', unit: 'tasks/s', higher: true, same: 'spawn' },
  { id: 'memory-step', title: `4c. idle memory, step tasks: ${sizes.memory.toLocaleString('en')} waiting on one Event; the others as in 4`, key: 'bytes_per_task', unit: 'bytes/task', higher: false, same: 'memory' },
  { id: 'queue', title: `5. queue: producer and consumer, bounded queue (100), ${sizes.queue.toLocaleString('en')} items`, key: 'per_second', unit: 'items/s', higher: true },
  { id: 'lock', title: `6. lock: 100 tasks contending for one Lock, ${sizes.lock.toLocaleString('en')} acquisitions`, key: 'per_second', unit: 'acquisitions/s', higher: true },
];

function fmt(v, unit) {
  if (v === undefined || v === null) return '–';
  if (unit === 's wall') return `${v.toFixed(3)} s`;
  if (unit === 'bytes/task') return `${Math.round(v).toLocaleString('en')} B`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)} M/s`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} k/s`;
  return v.toFixed(1);
}

const closeBrowser = await openBrowser();
const results = {};
for (const w of workloads) {
  results[w.id] = {};
  for (const c of contenders) {
    if (c.only && !c.only.includes(w.same ?? w.id)) continue; // not a workload it has
    // a step-task row measures wasio only; the others have no such tasks
    if (w.same && !c.name.startsWith('wasio')) {
      results[w.id][c.name] = results[w.same][c.name];
      continue;
    }
    process.stderr.write(`bench: ${w.id} / ${c.name}\n`);
    results[w.id][c.name] = await measure(c, w.id, sizes[w.same ?? w.id], w.key);
  }
}

// 7. Asyncify's cost: the same module with and without the pass.
const cpuRuns = { asyncify: [], plain: [] };
for (let i = 0; i < reps; i++) {
  for (const variant of ['asyncify', 'plain']) {
    const { stdout } = await exec(process.execPath, [`${root}bench/cpu_wasm.mjs`, variant, String(sizes.cpu)]);
    cpuRuns[variant].push(parseResult(stdout).seconds);
  }
}
const sizeOf = (f) => statSync(`${root}${f}`).size;
const asyncifyCost = {
  sizeInstrumented: sizeOf('build/wasi/wasio.wasm'),
  sizePlain: sizeOf('build/wasi/wasio-plain.wasm'),
  cpuInstrumented: median(cpuRuns.asyncify),
  cpuPlain: median(cpuRuns.plain),
};

// 8. Scale: spawn and idle memory (ordinary and step tasks) at three sizes,
// wasio native and WASI (node:wasi, Wasmtime).
const scaleWorkloads = [['spawn', 'per_second'], ['memory', 'bytes_per_task'], ['memory-step', 'bytes_per_task']];
const scale = [];
for (const c of contenders.filter((x) => /^wasio (native|WASI)/.test(x.name))) {
  for (const [w, key] of scaleWorkloads) {
    for (const n of scaleSizes) {
      process.stderr.write(`bench: scale ${w} ${n} / ${c.name}\n`);
      scale.push({ contender: c.name, workload: w, n, ...(await measure(c, w, n, key)) });
    }
  }
}
await closeBrowser?.();

// ---------------------------------------------------------------- report

const cpuModel = (() => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)[1];
  } catch { return os.cpus()[0]?.model ?? 'unknown'; }
})();
const baselineName = contenders.find((c) => c.baseline)?.name;
const lines = [];
lines.push('# wasio benchmarks', '');
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} by \`make bench${quick ? '-quick' : ''}\` (\`bench/bench.mjs\`), ` +
  `median of ${reps} runs each, every contender in the same run on the same machine.`, '');
lines.push(`- Machine: ${cpuModel}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`);
lines.push(`- Contenders: ${contenders.map((c) => c.name).join('; ')}; ${browserInfo}`);
lines.push(`- Ratios are against ${baselineName ?? 'CPython asyncio (not found)'}: above 1 is better, whichever way the unit goes.`);
lines.push('- wasio runs `wasio demo bench --mode WORKLOAD` (demos/bench.c) on the virtual clock, except for the timers;',
  '  the others run bench/asyncio_bench.py and bench/node_bench.mjs.', '');
for (const w of workloads) {
  lines.push(`## ${w.title}`, '');
  const cols = w.id === 'timers' ? '| contender | wall | ratio | lateness p50 | p99 |' : `| contender | ${w.unit} | ratio |`;
  lines.push(cols, w.id === 'timers' ? '|---|---|---|---|---|' : '|---|---|---|');
  const base = baselineName ? results[w.id][baselineName]?.value : undefined;
  for (const c of contenders) {
    const r = results[w.id][c.name];
    if (!r) continue;
    if (r.error) {
      lines.push(w.id === 'timers' ? `| ${c.name} | failed: ${r.error} | | | |` : `| ${c.name} | failed: ${r.error} | |`);
      continue;
    }
    const ratio = base ? (w.higher ? r.value / base : base / r.value) : undefined;
    const ratioText = ratio === undefined ? '–' : `${ratio.toFixed(2)}×`;
    if (w.id === 'timers') lines.push(`| ${c.name} | ${fmt(r.value, w.unit)} | ${ratioText} | ${r.p50.toFixed(3)} ms | ${r.p99.toFixed(3)} ms |`);
    else lines.push(`| ${c.name} | ${fmt(r.value, w.unit)} | ${ratioText} |`);
  }
  lines.push('');
}
lines.push('## 7. Asyncify: the same module with and without the pass', '');
lines.push('| | instrumented | plain | ratio |', '|---|---|---|---|');
lines.push(`| build/wasi/wasio.wasm size | ${asyncifyCost.sizeInstrumented.toLocaleString('en')} B | ${asyncifyCost.sizePlain.toLocaleString('en')} B | ${(asyncifyCost.sizeInstrumented / asyncifyCost.sizePlain).toFixed(2)}× |`);
lines.push(`| CPU-bound loop (${sizes.cpu.toLocaleString('en')} calls through a pointer), node:wasi | ${asyncifyCost.cpuInstrumented.toFixed(3)} s | ${asyncifyCost.cpuPlain.toFixed(3)} s | ${(asyncifyCost.cpuInstrumented / asyncifyCost.cpuPlain).toFixed(2)}× |`, '');
lines.push('## 8. Scale: cost per task as the count grows', '');
lines.push('| contender | workload | ' + scaleSizes.map((n) => n.toLocaleString('en')).join(' | ') + ' |', '|---|---|' + scaleSizes.map(() => '---').join('|') + '|');
for (const c of [...new Set(scale.map((s) => s.contender))]) {
  for (const [w] of scaleWorkloads) {
    const cells = scaleSizes.map((n) => {
      const r = scale.find((s) => s.contender === c && s.workload === w && s.n === n);
      return r.error ? `failed: ${r.error}` : fmt(r.value, w === 'spawn' ? 'tasks/s' : 'bytes/task');
    });
    lines.push(`| ${c} | ${w} | ${cells.join(' | ')} |`);
  }
}
lines.push('');

// 9. Issue 16's goals, checked against this run's figures (the same run, so
// a shared machine's drift moves both sides of each comparison).
const nodeName = contenders.find((c) => c.name.startsWith('Node '))?.name;
const wasmtimeName = contenders.find((c) => c.name.startsWith('wasio WASI, wasmtime'))?.name;
const value = (w, name) => results[w]?.[name]?.value;
const scaleValue = (name, w, n) => scale.find((s) => s.contender === name && s.workload === w && s.n === n);
const goals = [];
const goal = (what, target, measured, met) =>
  goals.push(`| ${what} | ${target} | ${measured ?? 'not measured'} | ${measured === undefined ? '–' : met ? 'met' : 'missed'} |`);
const bytes = (v) => (v === undefined ? undefined : `${Math.round(v).toLocaleString('en')} B`);
const times = (a, b) => (a === undefined || b === undefined ? undefined : `${(a / b).toFixed(2)}×`);
for (const name of ['wasio native']) {
  goal('idle memory, ordinary task, native', '≤ 4,608 B (4.5 KiB)', bytes(value('memory', name)), value('memory', name) <= 4608);
}
for (const name of ['wasio WASI, node:wasi', wasmtimeName, 'wasio web build, Node']) {
  if (name) goal(`idle memory, ordinary task, ${name.replace('wasio ', '')}`, '≤ 6,144 B (6 KiB)', bytes(value('memory', name)), value('memory', name) <= 6144);
}
for (const c of contenders.filter((x) => x.name.startsWith('wasio'))) {
  goal(`idle memory, step task, ${c.name.replace('wasio ', '')}`, '≤ 1,024 B', bytes(value('memory-step', c.name)), value('memory-step', c.name) <= 1024);
}
for (const name of ['wasio WASI, node:wasi', wasmtimeName].filter(Boolean)) {
  const r = scaleValue(name, 'memory-step', scaleSizes.at(-1));
  goal(`${scaleSizes.at(-1).toLocaleString('en')} step tasks waiting at once, ${name.replace('wasio ', '')}`, 'runs',
    r ? (r.error ? `failed: ${r.error}` : bytes(r.value)) : undefined, r && !r.error);
}
const vsNode = (w, name, target, higher) => {
  const a = value(w, name), b = value(w, nodeName);
  const ratio = a === undefined || b === undefined ? undefined : a / b;
  goal(`${w} against Node, ${name.replace('wasio ', '')}`, `${higher ? '≥' : '≤'} ${target}× Node's`, times(a, b),
    ratio !== undefined && (higher ? ratio >= target : ratio <= target));
};
vsNode('spawn', 'wasio native', 2, true);
if (wasmtimeName) vsNode('spawn', wasmtimeName, 1, true);
vsNode('spawn', 'wasio WASI, node:wasi', 0.7, true);
vsNode('timers', 'wasio native', 1, false);
if (wasmtimeName) vsNode('timers', wasmtimeName, 1, false);
vsNode('timers', 'wasio WASI, node:wasi', 1.5, false);
for (const name of ['wasio native', wasmtimeName, 'wasio WASI, node:wasi'].filter(Boolean)) {
  const a = results.timers[name]?.p99, b = results.timers[nodeName]?.p99;
  goal(`timers p99 lateness, ${name.replace('wasio ', '')}`, "≤ Node's", a === undefined ? undefined : `${a.toFixed(1)} ms (Node ${b?.toFixed(1)} ms)`, a <= b);
}
const rate = (v) => (v === undefined ? undefined : fmt(v, 'switches/s'));
if (wasmtimeName) goal(`switch, ${wasmtimeName.replace('wasio ', '')}`, '≥ 8 M/s', rate(value('switch', wasmtimeName)), value('switch', wasmtimeName) >= 8e6);
for (const name of ['wasio web build, Node', 'wasio web build, Chromium']) {
  goal(`switch, ${name.replace('wasio ', '')}`, '≥ 5 M/s', rate(value('switch', name)), value('switch', name) >= 5e6);
}
goal('Asyncify: module size', '≤ 1.3× the plain module', times(asyncifyCost.sizeInstrumented, asyncifyCost.sizePlain),
  asyncifyCost.sizeInstrumented / asyncifyCost.sizePlain <= 1.3);
goal('Asyncify: CPU-bound loop', '≤ 1.1× the plain module', times(asyncifyCost.cpuInstrumented, asyncifyCost.cpuPlain),
  asyncifyCost.cpuInstrumented / asyncifyCost.cpuPlain <= 1.1);
lines.push('## 9. The performance goals (issue 16) in this run', '');
lines.push('| goal | target | this run | |', '|---|---|---|---|', ...goals, '');
if (quick) lines.push('(A quick run: smaller sizes than the goals were set for.)', '');

const notes = readFileSync(`${root}bench/NOTES.md`, 'utf8');
lines.push(notes.trim(), '');
writeFileSync(`${root}bench/RESULTS.md`, lines.join('\n'));

// The chart: each workload's ratio to asyncio per contender, log scale.
const bars = [];
let y = 30;
const x0 = 260;
const scaleX = (r) => x0 + Math.max(0, (Math.log10(r) + 1) / 3) * 480; // 0.1× .. 100×
for (const w of workloads) {
  bars.push(`<text x="10" y="${y + 12}" font-weight="bold">${w.id}</text>`);
  y += 18;
  const base = baselineName ? results[w.id][baselineName]?.value : undefined;
  for (const c of contenders) {
    const r = results[w.id][c.name];
    if (!base || !r || r.error) continue;
    const ratio = w.higher ? r.value / base : base / r.value;
    const color = c.name.startsWith('wasio') ? '#2563eb' : '#9ca3af';
    bars.push(`<text x="20" y="${y + 11}" font-size="11">${c.name}</text>`,
      `<rect x="${x0}" y="${y}" width="${Math.max(1, scaleX(ratio) - x0).toFixed(1)}" height="13" fill="${color}"/>`,
      `<text x="${(scaleX(ratio) + 4).toFixed(1)}" y="${y + 11}" font-size="11">${ratio.toFixed(2)}×</text>`);
    y += 16;
  }
  y += 8;
}
const grid = [0.1, 1, 10, 100].map((r) => `<line x1="${scaleX(r)}" y1="20" x2="${scaleX(r)}" y2="${y}" stroke="#ddd"/>` +
  `<text x="${scaleX(r)}" y="16" font-size="10" text-anchor="middle">${r}×</text>`);
writeFileSync(`${root}bench/results.svg`, `<svg xmlns="http://www.w3.org/2000/svg" width="820" height="${y + 10}" font-family="sans-serif">` +
  `<rect width="100%" height="100%" fill="white"/>${grid.join('')}${bars.join('')}</svg>\n`);
console.log(lines.join('\n'));
