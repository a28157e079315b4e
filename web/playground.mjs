// The playground: picks a scenario, runs it on the real wasio loop (the C
// core compiled to wasm), and draws the tasks' timeline and the loop's
// insides as they change. Plain DOM, no framework.
import { list, run, start } from '../build/web/wasio.mjs';
import { CodeMap, ScriptMap } from './code.mjs';

const $ = (id) => document.getElementById(id);
const MAX_LANES = 100; // 10,000 tasks would be 10,000 lanes: draw the first

const defaultProgram = 'main: sleep 0.5; print waiting for A and B; gather A B; print done\n' +
  'A: sleep 1; print hello\nB: sleep 2; print world';

let demos = [];
let current = null; // the run in progress: { handle, manual, real }
let code = null; // the shown demo's CodeMap, and its lines' elements
let stepEvents = []; // the task events of the step being taken
let shownName = null; // the scenario whose run the panels show
let tasks = []; // task events of the run shown
let logLines = [];
let lastRan = [];
let model = newModel();
let drawQueued = false;
let logShown = -1; // how many log lines the page shows
let timelineWidth = 800; // the timeline's width, kept by a ResizeObserver
let lastDraw = 0;

// ------------------------------------------------------------- scenario UI

function demo() {
  return demos.find((d) => d.name === $('scenario').value);
}

function paramsOf(d) {
  if (d.name === 'script') return [];
  return d.params.map((p) => [p.name, p.default]);
}

function showScenario(fromHash = {}) {
  const d = demo();
  $('mode').replaceChildren(...d.modes.map((m) => new Option(m, m)));
  if (fromHash.mode && d.modes.includes(fromHash.mode)) $('mode').value = fromHash.mode;
  $('params').replaceChildren(...paramsOf(d).map(([key, value]) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.name = key;
    input.value = fromHash[key] ?? value;
    input.setAttribute('aria-label', key);
    label.append(`${key} `, input);
    return label;
  }));
  $('builder').hidden = d.name !== 'script';
  if (d.name === 'script') $('program').value = fromHash.program ?? ($('program').value || defaultProgram);
  $('summary').textContent = `${d.summary} (${/^\d/.test(d.seed) ? 'seed ' : ''}${d.seed})`;
  loadCode(d.name);
}

// ------------------------------------------------------------ code panes

// the demos that share a C file
const SOURCES = { structured: 'examples', concurrent: 'examples', server: 'examples' };
let twins = null; // the demos' Python twins: { demo: file } (demos/py/twins.json)

async function text(url) {
  const response = await fetch(url);
  return response.ok ? response.text() : null;
}

function fillPane(id, source, empty) {
  const lines = (source ?? '').replace(/\n$/, '').split('\n');
  const items = source === null ? [] : lines.map((line) => {
    const li = document.createElement('li');
    li.textContent = line || ' ';
    return li;
  });
  $(id).replaceChildren(...items);
  if (source === null) $(id).replaceChildren(Object.assign(document.createElement('li'), { textContent: empty, className: 'none' }));
  return items;
}

// The script demo's code is its program, and that program in asyncio.
function loadProgram() {
  // an empty program runs the C demo's own, which is this page's default
  const program = $('program').value.trim() ? $('program').value : defaultProgram;
  const map = new ScriptMap(program);
  $('code-c-title').textContent = 'The program (the scenario builder\'s)';
  $('code-py-title').textContent = 'The same program in Python';
  code = { name: 'script', map, c: fillPane('code-c', program, ''),
    py: fillPane('code-py', map.python, '') };
  drawCode();
}

