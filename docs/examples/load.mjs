// A C program of your own (examples/say_after.c), built for the web with
// `wasio-cc --target=web -o build/say_after.mjs`, run from JavaScript: its
// entry point "main" twice at once, each run on a wasm instance of its own.
import { load } from 'wasio';

const app = await load(new URL('../../build/say_after.mjs', import.meta.url));
for (const e of app.entries()) console.log(`${e.name}: ${e.summary}`);
const runs = await Promise.all([
  app.run('main', { virtualTime: true }),
  app.run('main', { virtualTime: true, params: { first: 'bonjour', second: 'monde' } }),
]);
for (const { events } of runs) console.log(events.map((e) => e.text).join(' '));
