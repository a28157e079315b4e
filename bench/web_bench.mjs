// One benchmark workload in the web build under Node, for bench/bench.mjs:
// prints the bench demo's result JSON.
//   node bench/web_bench.mjs WORKLOAD N [STEP]
import { run } from '../build/web/wasio.mjs';

const [workload, n, step = '0'] = process.argv.slice(2);
const { events } = await run('bench', { mode: workload, params: { n, step }, virtualTime: workload !== 'timers', tasks: false });
const line = events.find((e) => e.text.startsWith('result '));
console.log(line.text.slice(7));