async function loadCode(name) {
  if (name === 'script') {
    loadProgram();
    return;
  }
  const file = `demos/${SOURCES[name] ?? name}.c`;
  const loading = { name };
  code = loading;
  twins ??= text('../demos/py/twins.json').then((json) => JSON.parse(json ?? '{}'));
  const twin = (await twins)[name];
  const why = (await twins)['//no twin']?.[name];
  const [c, py] = await Promise.all([text(`../${file}`), twin ? text(`../demos/py/${twin}`) : null]);
  if (code !== loading) return; // another scenario was picked meanwhile
  $('code-c-title').textContent = `C: ${file}`;
  $('code-py-title').textContent = py ? `Python: demos/py/${(await twins)[name]}` : 'Python';
  code = {
    name,
    map: c ? new CodeMap({ demo: name, file, c, py }) : null,
    c: fillPane('code-c', c, `${file} could not be read`),
    py: fillPane('code-py', py, why ? `No Python twin: ${why}.` : `no Python twin of ${name} yet`),
  };
  drawCode();
}

// The lines where tasks are: each live lane's place, in its colour (the
// first task's, when several are on one line; their names, the first
// three and how many more).
function drawCode() {
  if (!code?.c) return;
  for (const li of [...code.c, ...code.py]) {
    if (li.classList.contains('at')) {
      li.classList.remove('at');
      li.removeAttribute('style');
      delete li.dataset.tasks;
    }
  }
  const lines = new Map(); // li -> the lanes there
  const note = (items, n, lane) => {
    const li = n ? items[n - 1] : null;
    if (!li) return;
    if (!lines.has(li)) lines.set(li, []);
    lines.get(li).push(lane);
  };
  for (const lane of model.lanes.values()) {
    if (!lane.where) continue;
    note(code.c, lane.where.c, lane);
    note(code.py, lane.where.py, lane);
  }
  for (const [li, at] of lines) {
    li.classList.add('at');
    li.style.setProperty('--lane', laneColour(at[0].id));
    const names = at.slice(0, 3).map((lane) => lane.name).join(', ');
    li.dataset.tasks = at.length > 3 ? `${names} and ${at.length - 3} more` : names;
  }
}

// Keeps each pane's first marked line in view (step by step).
function showMarked() {
  for (const id of ['code-c', 'code-py']) $(id).querySelector('li.at')?.scrollIntoView({ block: 'nearest' });
}

// A lane's colour, the same in the timeline and the code.
const dark = matchMedia('(prefers-color-scheme: dark)');
function laneColour(id) {
  return `hsl(${(id * 67 + 200) % 360} 70% ${dark.matches ? 68 : 42}%)`;
}

function params() {
  const out = {};
  for (const input of $('params').querySelectorAll('input')) out[input.name] = input.value;
  if (demo().name === 'script') out.program = $('program').value;
  return out;
}

// the scenario in the URL: #scenario=script&mode=run&program=...
function shareLink() {
  const q = new URLSearchParams({ scenario: demo().name, mode: $('mode').value, ...params() });
  return `#${q}`;
}

function readHash() {
  const q = new URLSearchParams(location.hash.slice(1));
  return Object.fromEntries(q);
}

// ---------------------------------------------------------------- drawing

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function fmt(t) {
  return t === null || t === undefined ? '–' : `${t.toFixed(3)} s`;
}

// Task events -> lanes: { id, name, segments: [{ kind, from, to, what }],
// marks: [{ kind, at, what }], open: the segment still going }. Built one
// event at a time as they arrive (a run of 10,000 tasks has 200,000).
function newModel(full = false) {
  // lanes by key (a task id, or id.n for a loop of its own after another);
  // full: every lane drawable
  return { lanes: new Map(), keys: new Map(), end: 0, full };
}

// Ends the lane's open segment at t.
function closeOpen(lane, t) {
  if (lane.open) lane.segments.push({ ...lane.open, to: t });
  lane.open = null;
}

