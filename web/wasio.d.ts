// Types for wasio's JavaScript API (web/wasio.mjs; `import { load, run } from 'wasio'`).

/** A line the program printed (a demo's line, or a line of a module's
 * stdout), stamped with the loop's clock. */
export interface LogEvent {
  type: 'log';
  /** Seconds on the loop's clock; null for a line from outside the loop. */
  time: number | null;
  /** For a line from outside the loop: plain code, or wasio_run's steps. */
  place?: 'main()' | 'run()';
  text: string;
}

export type TaskEventType =
  | 'created' | 'started' | 'waiting' | 'resumed'
  | 'done' | 'error' | 'cancelled' | 'timer' | 'renamed';

/** What happened to a task, as it happened. */
export interface TaskEvent {
  type: TaskEventType;
  /** Seconds on the loop's clock. */
  time: number;
  /** 1 for the loop's first task, and so on. */
  taskId: number;
  /** The task's name: "main", "Task-2", ... */
  task: string;
  /** What it waits on ("sleep 1.000s", "await Task-3"), an error message,
   * or for 'renamed' the old name. */
  detail: string;
  /** For 'error': the negative WASIO_E... code. */
  status: number;
  /** For 'waiting': the source file and line of the await the task waits
   * in; for 'created': of the call that created it (when the C code was
   * compiled with wasio.h's call-site macros, the default). */
  file?: string;
  line?: number;
  /** For 'created': the task function's name, as the creating call wrote it. */
  fn?: string;
}

export type WasioEvent = LogEvent | TaskEvent;

export interface RunOptions {
  /** One of the demo's (entry's) modes; the first one by default. */
  mode?: string;
  /** The demo's (entry's) parameters (see DemoInfo.params); `program` for
   * the script demo. An empty string counts as not given. */
  params?: Record<string, string | number | boolean>;
  /** The virtual clock, slowed to this many times real time (Infinity:
   * every step as soon as the last, as the page allows). */
  speed?: number;
  /** false: collect no task events (each costs a call into JavaScript). */
  tasks?: boolean;
  /** Run on the virtual clock: exact times, no waiting. */
  virtualTime?: boolean;
  /** Every event, of both kinds, as it happens. */
  onEvent?: (event: WasioEvent) => void;
  /** Aborting cancels the main task (its cleanup runs); run() rejects with EINTR. */
  signal?: AbortSignal;
}

export interface RunResult {
  status: 0;
  events: LogEvent[];
  tasks: TaskEvent[];
}

export interface DemoInfo {
  name: string;
  summary: string;
  /** The seed document it comes from ("004"), or where it belongs. */
  seed: string;
  /** Its modes; the first is the default. */
  modes: string[];
  /** The parameters it reads, with their defaults (as the CLI's --help
   * shows them). */
  params: Array<{ name: string; default: string }>;
  /** The builds it runs in: list() has only those the web build runs, and
   * the CLI's `wasio list` those its build runs. */
  builds: Array<'native' | 'wasi' | 'web'>;
  /** Plain code that runs loops of its own (wasio_run, a Runner): in the
   * web build they run to their end as the run starts, whatever the speed. */
  ownLoops: boolean;
}

/** The WASIO_E... names (src/wasio.h's error table, in its order), and
 * EUSER for a program's own codes. */
export type WasioErrorCode =
  | 'EINVAL'
  | 'ENOMEM'
  | 'ECANCELLED'
  | 'ETIMEDOUT'
  | 'ENOLOOP'
  | 'ENESTED'
  | 'ECLOSED'
  | 'ESTALE'
  | 'ESELF'
  | 'EDEADLK'
  | 'ESTATE'
  | 'ESTACK'
  | 'EINTR'
  | 'EFAIL'
  | 'ENOTSUP'
  | 'EIO'
  | 'EGROUP'
  | 'EEMPTY'
  | 'EFULL'
  | 'ESHUTDOWN'
  | 'EBADF'
  | 'EJS'
  /** A program's own code (WASIO_EUSER and below, from wasio_fail). */
  | 'EUSER';

/** A failure with the C side's code name and message. */
export class WasioError extends Error {
  constructor(code: WasioErrorCode, message: string, status?: number, options?: { cause?: unknown });
  /** "EINVAL", "ECANCELLED", "EJS", ... (the WASIO_E... name). */
  code: WasioErrorCode;
  /** What aborted the run: its AbortSignal's reason. */
  cause?: unknown;
  /** The negative WASIO_E... value. */
  status: number;
  /** The demo's lines up to the failure (when a run failed). */
  events?: LogEvent[];
  tasks?: TaskEvent[];
}

/** The loop's insides between two steps. */
export interface Snapshot {
  time: number | null;
  steps: number | null;
  live: number;
  phase: 'main' | 'shutdown' | 'done';
  /** How many entries the ready queue and the timers hold in all. */
  counts: { ready: number; timers: number };
  /** Task names in the order they will run ("(callback)" for a callback); the first 200. */
  ready: string[];
  /**
   * Armed timers, soonest first (the first 200): a task's sleep, the time
   * limit of its wait, a timeout scope's deadline, or a call_later callback.
   */
  timers: { at: number; what: 'sleep' | 'wait' | 'timeout' | 'call_later'; task: string }[];
}

export interface StartOptions extends RunOptions {
  /** The virtual clock, moved only by step(). */
  manual?: boolean;
}

/** A run in progress. */
export interface RunHandle {
  finished: Promise<RunResult>;
  /** Manual runs only (others throw ESTATE): one iteration of the loop. */
  step(): { done: boolean; delay: number; steps: number | null };
  /** Cancels the main task, as Ctrl-C: its cleanup runs. */
  stop(): void;
  /** A run on the virtual clock (speed or manual): its speed from now on,
   * or 'manual' to move only by step(). */
  setSpeed(speed: number | 'manual'): void;
  snapshot(): Snapshot;
}

/** An entry point of a module (WASIO_ENTRY in its C). */
export interface EntryInfo {
  name: string;
  summary: string;
  /** The parameters it declares, with their defaults. */
  params: Array<{ name: string; default: string }>;
  /** Its modes, the first the default; [] when it has none. */
  modes: string[];
}

/** A module built with `wasio-cc --target=web`, loaded. Each run has a
 * wasm instance of its own while it lasts (idle ones are reused), so runs
 * at the same time never share a loop or the program's C globals. */
export interface App {
  /** Its entry points, in the order the program declared them. */
  entries(): EntryInfo[];
  /** Runs entry `name` as the main task of a fresh loop. */
  run(name: string, options?: RunOptions): Promise<RunResult>;
  /** The same, as a handle on the run. */
  start(name: string, options?: StartOptions): Promise<RunHandle>;
}

export interface LoadOptions {
  /** Module.hooks on each instance's Emscripten Module object, for the
   * program's own EM_JS code (Module.wasioTrack(promise) is always there). */
  hooks?: Record<string, unknown>;
}

/**
 * Loads the module that `wasio-cc --target=web -o app.mjs` wrote: `source`
 * is app.mjs (or app.wasm beside it), relative to the page or, in Node, to
 * the current directory.
 */
export function load(source: string | URL, options?: LoadOptions): Promise<App>;

/** Starts a demo and returns a handle on the run. */
export function start(name: string, options?: StartOptions): Promise<RunHandle>;

/** Runs a demo on a fresh loop; resolves once the loop has shut down. */
export function run(name: string, options?: RunOptions): Promise<RunResult>;

/** The demos and their modes. */
export function list(): Promise<DemoInfo[]>;
