// wasio's JavaScript API: run C tasks on wasio's event loop, compiled to
// wasm by Emscripten, from Node or a browser page. The loop is host-driven:
// every step is a short call into wasm that returns the delay until the
// next one, and this module schedules that next step. JavaScript never
// blocks.
//
//   import { load, run, list } from 'wasio';
//   const app = await load(new URL('./app.mjs', import.meta.url));  // wasio-cc --target=web
//   const { events } = await app.run('main', { virtualTime: true });
//   await run('say_after', { mode: 'gather' });  // the built-in demos: one such module
//
// Each run has a wasm instance to itself while it lasts (one compiled
// module per app, its instances reused once idle), so runs at the same
// time never share a loop. The types are in wasio.d.ts beside this file.

import createCore from './wasio_core.mjs';

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

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

// The bytes at `url`: a file in Node (Emscripten's loader would fetch() a
// file path there, which Node rejects), a fetch() in a page.
async function bytesAt(url) {
  if (isNode && url.protocol === 'file:') return readNodeFile(url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasio: cannot load ${url}: HTTP ${response.status}`);
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

// The C side every wasio web module has (web/app.c); a module without
// them was not built with wasio-cc --target=web.
const HOST_EXPORTS = ['_wasio_web_start', '_wasio_web_step', '_wasio_web_close', '_wasio_web_entries',
  '_wasio_web_names', '_wasio_js_settle', '_malloc', '_free'];

// A new instance of a compiled module: Emscripten's loader (`factory`)
// given the compiled module and the hooks the C side calls (promises
// handed to C tasks, the run's lines and task events).
async function instantiate(factory, compiled, hooks) {
  // Promises handed to C tasks (wasio_js_await) by id: those not settled
  // yet, each with the run it belongs to.
  let nextId = 1;
  const pending = new Map();
  const issued = new Set();
  let failLoad;
  const failed = new Promise((resolve, reject) => { failLoad = reject; });
  let m;
  const ready = factory({
    hooks, // the program's own EM_JS code calls Module.hooks.NAME()
    wasioReadText: readText,
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled)).catch(failLoad);
      return {};
    },
    // stdout lines are the run's log events; without a run, the console's
    print: (line) => (m?.onWasioPrint ? m.onWasioPrint(line) : console.log(line)),
    printErr: (line) => console.error(line),
    // 0: never handed out; 1: not settled; 2: settled (or its run ended)
    wasioIssued: (id) => (!issued.has(id) ? 0 : pending.has(id) ? 1 : 2),
    wasioPending: () => pending.size,
    // the end of a run: what it still waited for is dropped
    wasioForgetRun: () => pending.clear(),
    wasioTrack(promise) {
      const id = nextId++;
      const run = m.wasioRun;
      issued.add(id);
      pending.set(id, run);
      const settle = (ok, value) => {
        if (m.wasioBroken || pending.get(id) !== run || m.wasioRun !== run) return;
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
  });
  m = await Promise.race([ready, failed]);
  const missing = HOST_EXPORTS.filter((name) => typeof m[name] !== 'function');
  if (missing.length) {
    throw new WasioError('EINVAL', `not a wasio web module (no ${missing.join(', ')}): ` +
      'build it with wasio-cc --target=web');
  }
  // C's names and codes, read once: nothing here copies them.
  m.wasioNames = JSON.parse(m.UTF8ToString(m._wasio_web_names()));
  return m;
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

// soon(fn), and a function that cancels it.
function soonOnce(fn) {
  let live = true;
  soon(() => { if (live) fn(); });
  return () => { live = false; };
}

// A delay. Browsers clamp a setTimeout called from a timer's own callback
// to 4 ms once such calls nest five deep (HTML's timer nesting level), and
// the loop's steps always chain. A timer set from a message event starts
// a new chain, so in a browser each delay hops through one first.
// Returns a function that cancels it.
function later(fn, ms) {
  // setTimeout takes at most 2^31 - 1 ms (24.8 days): a longer delay
  // fires then, and the step asks for the rest again
  ms = Math.min(ms, 2 ** 31 - 1);
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

// The most idle instances an app keeps for its next runs.
const IDLE_MAX = 4;

// the C side's "key=default, key=default" as [{ name, default }] (spaces
// around a name do not count; an empty item is no parameter)
const structuredParams = (text) => text.split(',').map((item) => {
  const [name, ...value] = item.split('=');
  return { name: name.trim(), default: value.join('=').trim() };
}).filter((p) => p.name !== '');

// An app: one compiled module, its idle instances, its entry points.
function makeApp(factory, compiled, hooks, first) {
  const json = first._wasio_web_entries();
  if (!json) throw failure(first, first.wasioNames.errors.EINVAL.code); // a WASIO_ENTRY refused
  const entries = JSON.parse(first.UTF8ToString(json))
    .map((e) => ({ ...e, params: structuredParams(e.params) }));
  const idle = [first];
  const inner = {
    names: first.wasioNames,
    first,
    // an idle instance, or a new one
    acquire: async () => idle.pop() ?? instantiate(factory, compiled, hooks),
    release(m) {
      if (!m.wasioBroken && idle.length < IDLE_MAX) idle.push(m);
    },
  };
  return {
    inner,
    app: {
      entries: () => entries.map((e) => ({ ...e, params: e.params.map((p) => ({ ...p })), modes: [...e.modes] })),
      start: (name, options) => startRun(inner, name, options),
      run: async (name, options = {}) => (await startRun(inner, name, { ...options, manual: false })).finished,
    },
  };
}

// Where a relative URL given to load() points from: the page, or in Node
// the current directory.
async function baseUrl() {
  if (isNode) {
    const nodeUrl = 'node:url';
    return (await import(/* @vite-ignore */ nodeUrl)).pathToFileURL(`${process.cwd()}/`).href;
  }
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}

/**
 * Loads a module built with `wasio-cc --target=web -o app.mjs`: `source`
 * is the URL of app.mjs (or of app.wasm beside it), relative to the page
 * or, in Node, to the current directory. Resolves with an app:
 *   entries()             its entry points (WASIO_ENTRY): [{ name, summary,
 *                         params: [{ name, default }], modes }]
 *   run(name, options)    as run() below, for the entry `name`
 *   start(name, options)  as start() below
 * `hooks` ({ name: value }) are Module.hooks on each instance's
 * Emscripten Module object, for the program's own EM_JS code.
 */
export async function load(source, { hooks = {} } = {}) {
  if (hooks === null || typeof hooks !== 'object') throw new WasioError('EINVAL', 'hooks must be an object');
  if (typeof source !== 'string' && !(source instanceof URL)) {
    throw new WasioError('EINVAL', `load(): the module's URL is a string or a URL (got ${source === null ? 'null' : typeof source})`);
  }
  let url;
  try {
    url = new URL(source instanceof URL ? source.href : source, await baseUrl());
  } catch {
    throw new WasioError('EINVAL', `load(): not a URL: ${String(source)}`);
  }
  if (!/\.(m?js|wasm)$/.test(url.pathname)) {
    throw new WasioError('EINVAL', `load(): ${url.pathname} is not app.mjs or app.wasm, the files wasio-cc --target=web writes`);
  }
  const wasm = /\.wasm$/.test(url.pathname);
  const loaderUrl = wasm ? new URL(url.href.replace(/\.wasm(?=$|[?#])/, '.mjs')) : url;
  const wasmUrl = wasm ? url : new URL(url.href.replace(/\.m?js(?=$|[?#])/, '.wasm'));
  const [factory, compiled] = await Promise.all([
    import(/* @vite-ignore */ loaderUrl.href).then((mod) => {
      if (typeof mod.default !== 'function') {
        throw new WasioError('EINVAL', `${loaderUrl}: not a loader written by wasio-cc --target=web`);
      }
      return mod.default;
    }),
    bytesAt(wasmUrl).then((bytes) => WebAssembly.compile(bytes)),
  ]);
  return makeApp(factory, compiled, hooks, await instantiate(factory, compiled, hooks)).app;
}

// The built-in demos: one module like any other, loaded on first use.
let demos;
function demoApp() {
  demos ??= (async () => {
    const bytes = await bytesAt(new URL('./wasio_core.wasm', import.meta.url));
    const compiled = await WebAssembly.compile(bytes);
    const { app, inner } = makeApp(createCore, compiled, {}, await instantiate(createCore, compiled, {}));
    // what list() adds: the seed and the builds of every demo
    const info = JSON.parse(inner.first.UTF8ToString(inner.first._wasio_demos_info()));
    return { app, inner, info };
  })();
  demos.catch(() => { demos = undefined; }); // a failed load is tried again
  return demos;
}

/**
 * The demos the web build runs: [{ name, summary, seed, params, builds,
 * modes, ownLoops }], the first mode the default; `params` [{ name,
 * default }]; `builds` says which builds run it; `ownLoops`, that it is
 * plain code running loops of its own (run() calls), which run to their
 * end as it starts, whatever the speed.
 */
export async function list() {
  const { app, info } = await demoApp();
  return app.entries().map(({ name, summary, params, modes }) => ({ name, summary, seed: info[name].seed,
    params, builds: info[name].builds, modes, ownLoops: info[name].ownLoops }));
}

// { key: value } -> "key\0value\0key\0value\0\0", the pairs web/app.c reads.
// An undefined or empty value counts as not given.
function encodeParams(params = {}) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  for (const [key, value] of entries) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new WasioError('EINVAL', `parameter ${key}: ${value === null ? 'null' : typeof value} is not a value ` +
        '(a string or a number)');
    }
    if (key === '') throw new WasioError('EINVAL', 'a parameter name is empty');
  }
  return `${entries.map(([k, v]) => `${k}\0${v}\0`).join('')}\0`;
}

// A speed: times real time, Infinity for no waiting at all.
const validSpeed = (speed) => typeof speed === 'number' && speed > 0;

// Bad options are refused before anything starts (the CLI refuses the same).
function checkOptions(name, { mode, params, speed, onEvent, signal }, what = 'entry') {
  const bad = (message) => new WasioError('EINVAL', message);
  if (typeof name !== 'string' || name === '' || name.includes('\0')) {
    throw bad(`the ${what} name must be a non-empty string without NUL (got ${JSON.stringify(String(name))})`);
  }
  if (typeof mode !== 'string' || mode.includes('\0')) throw bad('mode must be a string without NUL');
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    throw bad('params must be an object of { key: value }');
  }
  for (const [key, value] of Object.entries(params ?? {})) {
    if (`${key}${value}`.includes('\0')) throw bad(`parameter ${key}: NUL is not allowed`);
  }
  if (speed !== undefined && !validSpeed(speed)) {
    throw bad(`speed must be a number > 0 (got ${String(speed)})`);
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') throw bad('onEvent must be a function');
  if (signal !== undefined && signal !== null &&
      (typeof signal !== 'object' || typeof signal.addEventListener !== 'function' ||
       typeof signal.aborted !== 'boolean')) {
    throw bad('signal must be an AbortSignal');
  }
}


// What is refused before anything starts: bad options, and an abort that
// came first (one that comes while the module or an instance is made
// cancels the run instead, so that its cleanup runs).
function refuseEarly(name, options, what) {
  checkOptions(name, { ...options, mode: options.mode === undefined ? '' : options.mode }, what);
  if (options.signal?.aborted) {
    throw new WasioError('ECANCELLED', 'run() was aborted before it started', undefined,
      { cause: options.signal.reason });
  }
}

// Starts entry `name` of an app (see start()). `checked`: the caller ran
// refuseEarly before it loaded the module.
async function startRun(app, name, options = {}, checked = false) {
  const { mode = '', params, virtualTime = false, onEvent, signal, tasks: traceTasks = true } = options;
  let { speed, manual = false } = options;
  let pairs;
  try {
    if (!checked) refuseEarly(name, options);
    pairs = encodeParams(params);
  } catch (err) {
    if (err.status === undefined) err.status = app.names.errors[err.code]?.code;
    throw err;
  }
  const m = await app.acquire();
  // This run's number on the instance: a promise of an earlier run that
  // settles now is dropped (wasioTrack), as is everything it left.
  m.wasioRun = (m.wasioRun ?? 0) + 1;
  const paced = manual || typeof speed === 'number';
  const virtual = virtualTime || paced;
  const events = [];
  const tasks = [];
  let lastTime = 0; // the loop's clock at the last event
  let closing = false;
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
    if (time >= 0) lastTime = time;
    const event = time >= 0 ? { type: 'log', time, text }
      : { type: 'log', time: null, place: time === -2 ? 'run()' : 'main()', text };
    events.push(event);
    tell(event);
  };
  // the program's stdout lines: stamped with the loop's clock if one runs.
  // At the close, a line left without its newline comes out (at the run's
  // last time), or an empty string when there is none.
  m.onWasioPrint = (line) => {
    if (closing) {
      if (line !== '') m.onWasioEvent(lastTime, line);
      return;
    }
    const time = m._wasio_web_now();
    m.onWasioEvent(time >= 0 ? time : -1, line);
  };
  m.onWasioTrace = (kind, time, taskId, task, detail, status, fn, file, line) => {
    lastTime = time;
    const event = { type: m.wasioNames.traceKinds[kind] ?? 'unknown', time, taskId, task, detail, status };
    // where: the await a task waits in, the call that created it
    if (file !== null) Object.assign(event, { file, line });
    if (fn !== null) event.fn = fn;
    tasks.push(event);
    tell(event);
  };
  const detach = () => {
    m.onWasioEvent = m.onWasioTrace = m.onWasioPrint = m.wasioWake = null;
    m.wasioForgetRun();
  };
  // What a call into the instance threw: the instance is left mid-call and
  // cannot go on, so it is dropped (the next run takes another), and the
  // run ends with a WasioError saying what it was.
  const broken = (err) => {
    m.wasioBroken = true;
    detach();
    let error;
    if (err instanceof WasioError) error = err;
    else if (err instanceof RangeError) {
      // the engine's call stack ran out in the middle of a call
      error = wasioError(m, 'ESTACK', `the wasm call stack is exhausted (${err.message})`);
    } else if (err instanceof WebAssembly.RuntimeError) {
      // a trap: a task past its stack limit, if wasio knows it was
      const why = m._wasio_trap_reason();
      error = why ? wasioError(m, 'ESTACK', m.UTF8ToString(why))
        : wasioError(m, 'EFAIL', `the module trapped (${err.message})`);
    } else if (err?.name === 'ExitStatus') {
      error = wasioError(m, 'EFAIL', `the program called exit(${err.status}), which ends its instance`);
    } else {
      error = wasioError(m, 'EFAIL', `JavaScript the program called threw: ${err?.message ?? String(err)}`);
      error.cause = err;
    }
    error.events = events;
    error.tasks = tasks;
    return error;
  };
  let handle;
  try {
    handle = withCString(m, String(name), (n) =>
      withCString(m, String(mode), (md) =>
        withCString(m, pairs, (pp) => m._wasio_web_start(n, md, pp, virtual ? 1 : 0,
          (traceTasks ? 1 : 0) | (paced ? 2 : 0)))));
  } catch (err) {
    throw broken(err);
  }
  if (handle < 0) {
    const error = failure(m, handle);
    error.events = events;
    error.tasks = tasks;
    detach();
    app.release(m);
    throw error;
  }

  let resolveRun;
  let rejectRun;
  const finished = new Promise((resolve, reject) => { resolveRun = resolve; rejectRun = reject; });
  let over = false;
  let stepping = false; // inside a call into the loop
  let cancelTimer = null; // the pending delay, if any
  let idle = false; // waiting for a promise to settle
  let pending = 0; // paced: the virtual delay before the next step

  const onAbort = () => stop();
  const end = () => {
    over = true;
    if (cancelTimer !== null) cancelTimer();
    cancelTimer = null;
    signal?.removeEventListener('abort', onAbort);
  };
  let final = null; // the loop's last picture: its clock and steps at the end
  const finish = (extra) => {
    end();
    let status;
    closing = true;
    try {
      const json = m._wasio_web_snapshot(handle);
      if (json) final = JSON.parse(m.UTF8ToString(json));
      status = m._wasio_web_close(handle);
    } catch (err) {
      rejectRun(broken(err));
      return;
    }
    const error = extra ?? (status !== 0 ? failure(m, status) : null);
    detach();
    app.release(m);
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
      if (paced && pending > 0) {
        m._wasio_web_advance(handle, pending);
        pending = 0;
      }
      delay = m._wasio_web_step(handle);
    } catch (err) {
      end();
      rejectRun(broken(err));
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
    if (over) return;
    if (stepping) {
      throw wasioError(m, 'ESTATE', 'step() was called from inside a step of the same run (from onEvent?)');
    }
    cancelTimer = null;
    idle = false;
    stepping = true;
    let delay;
    try {
      delay = once();
    } finally {
      stepping = false;
    }
    if (delay === null) return;
    if (delay === -1) idle = true; // a settle wakes us
    else if (paced && delay > 0) {
      pending = delay;
      if (!manual) cancelTimer = later(step, (delay * 1000) / speed);
    } else if (!manual) {
      cancelTimer = delay === 0 ? soonOnce(step) : later(step, delay * 1000);
    }
  };
  // Something from outside (a promise, an abort) made work: step now.
  const wake = () => {
    if (manual || over) return;
    if (cancelTimer !== null) cancelTimer();
    else if (!idle) return; // a step is already on its way
    idle = false;
    cancelTimer = soonOnce(step);
  };
  const stop = () => {
    if (over) return;
    try {
      m._wasio_web_interrupt(handle);
    } catch (err) {
      end();
      rejectRun(broken(err));
      return;
    }
    if (!manual) wake();
  };
  const snapshot = () => {
    if (over) {
      return { time: final?.time ?? null, steps: final?.steps ?? null, live: 0, phase: 'done',
        counts: { ready: 0, timers: 0 }, ready: [], timers: [] };
    }
    const json = m._wasio_web_snapshot(handle);
    if (!json) throw failure(m, m.wasioNames.errors.ENOMEM.code);
    return JSON.parse(m.UTF8ToString(json));
  };
  m.wasioWake = wake;
  signal?.addEventListener('abort', onAbort, { once: true });
  // aborted while the module loaded: the run starts and is cancelled at
  // once, so its cleanup runs (EINTR), as for a later abort
  if (signal?.aborted) stop();
  if (!manual && !over) step();

  // A paced run's speed, changed while it runs: a number (times real
  // time, Infinity for no waiting) or 'manual' (only step() moves it).
  const setSpeed = (next) => {
    if (!paced) {
      throw wasioError(m, 'ESTATE', 'setSpeed() changes a run on the virtual clock started with speed or manual');
    }
    if (next !== 'manual' && !validSpeed(next)) {
      throw wasioError(m, 'EINVAL', `speed must be a number > 0 or 'manual' (got ${String(next)})`);
    }
    if (over) return;
    const wasManual = manual;
    manual = next === 'manual';
    if (!manual) speed = next;
    if (cancelTimer !== null) cancelTimer();
    cancelTimer = null;
    // the next step, at the new pace (a manual run waits for step())
    if (!manual && !stepping && !idle) {
      cancelTimer = pending > 0 && !wasManual ? later(step, (pending * 1000) / speed) : soonOnce(step);
    }
  };

  return {
    finished,
    stop,
    setSpeed,
    step() {
      if (!manual) {
        throw wasioError(m, 'ESTATE', 'step() steps a manual run (start(name, { manual: true })); ' +
          'this one runs by itself');
      }
      if (over) return { done: true, delay: -1, steps: snapshot().steps };
      step();
      return { done: over, delay: pending, steps: snapshot().steps };
    },
    snapshot,
  };
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
 * Options: as run(), plus speed (a number: the virtual clock, slowed to
 * that many times real time), manual (the virtual clock, stepped only by
 * step()), tasks (false: no task events, for runs where their cost
 * matters). Runs at the same time each have an instance of their own.
 */
export async function start(name, options = {}) {
  // Refused before the module loads; the status, C's number for the
  // code, is filled in once it is there.
  let refused = null;
  try {
    refuseEarly(name, options, 'demo');
  } catch (err) {
    refused = err;
  }
  const loaded = await (refused ? demoApp().catch(() => null) : demoApp());
  if (refused) {
    if (loaded) refused.status = loaded.inner.names.errors[refused.code]?.code;
    throw refused;
  }
  const { inner, info } = loaded;
  const known = info[name];
  const fail = (code, message) => new WasioError(code, message, inner.names.errors[code].code);
  if (known === undefined) throw fail('EINVAL', `unknown demo '${name}'`);
  if (!known.builds.includes('web')) {
    const builds = known.builds.map((b) => ({ native: 'native', wasi: 'WASI', web: 'web build' })[b]);
    throw fail('ENOTSUP', `demo ${name} does not run in the web build (it runs in: ${builds.join(', ')})`);
  }
  return startRun(inner, name, options, true);
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