function apply(model, e) {
  if (e.time > model.end) model.end = e.time;
  // a task id made again is a loop's of its own (plain code that runs
  // loops one after another): a lane of its own
  let key = model.keys.get(e.taskId) ?? e.taskId;
  if (e.type === 'created' && model.lanes.get(key)?.ended) {
    key = `${e.taskId}.${model.lanes.size}`;
    model.keys.set(e.taskId, key);
  }
  let lane = model.lanes.get(key);
  if (!lane) {
    // past the lanes drawn, a lane keeps only what the code panes need
    // (a run of 10,000 tasks would keep 400,000 segments for nothing, and
    // the page would pause to collect them)
    const drawn = model.full || model.lanes.size < MAX_LANES;
    lane = { id: e.taskId, name: e.task, segments: drawn ? [] : null, marks: drawn ? [] : null, open: null,
      where: null, waits: 0, ended: false };
    model.lanes.set(key, lane);
  }
  follow(lane, e);
  if (!lane.segments) return; // not drawn
  switch (e.type) {
    case 'created':
      lane.open = { kind: 'ready', from: e.time, what: 'created, not started' };
      break;
    case 'started': case 'resumed':
      closeOpen(lane, e.time);
      lane.marks.push({ kind: 'ran', at: e.time, what: `${e.type}` });
      break;
    case 'waiting':
      closeOpen(lane, e.time);
      lane.marks.push({ kind: 'ran', at: e.time, what: 'ran' });
      lane.open = { kind: 'waiting', wait: waitKind(e.detail), from: e.time, what: e.detail };
      break;
    case 'timer':
      // woken: ready to run from now on
      closeOpen(lane, e.time);
      lane.open = { kind: 'ready', from: e.time, what: `ready (${e.detail} fired)` };
      break;
    case 'done': case 'error': case 'cancelled':
      closeOpen(lane, e.time);
      lane.marks.push({ kind: e.type, at: e.time, what: e.type === 'error' ? e.detail : e.type });
      break;
    default: break;
  }
}

// What every lane keeps, drawn or not: its name (a renamed event brings
// the new one), whether it ended, and where it is, for the code panes.
function follow(lane, e) {
  const map = code?.map;
  lane.name = e.task;
  switch (e.type) {
    case 'created':
      // main's function is the demo's; another task's, its creating call's
      lane.where = map?.start(e.fn ?? (e.task === 'main' ? map.main : null), e.task) ?? null;
      break;
    case 'renamed': // a script task gets its program's name after it is made
      if (lane.waits === 0 && map instanceof ScriptMap) lane.where = map.start(null, e.task);
      break;
    case 'waiting':
      lane.waits++;
      lane.where = map?.at(e.file, e.line, e.task, lane, e.detail) ?? lane.where;
      break;
    case 'done': case 'error': case 'cancelled':
      lane.where = null;
      lane.ended = true;
      break;
    default: break;
  }
}

// What a wait is, for its colour: sleep, await (a task, wait_for, wait,
// shield, a TaskGroup), gather, sync (lock, semaphore, condition, event),
// queue, outside (a JS promise, a descriptor), yield.
function waitKind(detail) {
  if (/^(sleep 0 \(yield\)|cancelled: yield)/.test(detail)) return 'yield';
  if (/^sleep /.test(detail)) return 'sleep';
  if (/^gather/.test(detail)) return 'gather';
  if (/^(await|wait_for|shield|wait|as_completed|taskgroup)/.test(detail)) return 'await';
  if (/^(lock|semaphore|condition|event)/.test(detail)) return 'sync';
  if (/^queue/.test(detail)) return 'queue';
  if (/^(JS promise|readable|writable)/.test(detail)) return 'outside';
  return 'await';
}

function lanes(events) {
  const model = newModel(true);
  for (const e of events) apply(model, e);
  return [...model.lanes.values()];
}

