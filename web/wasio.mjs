// wasio's JavaScript API: run the C event loop, compiled to wasm by
// Emscripten, from Node or a browser page. The loop is host-driven: every
// step is a short call into wasm that returns the delay until the next one,
// and this module schedules that next step. JavaScript never blocks.
//
//   import { run, list } from 'wasio';
//   const { events } = await run('say_after', { mode: 'gather' });
// The types are in wasio.d.ts beside this file.

import createCore from './wasio_core.mjs';

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
const wasmUrl = new URL('./wasio_core.wasm', import.meta.url);

// Node's file reading, loaded only in Node. The module's name is a
// variable, not a literal: a bundler building for browsers leaves the
// import alone instead of failing on a `node:` module it cannot resolve.
const nodeFs = 'node:fs/promises';
const readNodeFile = async (url, encoding) => (await import(/* @vite-ignore */ nodeFs)).readFile(url, encoding);

// An Error carrying the C side's code name ("EINVAL") and message.
export class WasioError extends Error {
  constructor(code, message, status, options) {
    super(message, options);
    this.name = 'WasioError';
    this.code = code;
    this.status = status;
  }
}

async function wasmBytes() {
  // Emscripten's loader would fetch() a file path in Node, which it rejects.
  if (isNode) return readNodeFile(wasmUrl);
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`wasio: cannot load ${wasmUrl}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Reads a text file of the wasio package for the readfile demo: the
// package's own files in Node, a fetch() relative to this module in a page.
async function readText(path) {
  const url = new URL(`../../${path}`, import.meta.url);
  if (isNode) return readNodeFile(url, 'utf8');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

let corePromise;
function core() {
  corePromise ??= wasmBytes().then((wasmBinary) => {
    // Promises handed to C tasks (wasio_js_await) by id.
    let nextId = 1;
    const pending = new Set();
    const issued = new Set();
    const hooks = {
      wasmBinary,
      print: (line) => console.log(line),
      printErr: (line) => console.error(line),
      wasioReadText: readText,
      wasioIssued: (id) => (issued.has(id) ? 1 : 0),
      wasioPending: () => pending.size,
      wasioTrack(promise) {
        const id = nextId++;
        issued.add(id);
        pending.add(id);
        const settle = (ok, value) => {
          pending.delete(id);
          withCString(m, String(value ?? ''), (ptr) => m._wasio_js_settle(id, ok, ptr));
          m.wasioWake?.();
        };
        Promise.resolve(promise).then(
          (value) => settle(1, value),
          (reason) => settle(0, reason instanceof Error ? reason.message : (reason ?? '')),
        );
        return id;
      },
    };
    let m;
    return createCore(hooks).then((instance) => {
      m = instance;
      // C's names and codes, read once: nothing here copies them.
      m.wasioNames = JSON.parse(m.UTF8ToString(m._wasio_web_names()));
      return m;
    });
  });
  return corePromise;
}

// A zero-delay macrotask: setImmediate in Node, a MessageChannel message in
// browsers (nested setTimeout(0) calls are clamped to 4 ms there).
const soon = (() => {
  if (typeof setImmediate === 'function') return (fn) => setImmediate(fn);
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(0);
  };
})();

// A delay. Browsers clamp a setTimeout called from a timer's own callback
// to 4 ms once such calls nest five deep (HTML's timer nesting level), and
// the loop's steps always chain. A timer set from a message event starts
// a new chain, so in a browser each delay hops through one first.
// Returns a function that cancels it.
function later(fn, ms) {
  if (typeof setImmediate === 'function') {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  }
  let id = null;
  let cancelled = false;
  soon(() => { if (!cancelled) id = setTimeout(fn, ms); });
  return () => {
    cancelled = true;
    if (id !== null) clearTimeout(id);
  };
}

function withCString(m, text, fn) {
  const size = m.lengthBytesUTF8(text) + 1;
  const ptr = m._malloc(size);
  try {
    m.stringToUTF8(text, ptr, size);
    return fn(ptr);
  } finally {
    m._free(ptr);
  }
}

function failure(m, status) {
  return new WasioError(m.UTF8ToString(m._wasio_web_err_name(status)),
    m.UTF8ToString(m._wasio_web_message()), status);
}

// A WasioError with C's code for `code` ("EINVAL"), and C's message for
// it unless one is given.
function wasioError(m, code, message) {
  const known = m.wasioNames.errors[code];
  return new WasioError(code, message ?? known.message, known.code);
}

let active = false;

/**
 * The demos the web build runs: [{ name, summary, seed, params, builds,
 * modes }], the first mode the default; `params` [{ name, default }];
 * `builds` says which builds run it.
 */
export async function list() {
  const m = await core();
  // the C side's "key=default, key=default" as [{ name, default }]
  const structured = (text) => (text ? text.split(',').map((p) => {
    const [name, ...value] = p.trim().split('=');
    return { name, default: value.join('=') };
  }) : []);
  return JSON.parse(m.UTF8ToString(m._wasio_web_list()))
    .map((d) => ({ ...d, params: structured(d.params) }));
}

// { key: value } -> "key=value;key=value", with a program (the script
// demo's, which may hold ';') always last.
function encodeParams(params = {}) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  for (const [key, value] of entries) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new WasioError('EINVAL', `parameter ${key}: ${value === null ? 'null' : typeof value} is not a value ` +
        '(a string or a number)');
    }
  }
  entries.sort(([a], [b]) => (a === 'program') - (b === 'program'));
  for (const [key, value] of entries) {
    if (key !== 'program' && /[;=]/.test(`${key}${value}`)) {
      throw new WasioError('EINVAL', `parameter ${key}: ';' and '=' are not allowed`);
    }
  }
  return entries.map(([k, v]) => `${k}=${v}`).join(';');
}

/**
 * Starts demo `name` on a fresh loop and returns a handle on the run:
 *   finished    a Promise of { status: 0, events, tasks } (see run())
 *   step()      manual runs: one iteration of the loop (moving the virtual
 *               clock to the next deadline first when nothing is ready);
 *               returns { done, delay, steps }
 *   stop()      cancels the main task, as Ctrl-C: its cleanup runs
 *   snapshot()  the loop's insides: { time, steps, live, phase, counts:
 *               { ready, timers }, ready: [task names], timers: [{ at,
 *               what, task }] } (the first 200 entries of each list;
 *               counts has how many there are)
 * Options: as run(), plus params ({ key: value }, the demo's parameters),
 * speed (a number: the virtual clock, slowed to that many times real
 * time), manual (the virtual clock, stepped only by step()), tasks (false:
 * no task events, for runs where their cost matters).
 */
// Bad options are refused before anything starts (the CLI refuses the same).
function checkOptions(name, { mode, params, speed, onEvent, signal }) {
  const bad = (message) => new WasioError('EINVAL', message);
  if (typeof name !== 'string' || name === '' || name.includes('\0')) {
    throw bad(`the demo name must be a non-empty string without NUL (got ${JSON.stringify(String(name))})`);
  }
  if (typeof mode !== 'string' || mode.includes('\0')) throw bad('mode must be a string without NUL');
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    throw bad('params must be an object of { key: value }');
  }
  for (const [key, value] of Object.entries(params ?? {})) {
    if (`${key}${value}`.includes('\0')) throw bad(`parameter ${key}: NUL is not allowed`);
  }
  if (speed !== undefined && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
    throw bad(`speed must be a finite number > 0 (got ${String(speed)})`);
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') throw bad('onEvent must be a function');
  if (signal !== undefined && signal !== null &&
      (typeof signal !== 'object' || typeof signal.addEventListener !== 'function' ||
       typeof signal.aborted !== 'boolean')) {
    throw bad('signal must be an AbortSignal');
  }
}

export async function start(name, {
  mode = '', params, virtualTime = false, speed, manual = false, onEvent, signal, tasks: traceTasks = true,
} = {}) {
  // Refused before anything starts, and before the module loads (an
  // abort that comes while it loads cancels the run instead); the status,
  // C's number for the code, is filled in once the module is there.
  let refused = null;
  let paramString;
  try {
    checkOptions(name, { mode, params, speed, onEvent, signal });
    if (signal?.aborted) {
      throw new WasioError('ECANCELLED', 'run() was aborted before it started', undefined,
        { cause: signal.reason });
    }
    paramString = encodeParams(params);
  } catch (err) {
    refused = err;
  }
  const m = await (refused ? core().catch(() => null) : core());
  if (refused) {
    if (m && refused.status === undefined) refused.status = m.wasioNames.errors[refused.code]?.code;
    throw refused;
  }
  if (active) {
    // One wasm instance, one loop at a time: the loop state is global.
    throw wasioError(m, 'ENESTED', 'wasio: a run is already in progress');
  }
  const paced = manual || typeof speed === 'number';
  const virtual = virtualTime || paced;
  const events = [];
  const tasks = [];
  // onEvent is called from inside a step of the wasm loop: an exception
  // must not unwind through it. The first one is kept, the loop is told to
  // stop, and the run ends with that error.
  let hookError = null;
  const tell = (event) => {
    if (onEvent === undefined || hookError !== null) return;
    try {
      onEvent(event);
    } catch (err) {
      hookError = err instanceof Error ? err : new Error(String(err));
    }
  };
  m.onWasioEvent = (time, text) => {
    // time null: a line from outside the loop: plain code (place 'main()',
    // Node style) or wasio_run's own steps (place 'run()')
    const event = time >= 0 ? { type: 'log', time, text }
      : { type: 'log', time: null, place: time === -2 ? 'run()' : 'main()', text };
    events.push(event);
    tell(event);
  };
  m.onWasioTrace = (kind, time, taskId, task, detail, status) => {
    const event = { type: m.wasioNames.traceKinds[kind] ?? 'unknown', time, taskId, task, detail, status };
    tasks.push(event);
    tell(event);
  };
  const handle = withCString(m, String(name), (n) =>
    withCString(m, String(mode), (md) =>
      withCString(m, paramString, (pp) => m._wasio_web_start(n, md, pp, virtual ? 1 : 0,
        traceTasks ? 1 : 0, paced ? 1 : 0))));
  if (handle < 0) throw failure(m, handle);
  active = true;

  let resolveRun;
  let rejectRun;
  const finished = new Promise((resolve, reject) => { resolveRun = resolve; rejectRun = reject; });
  let over = false;
  let cancelTimer = null; // the pending delay, if any
  let idle = false; // waiting for a promise to settle
  let pending = 0; // paced: the virtual delay before the next step

  const onAbort = () => stop();
  const finish = (extra) => {
    over = true;
    active = false;
    m.wasioWake = null;
    signal?.removeEventListener('abort', onAbort);
    const status = m._wasio_web_close(handle);
    const error = extra ?? (status !== 0 ? failure(m, status) : null);
    // an abort's reason travels as the error's cause
    if (error && signal?.aborted && error.cause === undefined) error.cause = signal.reason;
    if (error) {
      error.events = events;
      error.tasks = tasks;
      rejectRun(error);
    } else {
      resolveRun({ status, events, tasks });
    }
  };
  // One iteration; returns the delay the loop asked for, or null when over.
  const once = () => {
    let delay;
    try {
      delay = m._wasio_web_step(handle);
    } catch (err) {
      over = true;
      active = false;
      if (err instanceof RangeError) {
        // the engine's call stack ran out in the middle of a step
        corePromise = null;
        err = wasioError(m, 'ESTACK', `the wasm call stack is exhausted (${err.message})`);
      } else if (err instanceof WebAssembly.RuntimeError) {
        // A trap: this instance's loop is left mid-step and cannot go on.
        // The next run() starts a fresh one. Say what it was, if wasio
        // knows (a task past its stack limit).
        corePromise = null;
        const why = m._wasio_trap_reason();
        err = why ? wasioError(m, 'ESTACK', m.UTF8ToString(why))
          : wasioError(m, 'EFAIL', `the module trapped (${err.message})`);
      }
      rejectRun(err);
      return null;
    }
    if (hookError !== null) {
      // onEvent threw: end the run here (the close cancels what is left
      // and lets its cleanup run) and report the error
      const error = wasioError(m, 'EFAIL', `onEvent threw: ${hookError.message}`);
      error.cause = hookError;
      finish(error);
    } else if (delay === -2) finish();
    else if (delay <= -100) finish(failure(m, delay + 100));
    else if (delay === -1 && m.wasioPending() === 0) {
      finish(wasioError(m, 'EDEADLK'));
    } else return delay;
    return null;
  };
  const step = () => {
    cancelTimer = null;
    idle = false;
    if (paced && pending > 0) {
      m._wasio_web_advance(handle, pending);
      pending = 0;
    }
    const delay = once();
    if (delay === null) return;
    if (delay === -1) idle = true; // a settle wakes us
    else if (paced && delay > 0) {
      pending = delay;
      if (!manual) cancelTimer = later(step, (delay * 1000) / speed);
    } else if (!manual) {
      if (delay === 0) soon(step);
      else cancelTimer = later(step, delay * 1000);
    }
  };
  // Something from outside (a promise, an abort) made work: step now.
  const wake = () => {
    if (manual || over) return;
    if (cancelTimer !== null) cancelTimer();
    else if (!idle) return; // a step is already on its way
    cancelTimer = null;
    idle = false;
    soon(step);
  };
  const stop = () => {
    if (over) return;
    m._wasio_web_interrupt(handle);
    if (!manual) wake();
  };
  m.wasioWake = wake;
  signal?.addEventListener('abort', onAbort, { once: true });
  // aborted while the module loaded: the run starts and is cancelled at
  // once, so its cleanup runs (EINTR), as for a later abort
  if (signal?.aborted) m._wasio_web_interrupt(handle);
  if (!manual) step();

  return {
    finished,
    stop,
    step() {
      if (over) return { done: true, delay: -1, steps: this.snapshot().steps };
      step();
      return { done: over, delay: pending, steps: over ? null : this.snapshot().steps };
    },
    snapshot() {
      if (over) {
        return { time: null, steps: null, live: 0, phase: 'done', counts: { ready: 0, timers: 0 }, ready: [], timers: [] };
      }
      const json = m._wasio_web_snapshot(handle);
      if (!json) throw failure(m, m.wasioNames.errors.ENOMEM.code);
      return JSON.parse(m.UTF8ToString(json));
    },
  };
}

/**
 * Runs demo `name` on a fresh loop and resolves, once the loop has shut
 * down, with { status: 0, events, tasks }: `events` are the demo's lines
 * ({ type: 'log', time, text }), `tasks` the task events ({ type:
 * 'created' | 'started' | 'waiting' | 'resumed' | 'done' | 'error' |
 * 'cancelled' | 'timer', time, taskId, task, detail, status }), both with
 * the loop's times. Rejects with a WasioError when the demo's main task
 * fails or the arguments are bad; the error carries the events so far.
 * Options: mode (one of the demo's modes), params ({ key: value }),
 * virtualTime (the virtual clock: exact times, no waiting), speed (the
 * virtual clock at that many times real time), onEvent(event) (every event
 * of both kinds as it happens), signal (an AbortSignal: aborting cancels
 * the main task, its cleanup runs, and the promise rejects with code EINTR).
 */
export async function run(name, options = {}) {
  const handle = await start(name, { ...options, manual: false });
  return handle.finished;
}
