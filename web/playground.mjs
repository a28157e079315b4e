// The playground: picks a scenario, runs it on the real wasio loop (the C
// core compiled to wasm), and draws the tasks' timeline and the loop's
// insides as they change. Plain DOM, no framework.
import { list, run, start } from '../build/web/wasio.mjs';

const $ = (id) => document.getElementById(id);
const MAX_LANES = 100; // 10,000 tasks would be 10,000 lanes: draw the first

const defaultProgram = 'main: sleep 0.5; print waiting for A and B; gather A B; print done\n' +
  'A: sleep 1; print hello\nB: sleep 2; print world';

let demos = [];
let current = null; // the run in progress: { handle, manual }
let tasks = []; // task events of the run shown
let logLines = [];
let lastRan = [];
let model = newModel();
let drawQueued = false;
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

function fmt(t) {
  return t === null || t === undefined ? '–' : `${t.toFixed(3)} s`;
}

// Task events -> lanes: { id, name, segments: [{ kind, from, to, what }],
// marks: [{ kind, at, what }], open: the segment still going }. Built one
// event at a time as they arrive (a run of 10,000 tasks has 200,000).
function newModel() {
  return { lanes: new Map(), end: 0 };
}

function apply(model, e) {
  model.end = Math.max(model.end, e.time);
  let lane = model.lanes.get(e.taskId);
  if (!lane) {
    lane = { id: e.taskId, name: e.task, segments: [], marks: [], open: null };
    model.lanes.set(e.taskId, lane);
  }
  {
    lane.name = e.task;
    const close = (t) => {
      if (lane.open) lane.segments.push({ ...lane.open, to: t });
      lane.open = null;
    };
    switch (e.type) {
      case 'created': lane.open = { kind: 'ready', from: e.time, what: 'created, not started' }; break;
      case 'started': case 'resumed':
        close(e.time);
        lane.marks.push({ kind: 'ran', at: e.time, what: `${e.type}` });
        break;
      case 'waiting':
        close(e.time);
        lane.marks.push({ kind: 'ran', at: e.time, what: 'ran' });
        lane.open = { kind: 'waiting', from: e.time, what: e.detail };
        break;
      case 'done': case 'error': case 'cancelled':
        close(e.time);
        lane.marks.push({ kind: e.type, at: e.time, what: e.type === 'error' ? e.detail : e.type });
        break;
      default: break;
    }
  }
}

function lanes(events) {
  const model = newModel();
  for (const e of events) apply(model, e);
  return [...model.lanes.values()];
}

