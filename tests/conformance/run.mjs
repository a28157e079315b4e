#!/usr/bin/env node
// The twin suite: every tests/conformance/NAME.py runs on CPython's asyncio
// (the oracle, on virtual time) and every NAME.c on wasio, on each target;
// their traces must be equal, line for line. A difference kept on purpose
// is listed in differences.md with its reason; for those, wasio's trace
// must equal expected/NAME.txt instead (and still differ from CPython's).
//
//   node tests/conformance/run.mjs [--target native|node:wasi|wasmtime]... [NAME...]
//
// Prints one line per twin and target, the diff of each failure, and
// "N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWasmtime } from '../js/targets.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

// The newest CPython on the machine (PATH or pyenv), as make deps finds it;
// twin.py needs 3.12 or newer (asyncio.run's loop_factory).
export function newestPython() {
  const candidates = ['python3.14', 'python3.13', 'python3.12', 'python3'];
  const pyenv = `${process.env.HOME}/.pyenv/versions`;
  if (existsSync(pyenv)) {
    for (const v of readdirSync(pyenv)) candidates.push(`${pyenv}/${v}/bin/python3`);
  }
  let best = null;
  for (const py of candidates) {
    try {
      const v = execFileSync(py, ['-c', 'import sys; print(sys.version_info[0] * 100 + sys.version_info[1])'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (!best || Number(v) > best.version) best = { path: py, version: Number(v) };
    } catch { /* not there */ }
  }
  return best;
}

// "== NAME" sections of a run's output -> Map(name -> trace)
function sections(output) {
  const map = new Map();
  let name = null;
  let lines = [];
  for (const line of output.split('\n')) {
    const m = /^== (\S+)$/.exec(line);
    if (m) {
      if (name) map.set(name, lines.join('\n').trimEnd());
      name = m[1];
      lines = [];
    } else if (name) {
      lines.push(line);
    }
  }
  if (name) map.set(name, lines.join('\n').trimEnd());
  return map;
}

// differences.md: "## NAME" headings, each followed by its reason.
function keptDifferences() {
  const text = readFileSync(`${here}differences.md`, 'utf8');
  const map = new Map();
  let name = null;
  for (const line of text.split('\n')) {
    const m = /^## (\S+)\s*$/.exec(line);
    if (m) {
      name = m[1];
      map.set(name, '');
    } else if (name && line.trim()) {
      map.set(name, `${map.get(name)} ${line.trim()}`.trim());
    }
  }
  return map;
}

function diff(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] === a[i]) out.push(`      ${e[i]}`);
    else {
      if (e[i] !== undefined) out.push(`    - ${e[i]}`);
      if (a[i] !== undefined) out.push(`    + ${a[i]}`);
    }
  }
  return out.join('\n');
}

// The traces go to a file, not a pipe: a WASI program writing to a full
// non-blocking pipe under node:wasi gets EAGAIN and its stdio drops the
// rest (seen on a busy machine: sections lost mid-run).
function run(cmd, args, env) {
  const dir = mkdtempSync(join(tmpdir(), 'wasio-twins-'));
  const file = join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  try {
    const r = spawnSync(cmd, args, {
      stdio: ['ignore', fd, 'pipe'], encoding: 'utf8',
      env: { ...process.env, ...env }, maxBuffer: 64 << 20, timeout: 300000,
    });
    if (r.error) throw r.error;
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    }
    return readFileSync(file, 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

const targetRuns = {
  native: (names) => run(`${root}build/native/conformance`, names),
  'node:wasi': (names) => run(process.execPath, [`${root}wasi/wasio.mjs`, ...names],
    { WASIO_WASM: `${root}build/wasi/conformance.wasm` }),
  wasmtime: (names) => {
    const w = findWasmtime();
    if (!w.path) return null;
    return run(w.path, ['run', `${root}build/wasi/conformance.wasm`, ...names]);
  },
};

function main(argv) {
  const targets = [];
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') targets.push(argv[++i]);
    else names.push(argv[i]);
  }
  if (targets.length === 0) targets.push('native', 'node:wasi');

  const python = newestPython();
  if (!python || python.version < 312) {
    console.error('conformance: needs CPython 3.12 or newer (run `make deps`)');
    process.exit(1);
  }
  const twins = readdirSync(here).filter((f) => f.endsWith('.py') && f !== 'twin.py')
    .map((f) => f.slice(0, -3)).filter((n) => names.length === 0 || names.includes(n)).sort();
  const missing = twins.filter((n) => !existsSync(`${here}${n}.c`));
  const kept = keptDifferences();
  for (const name of kept.keys()) {
    if (!existsSync(`${here}${name}.py`)) missing.push(`${name} (listed in differences.md)`);
  }

  const oracle = sections(run(python.path, [`${here}twin.py`, here, ...twins]));
  console.log(`conformance: ${twins.length} twins; oracle: CPython ${Math.floor(python.version / 100)}.${python.version % 100}`);
  let passed = 0;
  let failed = 0;
  for (const n of missing) {
    console.log(`FAIL ${n}: no C twin`);
    failed++;
  }
  for (const target of targets) {
    const output = targetRuns[target](twins);
    if (output === null) {
      console.log(`skip ${target}: not available here`);
      continue;
    }
    const traces = sections(output);
    for (const name of twins) {
      const py = oracle.get(name) ?? '';
      const c = traces.get(name);
      const label = `${target.padEnd(9)} ${name}`;
      if (c === undefined) {
        console.log(`FAIL ${label}: no trace from the C twin`);
        failed++;
        continue;
      }
      if (kept.has(name)) {
        const file = `${here}expected/${name}.txt`;
        const want = existsSync(file) ? readFileSync(file, 'utf8').trimEnd() : null;
        if (want === null) {
          console.log(`FAIL ${label}: kept difference without expected/${name}.txt`);
          console.log(diff(py, c));
          failed++;
        } else if (c !== want) {
          console.log(`FAIL ${label}: wasio's trace is not expected/${name}.txt`);
          console.log(diff(want, c));
          failed++;
        } else if (py === want) {
          console.log(`FAIL ${label}: CPython now agrees; drop it from differences.md`);
          failed++;
        } else {
          console.log(`ok   ${label} (kept difference)`);
          passed++;
        }
      } else if (c === py) {
        console.log(`ok   ${label}`);
        passed++;
      } else {
        console.log(`FAIL ${label}: differs from CPython (- CPython, + wasio)`);
        console.log(diff(py, c));
        failed++;
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

main(process.argv.slice(2));