function draw() {
  drawQueued = false;
  lastDraw = performance.now();
  const all = [...model.lanes.values()];
  let end = model.end;
  // one picture of the loop per drawing (it copies the loop's lists)
  const snap = current?.handle ? current.handle.snapshot() : null;
  const now = snap ? snap.time : null;
  if (now !== null) end = Math.max(end, now);
  end = Math.max(end, 0.001);
  const pct = (t) => `${(t / end) * 100}%`;
  const axis = document.createElement('div');
  axis.className = 'axis';
  // as many labels as fit: one per 70 px of the track
  const room = Math.max(2, Math.floor((timelineWidth - 100) / 70));
  const step = 10 ** Math.floor(Math.log10(end / room));
  const nice = [1, 2, 5, 10].map((k) => k * step).find((n) => end / n <= room) ?? step * 10;
  for (let t = 0; t <= end + 1e-9; t += nice) {
    const tick = document.createElement('span');
    tick.className = t + nice > end + 1e-9 ? 'tick last' : 'tick';
    tick.style.left = pct(t);
    tick.textContent = `${+t.toFixed(6)}s`;
    axis.append(tick);
  }
  // a budget of elements: a lane with too many pieces is drawn in summary,
  // its waits as one span and only its end mark
  const shown = all.filter((lane) => lane.segments);
  const budget = Math.max(6, Math.floor(900 / Math.max(shown.length, 1)));
  const rows = shown.map((lane) => {
    const row = document.createElement('div');
    row.className = 'lane';
    row.dataset.task = lane.name;
    row.setAttribute('role', 'listitem');
    row.style.setProperty('--lane', laneColour(lane.id));
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = lane.name;
    const last = lane.marks.at(-1);
    const state = lane.open ? (lane.open.kind === 'ready' ? 'ready' : `waiting: ${lane.open.what}`)
      : last ? last.kind : 'created';
    row.setAttribute('aria-label', `${lane.name}: ${state}`);
    const track = document.createElement('span');
    track.className = 'track';
    const open = lane.open ? [{ ...lane.open, to: now ?? end, live: true }] : [];
    let segments = [...lane.segments, ...open];
    let marks = lane.marks;
    if (segments.length + marks.length > budget) {
      segments = [{ kind: 'waiting', wait: 'await', from: segments[0].from, to: segments.at(-1).to,
        what: `${lane.segments.length} waits (zoomed out)`, live: !!lane.open }];
      marks = marks.filter((m) => m.kind !== 'ran');
    }
    for (const s of segments) {
      const seg = document.createElement('span');
      seg.className = s.kind === 'waiting' ? `seg wait-${s.wait}` : `seg ${s.kind}`;
      seg.style.left = pct(s.from);
      // (a ready spell has no width on the virtual clock: the CSS gives
      // every segment a few pixels)
      seg.style.width = pct(Math.max(s.to - s.from, 0));
      seg.title = `${lane.name}: ${s.what}, ${s.from.toFixed(3)}–${s.live ? 'now' : `${s.to.toFixed(3)} s`}`;
      track.append(seg);
    }
    for (const m of marks) {
      const mark = document.createElement('span');
      mark.className = `mark ${m.kind}`;
      mark.style.left = pct(m.at);
      mark.title = `${lane.name}: ${m.what} at ${m.at.toFixed(3)} s`;
      track.append(mark);
    }
    row.append(name, track);
    return row;
  });
  const more = [];
  if (all.length > shown.length) {
    const p = document.createElement('p');
    p.className = 'more';
    p.textContent = `… and ${all.length - shown.length} more tasks`;
    more.push(p);
  }
  $('timeline').replaceChildren(axis, ...rows, ...more);
  $('clock').textContent = `0 – ${end.toFixed(3)} s`;
  // (the log is written, and scrolled, only when it grew: reading its
  // height makes the page lay itself out at once)
  if (logLines.length !== logShown) {
    logShown = logLines.length;
    $('log').textContent = logLines.join('\n');
    $('log').scrollTop = $('log').scrollHeight;
  }
  // the loop and the code in the next frame: two short tasks, not one long
  if (current) {
    requestAnimationFrame(() => {
      drawLoop(current?.handle ? current.handle.snapshot() : null);
      drawCode();
    });
  } else {
    drawLoop(snap);
    drawCode();
  }
}

// The loop panel shows the run going on, or the one that ended (its last
// clock and step count, the loop closed), or nothing.
let lastSnap = null; // the last picture of the run shown
let ended = false; // the run shown has ended

function clearLoop() {
  lastSnap = null;
  ended = false;
  for (const id of ['loop-time', 'loop-steps', 'loop-phase', 'loop-current', 'loop-live']) $(id).textContent = '–';
  $('loop-ready').replaceChildren();
  $('loop-timers').replaceChildren();
  $('narration').textContent = '';
}

