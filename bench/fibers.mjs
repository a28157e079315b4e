// Emscripten fibers (bench/fibers.c, built by make into build/web/fibers/),
// one workload under Node: prints its result JSON, as bench/web_bench.mjs
// does for wasio's web build.
//   node bench/fibers.mjs switch|memory N [C_STACK [ASYNCIFY_STACK [-v]]]
// runFibers() below is the same in Node and in a browser
// (bench/fibers_chromium.mjs imports this file into the page).

// Runs one workload on a fresh instance of the module (so memory starts
// small), given its ES module factory and its wasm bytes (the loader would
// fetch() a file path under Node). Resolves with the program's result
// line, JSON; what it says on stderr goes to `log`.
export async function runFibers(factory, wasmBinary, args, log = console.error) {
  const out = [];
  const module = await factory({ wasmBinary, print: (line) => out.push(line), printErr: log });
  // main runs to its end inside this call: every swap goes through the
  // loader's trampoline, synchronously. Its exit status is lost after a
  // swap (the unwound call returns first): the result line is what counts.
  try {
    module.callMain(args.map(String));
  } catch (err) {
    throw new Error(`fibers ${args.join(' ')}: ${err.message ?? err}`);
  }
  const line = out.find((l) => l.startsWith('{'));
  if (!line) throw new Error(`fibers ${args.join(' ')}: no result`);
  return line;
}

const isMain = typeof process !== 'undefined' && process.argv[1] &&
  import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { readFileSync } = await import('node:fs');
  const args = process.argv.slice(2);
  if (args.length < 2) {
    console.error('usage: node bench/fibers.mjs switch|memory N [C_STACK [ASYNCIFY_STACK [-v]]]');
    process.exit(2);
  }
  const dir = new URL('../build/web/fibers/', import.meta.url);
  const { default: factory } = await import(new URL('fibers.mjs', dir));
  try {
    console.log(await runFibers(factory, readFileSync(new URL('fibers.wasm', dir)), args));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