function draw() {
  drawQueued = false;
  lastDraw = performance.now();
  const all = [...model.lanes.values()];
  let end = model.end;
  const now = current?.handle ? current.handle.snapshot().time : null;
  if (now !== null) end = Math.max(end, now);
  end = Math.max(end, 0.001);
  const pct = (t) => `${(t / end) * 100}%`;
  const axis = document.createElement('div');
  axis.className = 'axis';
  const step = 10 ** Math.floor(Math.log10(end / 5));
  const nice = end / step > 25 ? step * 5 : end / step > 10 ? step * 2 : step;
  for (let t = 0; t <= end + 1e-9; t += nice) {
    const tick = document.createElement('span');
    tick.className = 'tick';
    tick.style.left = pct(t);
    tick.textContent = `${+t.toFixed(6)}s`;
    axis.append(tick);
  }
  // a budget of elements: a lane with too many pieces is drawn in summary,
  // its waits as one span and only its end mark
  const shown = all.slice(0, MAX_LANES);
  const budget = Math.max(6, Math.floor(1500 / Math.max(shown.length, 1)));
  const rows = shown.map((lane) => {
    const row = document.createElement('div');
    row.className = 'lane';
    row.dataset.task = lane.name;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = lane.name;
    const track = document.createElement('span');
    track.className = 'track';
    const open = lane.open ? [{ ...lane.open, to: now ?? end, live: true }] : [];
    let segments = [...lane.segments, ...open];
    let marks = lane.marks;
    if (segments.length + marks.length > budget) {
      segments = [{ kind: 'waiting', from: segments[0].from, to: segments.at(-1).to,
        what: `${lane.segments.length} waits (zoomed out)`, live: !!lane.open }];
      marks = marks.filter((m) => m.kind !== 'ran');
    }
    for (const s of segments) {
      const seg = document.createElement('span');
      seg.className = `seg ${s.kind}`;
      seg.style.left = pct(s.from);
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
  if (all.length > MAX_LANES) {
    const p = document.createElement('p');
    p.className = 'more';
    p.textContent = `… and ${all.length - MAX_LANES} more tasks`;
    more.push(p);
  }
  $('timeline').replaceChildren(axis, ...rows, ...more);
  $('clock').textContent = `0 – ${end.toFixed(3)} s`;
  $('log').textContent = logLines.join('\n');
  $('log').scrollTop = $('log').scrollHeight;
  drawLoop();
}

function drawLoop() {
  const snap = current?.handle?.snapshot();
  if (!snap || snap.phase === 'done') {
    if (!current) { // the run is over: the loop is closed
      $('loop-phase').textContent = tasks.length ? 'done: the loop is closed' : '–';
      $('loop-live').textContent = '0';
      $('loop-ready').replaceChildren();
      $('loop-timers').replaceChildren();
    }
    return;
  }
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

function setRunning(running, manual = false) {
  $('run').disabled = running;
  $('stop').disabled = !running;
  $('step').disabled = !(running && manual);
  $('export').disabled = running || tasks.length === 0;
}

async function runScenario() {
  if (current) return;
  tasks = [];
  model = newModel();
  logLines = [];
  lastRan = [];
  const speed = $('speed').value;
  const options = {
    mode: $('mode').value,
    params: params(),
    virtualTime: speed !== 'real',
    manual: speed === 'step',
    speed: speed === '10' ? 10 : undefined,
    onEvent(e) {
      if (e.type === 'log') logLines.push(lineOf(e));
      else {
        tasks.push(e);
        apply(model, e);
        if ((e.type === 'started' || e.type === 'resumed') && lastRan.length < 9) lastRan.push(e.task);
      }
      queueDraw();
    },
  };
  history.replaceState(null, '', shareLink());
  setRunning(true, options.manual);
  try {
    const handle = await start(demo().name, options);
    current = { handle, manual: options.manual };
    queueDraw();
    const { events } = await handle.finished;
    $('summary').textContent = `done: ${events.length} lines, ${model.lanes.size} tasks`;
  } catch (err) {
    logLines.push(`${err.code ?? 'Error'}: ${err.message}`);
    $('summary').textContent = `${err.code ?? 'Error'}: ${err.message}`;
  } finally {
    current = null;
    setRunning(false);
    draw();
  }
}

function stepOnce() {
  if (!current?.manual) return;
  lastRan = [];
  current.handle.step();
  draw(); // at once: one click, one step, one picture
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
  for (const e of trace.traceEvents ?? []) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, e.args.name);
  }
  for (const e of trace.traceEvents ?? []) {
    if (e.ph !== 'X') continue;
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
  a.download = `wasio-${demo().name}.trace.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function importTrace(file) {
  try {
    tasks = fromTrace(JSON.parse(await file.text()));
    model = newModel();
    for (const e of tasks) apply(model, e);
    logLines = [`opened ${file.name}: ${new Set(tasks.map((t) => t.taskId)).size} tasks`];
    $('summary').textContent = logLines[0];
  } catch (err) {
    $('summary').textContent = `${file.name} is not a Chrome trace: ${err.message}`;
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
  $('scenario').addEventListener('change', () => showScenario());
  $('controls').addEventListener('submit', (e) => {
    e.preventDefault();
    runScenario();
  });
  $('stop').addEventListener('click', () => current?.handle.stop());
  $('step').addEventListener('click', stepOnce);
  $('export').addEventListener('click', exportTrace);
  $('import').addEventListener('change', (e) => e.target.files[0] && importTrace(e.target.files[0]));
  $('styles').addEventListener('click', compareStyles);
  $('share').addEventListener('click', (e) => {
    e.preventDefault();
    history.replaceState(null, '', shareLink());
    $('summary').textContent = 'the link in the address bar runs this scenario';
  });
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  $('summary').textContent = `the playground could not start: ${err.message}`;
});

// for the browser tests
window.wasioPlayground = { toTrace: () => toTrace(tasks), tasks: () => tasks };