function drawLoop(snap) {
  if (!snap || snap.phase === 'done') {
    if (ended) { // the run is over: the loop is closed
      $('loop-time').textContent = fmt(model.end);
      $('loop-steps').textContent = lastSnap?.steps != null ? String(lastSnap.steps) : '–';
      $('loop-phase').textContent = 'done: the loop is closed';
      $('loop-current').textContent = 'none';
      $('loop-live').textContent = '0';
      $('loop-ready').replaceChildren();
      $('loop-timers').replaceChildren();
    }
    return;
  }
  lastSnap = snap;
  $('loop-time').textContent = fmt(snap.time);
  $('loop-steps').textContent = String(snap.steps);
  $('loop-phase').textContent = snap.phase === 'main' ? 'running main' : 'shutting down';
  $('loop-live').textContent = String(snap.live);
  $('loop-current').textContent = lastRan.length ? lastRan.slice(0, 8).join(', ') + (lastRan.length > 8 ? ', …' : '') : 'none';
  if (!current?.manual) lastRan = []; // running freely: what ran since the last picture
  const item = (text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  };
  // the first 50 of each, and how many more there are
  const more = (shown, count) => (count > shown ? [item(`… ${count - shown} more`)] : []);
  const ready = snap.ready.slice(0, 50);
  const timers = snap.timers.slice(0, 50);
  $('loop-ready').replaceChildren(...ready.map(item), ...more(ready.length, snap.counts.ready));
  $('loop-timers').replaceChildren(...timers.map((t) => item(`${t.at.toFixed(3)} s  ${t.what}  ${t.task}`)),
    ...more(timers.length, snap.counts.timers));
}

// One step of a manual run, told in asyncio's words: the timers that
// fired, who ran and what they did, what they wait on now, who is ready.
// Tasks by their names at the end of the step (a task renamed as it was
// made is told by its new name); long lists cut to their first six.
function narrate(events, before, after) {
  const said = [];
  const nameOf = (e) => model.lanes.get(model.keys.get(e.taskId) ?? e.taskId)?.name ?? e.task;
  const names = (list) => {
    const unique = [...new Set(list)];
    return unique.length > 6 ? `${unique.slice(0, 6).join(', ')} and ${unique.length - 6} more` : unique.join(', ');
  };
  const by = (type) => events.filter((e) => e.type === type);
  const ran = events.filter((e) => e.type === 'started' || e.type === 'resumed').map(nameOf);
  said.push(ran.length ? `The loop ran ${names(ran)}.`
    : 'No task ran in this step (only callbacks and timers, if any).');
  const created = by('created').map(nameOf);
  if (created.length) said.push(`New ${created.length === 1 ? 'task' : 'tasks'}: ${names(created)}.`);
  const waits = by('waiting');
  if (waits.length > 6) said.push(`${plural(new Set(waits.map(nameOf)).size, 'task')} now wait.`);
  else for (const e of waits) said.push(`${nameOf(e)} now waits: ${e.detail}.`);
  const ends = events.filter((e) => ['done', 'error', 'cancelled'].includes(e.type));
  const endsOf = (type) => ends.filter((e) => e.type === type).map(nameOf);
  if (endsOf('done').length) said.push(`Finished: ${names(endsOf('done'))}.`);
  for (const e of ends.filter((x) => x.type === 'error').slice(0, 3)) said.push(`${nameOf(e)} failed (${e.detail}).`);
  if (endsOf('cancelled').length) said.push(`Cancelled: ${names(endsOf('cancelled'))}.`);
  if (after && before && after.time > before.time) said.push(`The clock moved to ${fmt(after.time)}.`);
  const fired = by('timer');
  if (fired.length) {
    said.push(`Due timers fired (${names(fired.map((e) => `${nameOf(e)}'s ${e.detail}`))}): ` +
      `${names(fired.map(nameOf))} ${fired.length > 1 ? 'are' : 'is'} ready for the next step.`);
  }
  if (after?.ready?.length) said.push(`Ready next: ${names(after.ready)}.`);
  return said.join(' ');
}

