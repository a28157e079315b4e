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
// start-up code runs unchecked until the first task.
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

const setter = wat.match(/\(func \$__set_stack_limits \(param \$0 i32\) \(param \$1 i32\)\n\s*\(global\.set (\$\S+)\n/);
if (!setter) fail('the stack-check pass left no $__set_stack_limits to call');
const baseGlobal = setter[1];
const escape = (s) => s.replace(/[$.*+?^{}()|[\]\\]/g, '\\$&');

const calls = new RegExp(`\\(call ${escape(imported)}(?=[\\s)])`, 'g');
const count = (wat.match(calls) || []).length;
if (count === 0) fail(`nothing calls ${imported}`);
wat = wat.replace(calls, '(call $__set_stack_limits');

const baseInit = new RegExp(`\\(global ${escape(baseGlobal)} \\(mut i32\\) \\(i32\\.const 0\\)\\)`);
if (!baseInit.test(wat)) fail(`cannot find the initial value of ${baseGlobal}`);
wat = wat.replace(baseInit, `(global ${baseGlobal} (mut i32) (i32.const -1))`);

writeFileSync(join(dir, 'linked.wat'), wat);
try {
  execFileSync(binaryen('wasm-as'), [join(dir, 'linked.wat'), '-g', '-o', output], { stdio: 'inherit' });
} catch (err) {
  fail(err.message);
}
rmSync(dir, { recursive: true, force: true });
