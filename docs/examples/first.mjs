// The script demo runs a program of tasks, one a line: a name, then steps
// (sleep, print, await, gather, wait_for, cancel). The virtual clock makes
// the times exact and the run instant.
import { run } from 'wasio';

const program = `main: print started; gather A B; print finished
A: sleep 1; print hello
B: sleep 2; print world`;

const { events } = await run('script', { params: { program }, virtualTime: true });
for (const e of events) console.log(`[${e.time.toFixed(3)}s] ${e.text}`);
