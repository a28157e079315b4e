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
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

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
 * `interrupts`, an Int32Array on a SharedArrayBuffer, counts the Ctrl-Cs
 * another thread saw: the module sees each as a byte on a descriptor of
 * its own (WASIO_INTERRUPT_FD, src/host_wasi.c), as the native build sees
 * a SIGINT. The program runs in a worker for that (see the end of this
 * file): a WASI call blocks its thread.
 */
export async function runWasi(args = [], {
  module = process.env.WASIO_WASM ?? defaultModule,
  cwd = process.cwd(),
  env = process.env,
  stdin = 0, stdout = 1, stderr = 2,
  interrupts = null,
} = {}) {
  quietWasiWarning();
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({
    version: 'preview1',
    args: ['wasio', ...args],
    env: interrupts ? { ...env, WASIO_INTERRUPT_FD: String(INTERRUPT_FD) } : env,
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
  if (interrupts) watchInterrupts(imports, () => memory, interrupts);
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

// ---------------------------------------------------------------- Ctrl-C
// The interrupt descriptor, a number no runtime hands out this early, and
// served here: readable (one byte) for each Ctrl-C not yet read.
const INTERRUPT_FD = 1000;
const SLICE_NS = 50_000_000n; // how long a wait may go without a look

// poll_oneoff and fd_read learn the interrupt descriptor. A subscription
// to it is taken out of what node:wasi sees (it knows no such descriptor),
// and the wait goes in slices of 50 ms, looking at `interrupts` between
// them: node:wasi's poll_oneoff blocks, and a Ctrl-C must not wait for a
// long timer.
function watchInterrupts(imports, memoryOf, interrupts) {
  let read = 0; // Ctrl-Cs the module has read
  const poll = imports.poll_oneoff;
  const fdRead = imports.fd_read;
  const pendingInterrupts = () => Atomics.load(interrupts, 0) - read;
  imports.fd_read = (fd, iovs, iovsLen, nreadPtr) => {
    if (fd !== INTERRUPT_FD) return fdRead(fd, iovs, iovsLen, nreadPtr);
    const view = new DataView(memoryOf().buffer);
    if (pendingInterrupts() <= 0 || iovsLen === 0 || view.getUint32(iovs + 4, true) === 0) {
      view.setUint32(nreadPtr, 0, true);
      return 6; // EAGAIN
    }
    view.setUint8(view.getUint32(iovs, true), 3); // ^C
    view.setUint32(nreadPtr, 1, true);
    read++;
    return 0;
  };
  imports.poll_oneoff = (inPtr, outPtr, nsubs, neventsPtr) => {
    const view = new DataView(memoryOf().buffer);
    let mine = -1;
    let clock = -1;
    for (let i = 0; i < nsubs; i++) {
      const sub = inPtr + i * 48;
      const tag = view.getUint8(sub + 8);
      if (tag === 1 && view.getUint32(sub + 16, true) === INTERRUPT_FD) mine = i;
      else if (tag === 0) clock = i;
    }
    if (mine < 0) return poll(inPtr, outPtr, nsubs, neventsPtr);
    const interruptEvent = () => {
      const ev = outPtr;
      view.setBigUint64(ev, view.getBigUint64(inPtr + mine * 48, true), true);
      view.setUint16(ev + 8, 0, true);
      view.setUint8(ev + 10, 1);
      view.setBigUint64(ev + 16, 1n, true);
      view.setUint16(ev + 24, 0, true);
      view.setUint32(neventsPtr, 1, true);
      return 0;
    };
    if (pendingInterrupts() > 0) return interruptEvent();
    // The interrupt's subscription becomes the slice's clock (the same
    // 48 bytes), put back as it was afterwards; the module's own clock, if
    // any, keeps its place and its deadline.
    const slot = inPtr + mine * 48;
    const saved = new Uint8Array(memoryOf().buffer.slice(slot, slot + 48));
    const sliceUserdata = 0xfffffffffffffffen;
    const deadline = clock >= 0
      ? process.hrtime.bigint() + view.getBigUint64(inPtr + clock * 48 + 24, true) : null;
    try {
      for (;;) {
        view.setBigUint64(slot, sliceUserdata, true);
        view.setUint8(slot + 8, 0); // clock
        view.setUint32(slot + 16, 1, true); // monotonic
        view.setBigUint64(slot + 24, SLICE_NS, true);
        view.setBigUint64(slot + 32, 1n, true); // precision
        view.setUint16(slot + 40, 0, true); // relative
        if (deadline !== null) {
          const left = deadline - process.hrtime.bigint();
          view.setBigUint64(inPtr + clock * 48 + 24, left > 0n ? left : 0n, true);
        }
        const rc = poll(inPtr, outPtr, nsubs, neventsPtr);
        if (rc !== 0) return rc;
        const n = view.getUint32(neventsPtr, true);
        // the events but the slice's own
        let kept = 0;
        for (let i = 0; i < n; i++) {
          const ev = outPtr + i * 32;
          if (view.getBigUint64(ev, true) === sliceUserdata) continue;
          if (kept !== i) new Uint8Array(memoryOf().buffer).copyWithin(outPtr + kept * 32, ev, ev + 32);
          kept++;
        }
        if (kept > 0) {
          view.setUint32(neventsPtr, kept, true);
          return 0;
        }
        if (pendingInterrupts() > 0) return interruptEvent();
      }
    } finally {
      new Uint8Array(memoryOf().buffer).set(saved, slot);
    }
  };
}

// Run as a program (directly, or through npm's bin link)? Found without a
// top-level await, so that require('wasio/wasi') can load this file. The
// program runs in a worker thread, so that this one is free to take
// Ctrl-C: the first is handed to the program (main is cancelled, its
// cleanup runs, exit 130), a second ends the process at once.
const self = fileURLToPath(import.meta.url);
let invoked = '';
try {
  invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
} catch { /* not a file: not this one */ }
const fail = (err) => {
  process.stderr.write(`wasio: ${err.message}\n`);
  process.exitCode = 1;
};
if (invoked === self && isMainThread) {
  const interrupts = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { wasioArgs: process.argv.slice(2), interrupts },
    stdin: false, stdout: false, stderr: false,
  });
  const onInterrupt = () => {
    if (Atomics.add(interrupts, 0, 1) > 0) process.exit(130); // the second
  };
  process.on('SIGINT', onInterrupt);
  worker.on('message', (code) => {
    process.exitCode = code;
  });
  worker.on('error', fail);
  worker.on('exit', () => process.off('SIGINT', onInterrupt));
} else if (!isMainThread && workerData?.wasioArgs) {
  runWasi(workerData.wasioArgs, { interrupts: workerData.interrupts })
    .then((code) => parentPort.postMessage(code), fail);
}
