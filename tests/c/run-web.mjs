// Runs the C suite's web (Emscripten) build under Node. Emscripten's loader
// would fetch() the .wasm by file path, which Node 20 refuses, so the bytes
// are handed over as Module.wasmBinary before the loader runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const dir = new URL('../../build/web/test/', import.meta.url);
const createTests = createRequire(dir)('./wasio-tests.js');
createTests({
  wasmBinary: readFileSync(new URL('wasio-tests.wasm', dir)),
  arguments: process.argv.slice(2),
});
