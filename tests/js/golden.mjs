// The demos whose output is the same on every target on the virtual clock,
// compared with the golden files in tests/golden/ (made by `make golden`
// from the native build, then checked by hand).
import { readFileSync } from 'node:fs';

export const goldenDir = new URL('../golden/', import.meta.url);

// [demo, mode] for every deterministic demo and mode
export const cases = [
  ['hello', 'run'],
  ['say_after', 'sequential'], ['say_after', 'tasks'], ['say_after', 'gather'],
  ['timeline', 'gather'], ['timeline', 'sequential'], ['timeline', 'sync'],
  ['lifecycle', 'run'],
  ['bad_vs_better', 'bad'], ['bad_vs_better', 'better'],
  ['nested', 'run'],
  ['structured', 'run'], ['concurrent', 'run'],
  ['errors', 'catch'], ['errors', 'gather'], ['errors', 'return_exceptions'],
  ['errors', 'taskgroup'], ['errors', 'uncaught'],
  ['timeout', 'wait_for'], ['timeout', 'scope'],
  ['cancel', 'run'], ['debug', 'run'],
  ['client', 'run'], ['client', 'timeout'], ['client', 'cancel'],
  ['server', 'run'], ['runner', 'run'],
  ['styles', 'python'], ['styles', 'node'],
  ['crowd', '1000'],
  ['interrupt', 'cleanup'], ['interrupt', 'slow-cleanup'],
  ['lateness', '1000'], ['lateness', '100'],
];

export const goldenName = (demo, mode) => `${demo}.${mode}.txt`;

export function golden(demo, mode) {
  return readFileSync(new URL(goldenName(demo, mode), goldenDir), 'utf8');
}

// The web build's events in the CLI's format.
export function formatEvents(events) {
  return events.map((e) => (e.time === null
    ? `[${e.place === 'run()' ? ' run() ' : ' main()'}] ${e.text}`
    : `[${e.time.toFixed(3)}s] ${e.text}`)).join('\n') + '\n';
}