// At most one redraw every 100 ms while a run goes on (250 ms with many
// tasks): drawing must not take the page away from its user.
function queueDraw() {
  if (drawQueued) return;
  drawQueued = true;
  const every = model.lanes.size > 1000 ? 250 : 100;
  const wait = Math.max(0, every - (performance.now() - lastDraw));
  setTimeout(() => requestAnimationFrame(draw), wait);
}

function lineOf(e) {
  return e.time === null ? `[${e.place}] ${e.text}` : `[${e.time.toFixed(3)}s] ${e.text}`;
}

// ------------------------------------------------------------------ runs

function setRunning(running, manual = false, real = false) {
  const focused = document.activeElement;
  $('run').disabled = running;
  $('stop').disabled = !running;
  $('step').disabled = !(running && manual);
  $('export').disabled = running || tasks.length === 0;
  // the scenario shown is the one running until it ends
  for (const id of ['scenario', 'mode', 'program']) $(id).disabled = running;
  for (const input of $('params').querySelectorAll('input')) input.disabled = running;
  // a button that a run disables hands the keyboard's focus on, not to the page
  if (focused?.disabled || focused === document.body) (running ? (manual ? $('step') : $('stop')) : $('run')).focus();
  // while a run goes on, its clock stays: the virtual clock's speeds may
  // change, the real clock is one of its own
  for (const option of $('speed').options) {
    option.disabled = running && (real ? option.value !== 'real' : option.value === 'real');
  }
}

// The speed select as run options: the real clock, a pace of the virtual
// clock (Infinity: no waiting), or step by step.
function speedOption(value) {
  if (value === 'real') return { virtualTime: false };
  if (value === 'step') return { virtualTime: true, manual: true };
  return { virtualTime: true, speed: value === 'instant' ? Infinity : Number(value) };
}

// A speed picked while a run on the virtual clock goes on takes effect now.
function changeSpeed() {
  if (!current || current.real) return;
  const value = $('speed').value;
  current.handle.setSpeed(value === 'step' ? 'manual' : speedOption(value).speed);
  current.manual = value === 'step';
  $('step').disabled = !current.manual;
  if (!current.manual) $('narration').textContent = '';
}

async function runScenario() {
  if (current) return;
  tasks = [];
  model = newModel();
  logLines = [];
  logShown = -1;
  lastRan = [];
  clearLoop();
  draw();
  const speed = $('speed').value;
  const d = demo();
  shownName = d.name;
  const options = {
    mode: $('mode').value,
    params: params(),
    ...speedOption(speed),
    onEvent(e) {
      if (e.type === 'log') {
        logLines.push(lineOf(e));
        if (e.time !== null) model.end = Math.max(model.end, e.time);
      } else {
        tasks.push(e);
        if (current?.manual) stepEvents.push(e);
        apply(model, e);
        if ((e.type === 'started' || e.type === 'resumed') && lastRan.length < 9) lastRan.push(e.task);
      }
      queueDraw();
    },
  };
  history.replaceState(null, '', shareLink());
  if (d.name === 'script') loadProgram(); // the program as it is now
  $('summary').textContent = d.ownLoops
    ? `running ${d.name} (${options.mode}): plain code that runs loops of its own (run()), which run ` +
      'to their end as it starts, whatever the speed…'
    : `running ${d.name} (${options.mode})…`;
  setRunning(true, !!options.manual, speed === 'real');
  try {
    const handle = await start(d.name, options);
    current = { handle, manual: !!options.manual, real: speed === 'real' };
    queueDraw();
    const { events } = await handle.finished;
    $('summary').textContent = `done: ${plural(events.length, 'line')}, ${plural(model.lanes.size, 'task')}, ` +
      `the clock at ${fmt(model.end)}`;
  } catch (err) {
    logLines.push(`${err.code ?? 'Error'}: ${err.message}`);
    $('summary').textContent = `${err.code ?? 'Error'}: ${err.message}`;
  } finally {
    ended = current !== null; // a run that started and ended (not refused)
    if (ended) lastSnap = current.handle.snapshot(); // its clock and steps at the end
    current = null;
    setRunning(false);
    draw();
  }
}

