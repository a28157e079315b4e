// Stack limits for the WASI build: no task's C shadow stack can grow past
// its end, whatever the code in it does.
//
//   node scripts/stack-check.mjs IN.wasm OUT.wasm
//
// Binaryen's --stack-check pass puts a check before every write of the
// __stack_pointer global (every function that takes a shadow frame): a new
// value outside [limit, base] traps, before anything is written there. The
// pass keeps the bounds in two globals of its own and exports a setter,
// which a WASI program cannot call; so src/coro_asyncify.c calls an import,
// wasio.set_stack_limits, at every switch, and this script, working on the
// text form, makes those calls go to the pass's setter, drops the import,
// and starts the bounds wide open (base 0xffffffff, limit 0) so that
// start-up code runs unchecked until the first task. Before each check's
// trap it puts a call to wasio__stack_overflowed (src/coro_asyncify.c)
// with the value that did not fit, so that a host told of a trap can say
// it was a task's stack (wasio_trap_reason) and not guess.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/stack-check.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
const wasmOpt = process.env.WASM_OPT || 'wasm-opt';
const binaryen = (tool) => wasmOpt.replace(/wasm-opt$/, tool);
const dir = mkdtempSync(join(tmpdir(), 'wasio-stack-check-'));
const fail = (message) => {
  rmSync(dir, { recursive: true, force: true });
  console.error(`stack-check: ${input}: ${message}`);
  process.exit(1);
};

try {
  execFileSync(wasmOpt, [input, '--stack-check', '-g', '-o', join(dir, 'checked.wasm')], { stdio: 'inherit' });
  execFileSync(binaryen('wasm-dis'), [join(dir, 'checked.wasm'), '-o', join(dir, 'checked.wat')], { stdio: 'inherit' });
} catch (err) {
  fail(err.message);
}
let wat = readFileSync(join(dir, 'checked.wat'), 'utf8');

const importLine = /^ *\(import "wasio" "set_stack_limits" \(func (\$\S+) \(param i32 i32\)\)\)\n/m;
const found = wat.match(importLine);
if (!found) fail('no import of wasio.set_stack_limits (is src/coro_asyncify.c linked in?)');
const imported = found[1];
wat = wat.replace(importLine, '');

const setter = wat.match(/\(func \$__set_stack_limits \(param \$0 i32\) \(param \$1 i32\)\n\s*\(global\.set (\$\S+)\n\s*\(local\.get \$0\)\n\s*\)\n\s*\(global\.set (\$\S+)\n/);
if (!setter) fail('the stack-check pass left no $__set_stack_limits to call');
const [, baseGlobal, limitGlobal] = setter;
const escape = (s) => s.replace(/[$.*+?^{}()|[\]\\]/g, '\\$&');

const calls = new RegExp(`\\(call ${escape(imported)}(?=[\\s)])`, 'g');
const count = (wat.match(calls) || []).length;
if (count === 0) fail(`nothing calls ${imported}`);
wat = wat.replace(calls, '(call $__set_stack_limits');

const baseInit = new RegExp(`\\(global ${escape(baseGlobal)} \\(mut i32\\) \\(i32\\.const 0\\)\\)`);
if (!baseInit.test(wat)) fail(`cannot find the initial value of ${baseGlobal}`);
wat = wat.replace(baseInit, `(global ${baseGlobal} (mut i32) (i32.const -1))`);

// (if (i32.or (i32.gt_u (local.tee $sp ...) BASE) (i32.lt_u (local.get $sp)
// LIMIT)) (unreachable)): the trap gets the call before it
if (!/^ \(func \$wasio__stack_overflowed \(param \$0 i32\)$/m.test(wat)) {
  fail('no function wasio__stack_overflowed (is src/coro_asyncify.c linked in?)');
}
const trap = new RegExp(`(\\(i32\\.lt_u\\n\\s*\\(local\\.get (\\$\\S+)\\)\\n\\s*\\(global\\.get ${escape(limitGlobal)}\\)\\n\\s*\\)\\n\\s*\\)\\n\\s*)\\(unreachable\\)`, 'g');
let traps = 0;
wat = wat.replace(trap, (_, head, sp) => {
  traps++;
  return `${head}(block (call $wasio__stack_overflowed (local.get ${sp})) (unreachable))`;
});
if (traps === 0) fail('found no check of the stack limit to mark');

writeFileSync(join(dir, 'linked.wat'), wat);
try {
  execFileSync(binaryen('wasm-as'), [join(dir, 'linked.wat'), '-g', '-o', output], { stdio: 'inherit' });
} catch (err) {
  fail(err.message);
}
rmSync(dir, { recursive: true, force: true });
