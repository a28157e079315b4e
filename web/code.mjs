// The playground's code panes: a demo's C source beside its Python twin,
// and where in each a task is. The C side's line comes from the trace (the
// call site of the await a task waits in, wasio.h's macros); the Python
// line is the await at the same place in the function of the same name
// (or Python's `main` for the demo's main function): the k-th await of a C
// function is the k-th of its twin. Plain text in, line numbers out.

// The await points of wasio.h (its call-site macros), as C calls them.
const AWAIT_C = new RegExp('\\bwasio_(?:sleep|await|gather|gather_outcomes|wait_for|shield|wait|' +
  'as_completed_next|taskgroup_exit|event_wait|lock_acquire|semaphore_acquire|condition_acquire|' +
  'condition_wait|condition_wait_for|queue_put|queue_get|queue_join|js_await|wait_readable|' +
  'wait_writable|step_sleep|step_event_wait|step_await)\\s*\\(');
// (async with asyncio.timeout() is wasio_timeout_enter's twin: no wait)
const AWAIT_PY = /\bawait\b|\basync\s+(?:with|for)\b(?!\s+asyncio\.timeout)/;
const comment = (line) => /^\s*(?:\/\/|\/?\*|#)/.test(line);

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
      if (AWAIT_C.test(line) && !comment(line)) open.awaits.push(i + 1);
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
      if (AWAIT_PY.test(body) && !comment(body) && !awaitsOwn(body)) fn.awaits.push(j + 1);
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
// task's line is its own; its Python line, the def, then the await of its
// k-th waiting step (sleep, await, gather, wait_for), as it reaches them.
export class ScriptMap {
  constructor(program) {
    this.lines = new Map(); // task -> its line in the program
    this.defs = new Map(); // task -> its def's line in the Python
    this.awaits = new Map(); // task -> its waiting steps' lines in the Python
    const tasks = [];
    program.split('\n').forEach((text, i) => {
      const m = /^\s*(\w+)\s*:(.*)$/.exec(text);
      if (m) tasks.push({ name: m[1], steps: m[2].split(';').map((s) => s.trim()).filter(Boolean), line: i + 1 });
    });
    const py = ['import asyncio', '', 'tasks = {}', ''];
    const ref = (name) => (name === 'main' ? 'main' : `tasks["${name}"]`);
    for (const task of tasks) {
      this.lines.set(task.name, task.line);
      this.defs.set(task.name, py.length + 1);
      py.push(`async def ${task.name}():`);
      if (task.name === 'main') {
        for (const other of tasks.filter((t) => t.name !== 'main')) {
          py.push(`    tasks["${other.name}"] = asyncio.create_task(${other.name}())`);
        }
      }
      const waits = [];
      for (const step of task.steps) {
        const [verb, ...rest] = step.split(/\s+/);
        const line = {
          sleep: () => `    await asyncio.sleep(${rest[0]})`,
          print: () => `    print("${task.name}: ${rest.join(' ').replace(/["\\]/g, '\\$&')}")`,
          await: () => `    await ${ref(rest[0])}`,
          gather: () => `    await asyncio.gather(${rest.map(ref).join(', ')})`,
          wait_for: () => `    await asyncio.wait_for(${ref(rest[0])}, ${rest[1]})`,
          cancel: () => `    ${ref(rest[0])}.cancel()`,
        }[verb]?.() ?? `    # ${step}`;
        if (/^\s*await /.test(line)) waits.push(py.length + 1);
        py.push(line);
      }
      if (task.steps.length === 0) py.push('    pass');
      this.awaits.set(task.name, waits);
      py.push('', '');
    }
    py.push('asyncio.run(main())');
    this.python = `${py.join('\n')}\n`;
  }

  // (fn is not the program's: a task is known by its name)
  start(fn, task) {
    return this.lines.has(task) ? { c: this.lines.get(task), py: this.defs.get(task) } : null;
  }

  // The k-th wait (from 0) of task `task`.
  at(file, line, task, k) {
    if (!this.lines.has(task)) return null;
    return { c: this.lines.get(task), py: this.awaits.get(task)[k] ?? this.defs.get(task) };
  }
}