function stepOnce() {
  if (!current?.manual) return;
  lastRan = [];
  stepEvents = [];
  const before = lastSnap;
  current.handle.step();
  const after = current ? current.handle.snapshot() : null;
  if (after) lastSnap = after;
  draw(); // at once: one click, one step, one picture
  drawLoop(after);
  drawCode();
  $('narration').textContent = after ? `Step ${after.steps}: ${narrate(stepEvents, before, after)}`
    : `The run is over: ${narrate(stepEvents, before, null)}`;
  showMarked();
}

// Stop: main is cancelled and its cleanup runs; step by step, the rest of
// the run then plays at once, so that Stop always ends it.
function stopRun() {
  if (!current) return;
  current.handle.stop();
  if (current.manual) {
    current.manual = false;
    current.handle.setSpeed(Infinity);
    $('step').disabled = true;
    $('stop').focus();
    $('narration').textContent = 'Stopped: main is cancelled, and the loop runs its cleanup to the end.';
  }
}

// ----------------------------------------------------------------- traces

function toTrace(events) {
  const traceEvents = [];
  for (const lane of lanes(events)) {
    const first = lane.segments[0]?.from ?? lane.marks[0]?.at ?? 0;
    const end = lane.marks.find((m) => ['done', 'error', 'cancelled'].includes(m.kind));
    traceEvents.push({ name: 'thread_name', ph: 'M', pid: 1, tid: lane.id, args: { name: lane.name } });
    if (end) {
      traceEvents.push({ name: lane.name, cat: 'task', ph: 'X', ts: first * 1e6, dur: (end.at - first) * 1e6,
        pid: 1, tid: lane.id, args: { outcome: end.kind, error: end.kind === 'error' ? end.what : '' } });
    }
    for (const s of lane.segments.filter((x) => x.kind === 'waiting')) {
      traceEvents.push({ name: s.what, cat: 'wait', ph: 'X', ts: s.from * 1e6, dur: (s.to - s.from) * 1e6, pid: 1, tid: lane.id });
    }
  }
  for (const e of events.filter((x) => x.type === 'timer')) {
    traceEvents.push({ name: 'timer fired', cat: 'timer', ph: 'i', s: 't', ts: e.time * 1e6, pid: 1, tid: e.taskId });
  }
  return { displayTimeUnit: 'ms', otherData: { generator: 'wasio playground' }, traceEvents };
}

// A Chrome trace (ours, or the CLI's --trace) back into task events.
function fromTrace(trace) {
  const names = new Map();
  const out = [];
  const times = (e) => Number.isFinite(e.ts) && Number.isFinite(e.dur) && e.ts >= 0 && e.dur >= 0;
  for (const e of trace.traceEvents ?? []) {
    if (e?.ph === 'M' && e.name === 'thread_name' && typeof e.args?.name === 'string') names.set(e.tid, e.args.name);
  }
  for (const e of trace.traceEvents ?? []) {
    if (e?.ph !== 'X' || !times(e)) continue; // a span of its own only, with times that make sense
    const task = names.get(e.tid) ?? `tid ${e.tid}`;
    const base = { taskId: e.tid, task, status: 0 };
    if (e.cat === 'task') {
      out.push({ ...base, type: 'created', time: e.ts / 1e6, detail: '' });
      out.push({ ...base, type: 'started', time: e.ts / 1e6, detail: '' });
      const kind = e.args?.outcome === 'error' ? 'error' : e.args?.outcome === 'cancelled' ? 'cancelled' : 'done';
      out.push({ ...base, type: kind, time: (e.ts + e.dur) / 1e6, detail: e.args?.error ?? '' });
    } else if (e.cat === 'wait') {
      out.push({ ...base, type: 'waiting', time: e.ts / 1e6, detail: e.name });
      out.push({ ...base, type: 'resumed', time: (e.ts + e.dur) / 1e6, detail: '' });
    }
  }
  const order = { created: 0, started: 1, resumed: 2, waiting: 3, done: 4, error: 4, cancelled: 4 };
  return out.sort((a, b) => a.time - b.time || order[a.type] - order[b.type]);
}

