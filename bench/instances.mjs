// What a run's own instance costs: load() gives each run that overlaps
// another a wasm instance of its own (its loop, its C globals), made from
// the module compiled once, and reuses idle instances for later runs.
// Measured on the built-in demos module in Node: N runs started at once
// (each a new instance), then N runs one after another (one instance,
// reused).
//   node --expose-gc bench/instances.mjs [N]
import { run, start } from '../build/web/wasio.mjs';

const n = Number(process.argv[2] ?? 100);
const gc = globalThis.gc ?? (() => {});
const settle = async (h) => {
  h.stop();
  while (!h.step().done);
  await h.finished.catch(() => {});
};

await run('hello', { virtualTime: true }); // the module compiled, one instance made
gc();
const rss0 = process.memoryUsage().rss;
let t = performance.now();
const handles = await Promise.all(Array.from({ length: n }, () => start('say_after', { mode: 'gather', manual: true })));
const made = (performance.now() - t) / n;
gc();
const rss = (process.memoryUsage().rss - rss0) / n / 1024;
for (const h of handles) await settle(h);
t = performance.now();
for (let i = 0; i < n; i++) await settle(await start('say_after', { mode: 'gather', manual: true }));
const reused = (performance.now() - t) / n;
console.log(`instances (Node ${process.version}): ${n} runs at once, each on a new instance: ` +
  `${made.toFixed(2)} ms and ${rss.toFixed(0)} KiB resident per run; ` +
  `one after another on a reused instance: ${reused.toFixed(2)} ms per run`);
