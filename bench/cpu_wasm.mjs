// Asyncify's cost on CPU-bound code: the bench demo's cpu workload in the
// same WASI module with the pass (build/wasi/wasio.wasm) and without it
// (build/wasi/wasio-plain.wasm). Without the pass the four asyncify
// imports are still imported: here they are stubs that fail if called,
// and the cpu workload never switches, so they never are.
//   node bench/cpu_wasm.mjs asyncify|plain N
import { readFile } from 'node:fs/promises';

const [variant, n] = process.argv.slice(2);
const file = new URL(`../build/wasi/${variant === 'plain' ? 'wasio-plain' : 'wasio'}.wasm`, import.meta.url);
process.emitWarning = () => {};
const { WASI } = await import('node:wasi');
let out = '';
const wasi = new WASI({
  version: 'preview1',
  args: ['wasio', 'demo', 'bench', '--mode', 'cpu', '--virtual-time', '--set', `n=${n}`],
  returnOnExit: true,
  stdout: 1,
});
const stub = () => { throw new Error('asyncify import called in the plain build'); };
const module = await WebAssembly.compile(await readFile(file));
const imports = { wasi_snapshot_preview1: wasi.wasiImport };
if (WebAssembly.Module.imports(module).some((i) => i.module === 'asyncify')) {
  imports.asyncify = { start_unwind: stub, stop_unwind: stub, start_rewind: stub, stop_rewind: stub };
}
const instance = await WebAssembly.instantiate(module, imports);
void out;
wasi.start(instance);
