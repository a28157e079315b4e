// The playground's code panes: a demo's C source beside its Python twin,
// and where in each a task is. The C side's line comes from the trace (the
// call site of the await a task waits in, wasio.h's macros); the Python
// line is the await at the same place in the function of the same name
// (or Python's `main` for the demo's main function): the k-th await of a C
// function is the k-th of its twin. Plain text in, line numbers out.

// The await points of wasio.h: its call-site macros of WASIO__AT
// (tests/js/pytwins.test.mjs holds this list to the header's).
export const AWAIT_POINTS = ['sleep', 'await', 'gather', 'gather_outcomes', 'wait_for', 'shield', 'wait',
  'as_completed_next', 'taskgroup_exit', 'event_wait', 'lock_acquire', 'semaphore_acquire',
  'condition_acquire', 'condition_wait', 'condition_wait_for', 'queue_put', 'queue_get', 'queue_join',
  'js_await', 'wait_readable', 'wait_writable', 'step_sleep', 'step_event_wait', 'step_await'];
const AWAIT_C = new RegExp(`\\bwasio_(?:${AWAIT_POINTS.join('|')})\\s*\\(`);
const AWAIT_PY = /\bawait\b|\basync\s+(?:with|for)\b(?!\s+asyncio\.timeout)/;
const comment = (line) => /^\s*(?:\/\/|\/?\*|#)/.test(line);
// a line without the insides of its string literals ("... await it")
const code = (line) => line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""');

// C functions: name -> { start, end, awaits } (1-based lines). A function
// starts at a line "[static] int NAME(" at the margin and ends at a "}"
// there.
export function cFunctions(text) {
  const fns = new Map();
  let open = null;
  text.split('\n').forEach((line, i) => {
    const head = /^(?:static\s+)?int\s+(\w+)\s*\(/.exec(line);
    if (head && !line.trimEnd().endsWith(';')) {
      open = { name: head[1], start: i + 1, end: i + 1, awaits: [] };
      fns.set(open.name, open);
    } else if (open) {
      if (AWAIT_C.test(code(line)) && !comment(line)) open.awaits.push(i + 1);
      if (line.startsWith('}')) {
        open.end = i + 1;
        open = null;
      }
    }
  });
  return fns;
}

// Python functions: name -> { start, end, awaits }, by indentation. An
// await of a coroutine of the file's own (`await say_after(1, "hi")`), or
// of the next value of an async generator (`await anext(gen)`), runs it
// inside the awaiting task, as a plain call does in C: not an await point
// of the loop's, so not counted.
export function pyFunctions(text) {
  const fns = new Map();
  const lines = text.split('\n');
  const own = new Set(lines.map((l) => /^\s*(?:async\s+)?def\s+(\w+)/.exec(l)?.[1]).filter(Boolean));
  own.add('anext');
  const awaitsOwn = (line) => own.has(/\bawait\s+(\w+)\s*\(/.exec(line)?.[1]);
  lines.forEach((line, i) => {
    const head = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/.exec(line);
    if (!head) return;
    const indent = head[1].length;
    const fn = { name: head[2], start: i + 1, end: i + 1, awaits: [] };
    for (let j = i + 1; j < lines.length; j++) {
      const body = lines[j];
      if (body.trim() !== '' && body.search(/\S/) <= indent) break;
      fn.end = j + 1;
      if (AWAIT_PY.test(code(body)) && !comment(body) && !awaitsOwn(body)) fn.awaits.push(j + 1);
    }
    if (!fns.has(fn.name)) fns.set(fn.name, fn);
  });
  return fns;
}

// The function a demo runs as its main task (or its plain code), from the
// demo's definition: .name = "NAME", then .main = FN.
export function mainOf(cText, demo) {
  const at = cText.indexOf(`.name = "${demo}"`);
  if (at < 0) return null;
  const m = /\.(?:main|plain_main)\s*=\s*(\w+)/.exec(cText.slice(at));
  return m ? m[1] : null;
}

// A demo's two texts, read for the lines of its tasks.
export class CodeMap {
  constructor({ demo, file, c, py }) {
    this.demo = demo;
    this.file = file; // "demos/say_after.c": what the trace's file says
    this.c = cFunctions(c);
    this.py = py ? pyFunctions(py) : null;
    this.main = mainOf(c, demo);
  }

  // The twin of C function cName: the Python function of the same name,
  // else, for the demo's main function, Python's main.
  pyName(cName) {
    return this.py?.has(cName) || cName !== this.main ? cName : 'main';
  }

  // The C function holding line n.
  cFunctionAt(n) {
    for (const fn of this.c.values()) if (n >= fn.start && n <= fn.end) return fn;
    return null;
  }

  // Where a task that runs function `name` starts: { c, py } (lines).
  start(name) {
    const fn = name ? this.c.get(name) : null;
    if (!fn) return null;
    const twin = this.py?.get(this.pyName(fn.name));
    return { c: fn.start, py: twin?.start ?? null };
  }

  // Where a task waits that the trace says waits at file:line.
  at(file, line) {
    if (!file || !this.file.endsWith(file.replace(/^.*\//, '')) || !line) return null;
    const fn = this.cFunctionAt(line);
    const twin = fn && this.py?.get(this.pyName(fn.name));
    const k = fn ? fn.awaits.indexOf(line) : -1;
    return { c: line, py: twin ? (k >= 0 ? twin.awaits[k] ?? null : twin.start) : null };
  }
}

// The scenario builder's program (the script demo) as the code: one line a
// task, "NAME: step; step", and the same program written in asyncio. A
// task's line is its own; its Python line, the def, then the await of the
// step it waits in: the next step, in order, of the kind the wait says
// (sleep, await, gather, wait_for).
const PY_RESERVED = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
  'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  'asyncio', 'tasks', 'print', 'TimeoutError']);
const PRINT_MAX = 63; // what the C keeps of a print's text

export class ScriptMap {
  constructor(program) {
    this.lines = new Map(); // task -> its line in the program
    this.defs = new Map(); // task -> its def's line in the Python
    this.waits = new Map(); // task -> [{ kind, line }] of its waiting steps
    const tasks = [];
    program.split('\n').forEach((text, i) => {
      const m = /^\s*([^:\s]+)\s*:(.*)$/.exec(text);
      if (m) tasks.push({ name: m[1], steps: m[2].split(';').map((x) => x.trim()).filter(Boolean), line: i + 1 });
    });
    // a Python name for each task: its own when Python can take it
    const ident = new Map(tasks.map((t, i) => [t.name,
      /^[A-Za-z_]\w*$/.test(t.name) && !PY_RESERVED.has(t.name) ? t.name : `task_${i + 1}`]));
    const str = (text) => JSON.stringify(text); // a Python string literal too
    const ref = (name) => (name === 'main' ? 'main' : `tasks[${str(name)}]`);
    const py = ['import asyncio', '', 'tasks = {}', ''];
    for (const task of tasks) {
      const fn = ident.get(task.name);
      this.lines.set(task.name, task.line);
      this.defs.set(task.name, py.length + 1);
      py.push(`async def ${fn}():${fn === task.name ? '' : `  # ${task.name}`}`);
      if (task.name === 'main') {
        for (const other of tasks.filter((t) => t.name !== 'main')) {
          py.push(`    tasks[${str(other.name)}] = asyncio.create_task(${ident.get(other.name)}())`);
        }
      }
      const waits = [];
      const wait = (kind, line) => {
        waits.push({ kind, line: py.length + 1 });
        py.push(line);
      };
      for (const step of task.steps) {
        const [verb, ...rest] = step.split(/\s+/);
        if (verb === 'sleep') wait('sleep', `    await asyncio.sleep(${rest[0]})`);
        else if (verb === 'await') wait('await', `    await ${ref(rest[0])}`);
        else if (verb === 'gather') wait('gather', `    await asyncio.gather(${rest.map(ref).join(', ')})`);
        else if (verb === 'wait_for') {
          py.push('    try:');
          wait('wait_for', `        await asyncio.wait_for(${ref(rest[0])}, ${rest[1]})`);
          py.push('    except TimeoutError:',
            `        print(${str(`${task.name}: wait_for ${rest[0]} timed out after ${Number(rest[1])} s`)})`);
        } else if (verb === 'print') py.push(`    print(${str(`${task.name}: ${rest.join(' ').slice(0, PRINT_MAX)}`)})`);
        else if (verb === 'cancel') py.push(`    ${ref(rest[0])}.cancel()`);
        else py.push(`    # ${step}`);
      }
      if (task.steps.length === 0) py.push('    pass');
      this.waits.set(task.name, waits);
      py.push('', '');
    }
    py.push('asyncio.run(main())');
    this.python = `${py.join('\n')}\n`;
  }

  // (fn is not the program's: a task is known by its name)
  start(fn, task) {
    return this.lines.has(task) ? { c: this.lines.get(task), py: this.defs.get(task) } : null;
  }

  // Where task `task` waits, for a wait that says `detail` ("sleep 1.000s",
  // "await A", "gather 2 tasks", "wait_for A"): the next of its waiting
  // steps of that kind, from lane.cursor on (a wait of another kind, the
  // cancelled task a wait_for waits out say, leaves the mark where it is).
  at(file, line, task, lane, detail = '') {
    if (!this.lines.has(task)) return null;
    const kind = /^(sleep|await|gather|wait_for)\b/.exec(detail)?.[1];
    const steps = this.waits.get(task);
    const from = lane?.cursor ?? 0;
    const k = kind ? steps.findIndex((step, i) => i >= from && step.kind === kind) : -1;
    if (k < 0) return null;
    if (lane) lane.cursor = k + 1;
    return { c: this.lines.get(task), py: steps[k].line };
  }
}
