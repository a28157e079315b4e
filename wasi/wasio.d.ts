// Types for the WASI runner (`import { runWasi } from 'wasio/wasi'`).

export interface RunWasiOptions {
  /** The WASI module: build/wasi/wasio.wasm by default. */
  module?: string | URL;
  /** Preopened as "." (where --trace FILE goes). */
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** File descriptors; the process's own by default. */
  stdin?: number;
  stdout?: number;
  stderr?: number;
  /** Ctrl-Cs counted by another thread (Atomics.add on element 0 of an
   * Int32Array over a SharedArrayBuffer): the module sees each one as a
   * SIGINT. Run it in a worker for that, as `node wasi/wasio.mjs` does: a
   * WASI call blocks its thread. */
  interrupts?: Int32Array;
}

/** Runs the wasio CLI on node:wasi; resolves with its exit code. */
export function runWasi(args?: string[], options?: RunWasiOptions): Promise<number>;