function exportTrace() {
  const blob = new Blob([JSON.stringify(toTrace(tasks))], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `wasio-${shownName ?? 'trace'}.trace.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function importTrace(file) {
  if (current) return;
  try {
    const trace = JSON.parse(await file.text());
    if (!Array.isArray(trace?.traceEvents)) throw new Error('it has no traceEvents list');
    const events = fromTrace(trace);
    if (events.length === 0) throw new Error('it has no tasks (traceEvents with "task" or "wait" spans)');
    tasks = events;
    model = newModel();
    for (const e of tasks) apply(model, e);
    logShown = -1;
    logLines = [`opened ${file.name}: ${new Set(tasks.map((t) => t.taskId)).size} tasks`];
    $('summary').textContent = logLines[0];
    clearLoop(); // a trace has no loop to look inside, nor code to show
    shownName = file.name.replace(/\.trace\.json$|\.json$/, '');
    code = null;
    fillPane('code-c', null, 'a trace has no code: run a scenario to see its');
    fillPane('code-py', null, '');
  } catch (err) {
    $('summary').textContent = `${file.name} is not a trace wasio can open: ${err.message}`;
  }
  draw();
}

async function compareStyles() {
  $('styles-panel').hidden = false;
  for (const mode of ['python', 'node']) {
    const { events } = await run('styles', { mode, virtualTime: true });
    $(`style-${mode}`).textContent = events.map(lineOf).join('\n');
  }
}

// ------------------------------------------------------------------ setup

async function main() {
  // list() has what the web build runs; bench and stress serve the project
  // (benchmarks, a million tasks, running out of memory on purpose, a
  // ten-minute soak), not a learner in a tab
  const notHere = new Set(['bench', 'stress']);
  demos = (await list()).filter((d) => !notHere.has(d.name));
  $('scenario').replaceChildren(...demos.map((d) => new Option(`${d.name} — ${d.summary}`, d.name)));
  const hash = readHash();
  if (hash.scenario && demos.some((d) => d.name === hash.scenario)) $('scenario').value = hash.scenario;
  else $('scenario').value = 'say_after';
  showScenario(hash);
  $('scenario').addEventListener('change', () => {
    showScenario();
    if (current) return;
    // the panels show the picked scenario: nothing of the last one's run
    tasks = [];
    model = newModel();
    logLines = [];
    clearLoop();
    draw();
  });
  $('controls').addEventListener('submit', (e) => {
    e.preventDefault();
    runScenario();
  });
  $('stop').addEventListener('click', stopRun);
  $('step').addEventListener('click', stepOnce);
  $('speed').addEventListener('change', changeSpeed);
  $('program').addEventListener('input', () => { if (!current && demo().name === 'script') loadProgram(); });
  $('export').addEventListener('click', exportTrace);
  $('import').addEventListener('change', (e) => e.target.files[0] && importTrace(e.target.files[0]));
  $('styles').addEventListener('click', compareStyles);
  $('share').addEventListener('click', (e) => {
    e.preventDefault();
    history.replaceState(null, '', shareLink());
    $('summary').textContent = 'the link in the address bar runs this scenario';
  });
  new ResizeObserver(([entry]) => {
    if (Math.abs(entry.contentRect.width - timelineWidth) < 1) return;
    timelineWidth = entry.contentRect.width;
    queueDraw(); // as many axis labels as now fit
  }).observe($('timeline'));
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  $('summary').textContent = `the playground could not start: ${err.message}`;
});

// for the browser tests
window.wasioPlayground = { toTrace: () => toTrace(tasks), tasks: () => tasks };
