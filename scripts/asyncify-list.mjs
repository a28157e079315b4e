// Which functions Asyncify must instrument: those that can reach a switch.
//
//   node scripts/asyncify-list.mjs IN.wasm [--stats] [--why NAME]
//
// prints them on one line, separated by commas, for wasm-opt's
// --pass-arg=asyncify-onlylist@@FILE (the Makefile's asyncify step);
// --why prints, on stderr, a chain of calls from NAME to the switch.
//
// Binaryen's own analysis takes every indirect call for one that may reach
// a switch, so every function that calls through a pointer (printf's
// stream writers, qsort's comparators, the loop's callbacks) is
// instrumented. But a call_indirect can only reach a function in the table
// with its own signature: a call with any other one traps. So this reads
// the module (text form, names kept), follows direct calls, and indirect
// calls to the table's functions of the caller's signature, and keeps what
// can reach a call of asyncify.start_unwind. That is still a superset of
// what runs at a switch, so the instrumented module behaves as one
// instrumented in full; it is only smaller. The functions that call the
// asyncify imports themselves (the switch's own two ends, which Binaryen
// leaves uninstrumented) are left out of the list.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [input, ...flags] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/asyncify-list.mjs IN.wasm [--stats]');
  process.exit(2);
}
const wasmOpt = process.env.WASM_OPT || 'wasm-opt';
const dir = mkdtempSync(join(tmpdir(), 'wasio-asyncify-list-'));
let wat;
try {
  execFileSync(wasmOpt.replace(/wasm-opt$/, 'wasm-dis'), [input, '-o', join(dir, 'm.wat')], { stdio: 'inherit' });
  wat = readFileSync(join(dir, 'm.wat'), 'utf8');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const fail = (message) => {
  console.error(`asyncify-list: ${input}: ${message}`);
  process.exit(1);
};

// A signature as Binaryen names its types: "i32_i32_=>_i32", "none_=>_none".
const signature = (params, results) =>
  `${params.length ? params.join('_') : 'none'}_=>_${results.length ? results.join('_') : 'none'}`;

const imports = new Map(); // function name -> "module.field"
const funcs = new Map();   // name -> { sig, calls: Set, indirect: Set(sig) }
const table = new Map();   // sig -> [function names]
let current = null;
for (const line of wat.split('\n')) {
  let m;
  if ((m = line.match(/^ \(import "([^"]+)" "([^"]+)" \(func (\$\S+)/))) {
    imports.set(m[3], `${m[1]}.${m[2]}`);
  } else if ((m = line.match(/^ \(func (\$\S+)(.*)$/))) {
    const params = [...m[2].matchAll(/\(param (?:\$\S+ )?([^)]+)\)/g)].flatMap((p) => p[1].trim().split(/\s+/));
    const results = [...m[2].matchAll(/\(result ([^)]+)\)/g)].flatMap((r) => r[1].trim().split(/\s+/));
    current = { sig: signature(params, results), calls: new Set(), indirect: new Set() };
    funcs.set(m[1], current);
  } else if (/^ \(/.test(line)) {
    current = null;
    if ((m = line.match(/^ \(elem .*?\)\s*(?:func\s+)?((?:\$\S+\s*)+)\)$/))) {
      for (const name of m[1].trim().split(/\s+/)) table.set(name, true);
    }
  } else if (current) {
    for (const c of line.matchAll(/\((?:return_)?call (\$[^\s)]+)/g)) current.calls.add(c[1]);
    for (const c of line.matchAll(/\((?:return_)?call_indirect (?:\$\S+ )?\(type \$([^)\s]+)\)/g)) current.indirect.add(c[1]);
  }
}
if (funcs.size === 0) fail('no functions found (was the module linked with names?)');
if (table.size === 0 && [...funcs.values()].some((f) => f.indirect.size > 0))
  fail('calls through pointers but no table read: the list would miss every task body');
const bySig = new Map();
for (const name of table.keys()) {
  const f = funcs.get(name);
  if (!f) continue; // an imported function in the table: ignored, as Binaryen does with asyncify-ignore-imports
  if (!bySig.has(f.sig)) bySig.set(f.sig, []);
  bySig.get(f.sig).push(name);
}

// Callers of each function, then a walk back from the unwind.
const callers = new Map();
const edge = (from, to) => {
  if (!callers.has(to)) callers.set(to, new Set());
  callers.get(to).add(from);
};
for (const [name, f] of funcs) {
  for (const callee of f.calls) edge(name, callee);
  for (const sig of f.indirect) for (const callee of bySig.get(sig) ?? []) edge(name, callee);
}
const importNamed = (field) => [...imports].find(([, what]) => what === field)?.[0];
const startUnwind = importNamed('asyncify.start_unwind');
if (!startUnwind) {
  // Nothing in the program suspends (no wasio_sleep, no await of any kind),
  // so nothing can switch: an empty list, and the pass instruments nothing
  // (it only turns the resume's imports into module functions).
  if (!imports.size || ![...imports.values()].some((w) => w.startsWith('asyncify.'))) {
    fail('no import of asyncify.start_unwind (is src/coro_asyncify.c linked in?)');
  }
  console.log('');
  process.exit(0);
}
// The switch's two ends, which Binaryen leaves uninstrumented: the
// "top-most" functions call start_unwind or stop_rewind (the yield), the
// "bottom-most" stop_unwind or start_rewind (the resume). An unwind starts
// in the first and ends in the second, so the walk starts from the first
// and never goes past the second.
const callersOf = (...fields) => new Set(fields.flatMap((f) => [...(callers.get(importNamed(`asyncify.${f}`)) ?? [])]));
const top = callersOf('start_unwind', 'stop_rewind');
const bottom = callersOf('stop_unwind', 'start_rewind');
const reach = new Map(); // function -> the callee it reaches the switch by
const todo = [...top];
while (todo.length) {
  const callee = todo.shift();
  for (const caller of callers.get(callee) ?? []) {
    if (!reach.has(caller) && !top.has(caller) && !bottom.has(caller)) {
      reach.set(caller, callee);
      todo.push(caller);
    }
  }
}
const why = flags.indexOf('--why');
if (why >= 0) {
  const chain = [];
  for (let f = `$${flags[why + 1]}`; f; f = reach.get(f)) chain.push(f.slice(1));
  console.error(reach.has(`$${flags[why + 1]}`) ? `asyncify-list: ${chain.join(' -> ')}` : `asyncify-list: ${flags[why + 1]} cannot reach a switch`);
}
const list = [...reach.keys()].filter((name) => funcs.has(name)).map((name) => name.slice(1));
if (list.length === 0) fail('nothing reaches asyncify.start_unwind');
// The suspension itself reaches the yield through its pointer: if it is
// not on the list, the signature matching above has gone wrong.
if (funcs.has('$wasio__suspend') && !list.includes('wasio__suspend'))
  fail('wasio__suspend does not reach the yield: is wasio__coro_yield_fn still of its own signature?');
const odd = list.find((name) => /[,\s]/.test(name));
if (odd) fail(`a function name wasm-opt's list cannot hold: ${odd}`);
if (flags.includes('--stats')) {
  console.error(`asyncify-list: ${list.length} of ${funcs.size} functions can reach a switch`);
}
console.log(list.join(','));
