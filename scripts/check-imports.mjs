// Fails unless every import of the given wasm module comes from
// wasi_snapshot_preview1: the module must stay a plain WASI preview1
// command that `wasmtime run` and other runtimes run unchanged.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(path)));
const foreign = imports.filter((i) => i.module !== 'wasi_snapshot_preview1');
if (foreign.length) {
  console.error(`${path}: imports outside wasi_snapshot_preview1: ` +
    foreign.map((i) => `${i.module}.${i.name}`).join(', '));
  process.exit(1);
}
