// One benchmark workload in the web build under Node, for bench/bench.mjs:
// prints the bench demo's result JSON.
//   node bench/web_bench.mjs WORKLOAD N
import { run } from '../build/web/wasio.mjs';

const [workload, n] = process.argv.slice(2);
const { events } = await run('bench', { mode: workload, params: { n }, virtualTime: workload !== 'timers', tasks: false });
const line = events.find((e) => e.text.startsWith('result '));
console.log(line.text.slice(7));
