// Checks what a linked module imports.
//   node check-imports.mjs FILE.wasm
//     fails unless every import comes from wasi_snapshot_preview1: the
//     module must stay a plain WASI preview1 command that `wasmtime run`
//     and other runtimes run unchanged.
//   node check-imports.mjs --web LOADER.mjs FILE.wasm [NAME]
//     fails if an import is a symbol nobody defined: Emscripten, told to
//     allow undefined symbols (for Asyncify's, until its pass), gives the
//     loader a stub that aborts with "missing function: NAME" in its place.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const web = args[0] === '--web';
const [loader, path, name = path] = web ? args.slice(1) : [null, args[0]];
const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(path)));
if (web) {
  const text = readFileSync(loader, 'utf8');
  const missing = imports.filter((i) => text.includes(`missing function: ${i.name}'`) ||
    text.includes(`missing function: ${i.name}"`));
  if (missing.length) {
    console.error(`${name}: undefined symbols (declared, never defined): ${missing.map((i) => i.name).join(', ')}`);
    process.exit(1);
  }
} else {
  const foreign = imports.filter((i) => i.module !== 'wasi_snapshot_preview1');
  if (foreign.length) {
    console.error(`${path}: imports outside wasi_snapshot_preview1: ` +
      foreign.map((i) => `${i.module}.${i.name}`).join(', '));
    process.exit(1);
  }
}
