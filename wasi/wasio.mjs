#!/usr/bin/env node
// The wasio CLI on Node's built-in WASI (node:wasi): build/wasi/wasio.wasm,
// a plain WASI preview1 command, with the same commands and exit codes as
// the native CLI. Run directly (or as the npm package's `wasio` bin) it
// takes process.argv; imported (`wasio/wasi`), it exports runWasi.
// WASIO_WASM=path runs another WASI command the same way (the C tests).
import { fstatSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';

const defaultModule = new URL('../build/wasi/wasio.wasm', import.meta.url);

// node:wasi prints an ExperimentalWarning on load; it is noise for a CLI.
function quietWasiWarning() {
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
    if (type === 'ExperimentalWarning' && String(warning).includes('WASI')) return;
    emitWarning.call(process, warning, ...rest);
  };
}

/**
 * Runs the WASI module with `args` (without the program name) and returns
 * its exit code. The current directory (`cwd`) is preopened as ".", as
 * `wasmtime run --dir=.` would: --trace FILE writes there. stdin, stdout
 * and stderr are file descriptors (the process's own by default).
 */
export async function runWasi(args = [], {
  module = process.env.WASIO_WASM ?? defaultModule,
  cwd = process.cwd(),
  env = process.env,
  stdin = 0, stdout = 1, stderr = 2,
} = {}) {
  quietWasiWarning();
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({
    version: 'preview1',
    args: ['wasio', ...args],
    env,
    preopens: { '.': cwd },
    stdin,
    stdout,
    stderr,
    returnOnExit: true,
  });
  // node:wasi keeps the module's memory as it was when the instance
  // started: once memory.grow has moved it, its calls read and write freed
  // memory (crashes in Node 20; nodejs/node#51303). Every WASI call first
  // checks whether the memory has moved (its ArrayBuffer changes on every
  // grow) and hands node:wasi the current one.
  const kSetMemory = Object.getOwnPropertySymbols(wasi).find((s) => s.description === 'kSetMemory');
  let memory = null;
  let buffer = null;
  const imports = {};
  for (const [name, fn] of Object.entries(wasi.wasiImport)) {
    imports[name] = kSetMemory ? (...callArgs) => {
      if (memory.buffer !== buffer) {
        buffer = memory.buffer;
        wasi[kSetMemory](memory);
      }
      return fn(...callArgs);
    } : fn;
  }
  // Node's WASI (uvwasi) cannot poll a regular file or a character device
  // that is not a terminal (/dev/null): epoll refuses them, and its
  // poll_oneoff then waits for good (`wasio demo stdin < /dev/null` hung).
  // POSIX poll calls such files always ready; for the standard descriptors,
  // whose host files are known here, the runner answers so itself.
  const hostFd = [stdin, stdout, stderr];
  const readyKind = new Map();
  const alwaysReady = (fd) => {
    if (fd > 2) return false;
    if (!readyKind.has(fd)) {
      let ready = false;
      try {
        const st = fstatSync(hostFd[fd]);
        ready = st.isFile() || (st.isCharacterDevice() && !isatty(hostFd[fd]));
      } catch { /* closed: the real poll reports it */ }
      readyKind.set(fd, ready);
    }
    return readyKind.get(fd);
  };
  const realPoll = imports.poll_oneoff;
  imports.poll_oneoff = (inPtr, outPtr, nsubs, neventsPtr) => {
    const view = new DataView(memory.buffer);
    let ready = 0;
    for (let i = 0; i < nsubs; i++) {
      const sub = inPtr + i * 48; // subscription: userdata, tag, union at 16
      const tag = view.getUint8(sub + 8);
      if ((tag === 1 || tag === 2) && alwaysReady(view.getUint32(sub + 16, true))) {
        const ev = outPtr + ready * 32; // event: userdata, error, type, rw at 16
        view.setBigUint64(ev, view.getBigUint64(sub, true), true);
        view.setUint16(ev + 8, 0, true);
        view.setUint8(ev + 10, tag);
        view.setBigUint64(ev + 16, 1n, true);
        view.setUint16(ev + 24, 0, true);
        ready++;
      }
    }
    if (ready === 0) return realPoll(inPtr, outPtr, nsubs, neventsPtr);
    view.setUint32(neventsPtr, ready, true);
    return 0;
  };
  const compiled = await WebAssembly.compile(await readFile(module));
  const instance = await WebAssembly.instantiate(compiled, { wasi_snapshot_preview1: imports });
  memory = instance.exports.memory;
  buffer = memory.buffer;
  try {
    return wasi.start(instance);
  } catch (err) {
    if (err instanceof RangeError) {
      // the engine's own call stack: a task recursed deeper than it allows
      process.stderr.write(`wasio: fatal: the wasm call stack is exhausted (${err.message}); ` +
        'a task recursed too deep\n');
      return 134;
    }
    if (!(err instanceof WebAssembly.RuntimeError)) throw err;
    // A trap: the module cannot go on. Say what it was, if wasio knows
    // (the stack limit of a task), instead of a JavaScript stack trace.
    const why = instance.exports.wasio_trap_reason?.();
    const reason = why ? new TextDecoder().decode(
      new Uint8Array(memory.buffer, why, new Uint8Array(memory.buffer, why).indexOf(0))) : null;
    process.stderr.write(`wasio: fatal: ${reason ?? `the module trapped (${err.message})`}\n`);
    return 134;
  }
}

// Run as a program (directly, or through npm's bin link)? Found without a
// top-level await, so that require('wasio/wasi') can load this file.
const self = fileURLToPath(import.meta.url);
let invoked = '';
try {
  invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
} catch { /* not a file: not this one */ }
if (invoked === self) {
  runWasi(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (err) => {
    process.stderr.write(`wasio: ${err.message}\n`);
    process.exitCode = 1;
  });
}
