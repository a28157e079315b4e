// Emscripten fibers (bench/fibers.c) in headless Chromium: one workload,
// prints its result JSON, as bench/fibers.mjs does under Node. Chromium
// and the server are the ones bench/bench.mjs uses (tests/js/browser.mjs,
// web/serve.mjs); the page runs bench/fibers.mjs's runFibers().
//   node bench/fibers_chromium.mjs switch|memory N [C_STACK [ASYNCIFY_STACK [-v]]]
import { fileURLToPath } from 'node:url';

// Runs one workload in `page`, a page on web/serve.mjs's server (any URL of
// it: bench/bench.mjs's page will do). The memory workload reloads the page
// first: wasm memory never shrinks, and earlier instances' memories would
// otherwise stay until the page's next garbage collection. Resolves with
// the result line; what the program says on stderr goes to `log`.
export async function fibersInPage(page, args, log = console.error) {
  if (args[0] === 'memory') await page.reload();
  const { line, logs, error } = await page.evaluate(async (argv) => {
    const logged = [];
    try {
      const { runFibers } = await import('/bench/fibers.mjs');
      const { default: factory } = await import('/build/web/fibers/fibers.mjs');
      const bytes = await (await fetch('/build/web/fibers/fibers.wasm')).arrayBuffer();
      return { line: await runFibers(factory, bytes, argv, (l) => logged.push(l)), logs: logged };
    } catch (err) {
      return { error: String(err.message ?? err), logs: logged };
    }
  }, args.map(String));
  logs.forEach((l) => log(l));
  if (error) throw new Error(error);
  return line;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.length < 2) {
    console.error('usage: node bench/fibers_chromium.mjs switch|memory N [C_STACK [ASYNCIFY_STACK [-v]]]');
    process.exit(2);
  }
  const { launch } = await import('../tests/js/browser.mjs');
  const { PLAYGROUND, startServer } = await import('../web/serve.mjs');
  const { browser, reason } = await launch();
  if (!browser) {
    console.error(`fibers_chromium: ${reason}`);
    process.exit(1);
  }
  const { server, url } = await startServer({ port: 0, allow: [...PLAYGROUND, '/bench/'] });
  let status = 0;
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/package.json`);
    console.log(await fibersInPage(page, args));
  } catch (err) {
    console.error(err.message);
    status = 1;
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(status);
}
