// The demos' Python twins (demos/py/NAME.py), beside which the playground
// shows each demo's C: each is real asyncio, run here by CPython on the
// virtual clock, and prints what the C demo prints (tests/golden/), mode
// by mode. And the code panes' map from C lines to Python lines holds: the
// twin's functions have the C functions' names (main for the demo's main)
// and their awaits, one for one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AWAIT_POINTS, CodeMap } from '../../web/code.mjs';
import { root } from './targets.mjs';

const py = `${root}demos/py/`;
// lines a twin says in its runtime's own words: demo.mode -> [[C, Python]]
const differences = JSON.parse(readFileSync(`${py}differences.json`, 'utf8'));
// demo -> file (twins.json, which the playground reads too)
// (and "//no twin": the demos that have none, and why)
const files = JSON.parse(readFileSync(`${py}twins.json`, 'utf8'));
const noTwin = files['//no twin'];
delete files['//no twin'];
const twins = Object.keys(files);
// the demos that share a C file
const SOURCES = { structured: 'examples', concurrent: 'examples', server: 'examples' };
const golden = readdirSync(`${root}tests/golden`);

describe('the Python twins of the demos', () => {
  test('every demo the playground shows has a twin, or twins.json says why not', async () => {
    const { list } = await import('../../build/web/wasio.mjs');
    const shown = (await list()).map((d) => d.name).filter((n) => !['bench', 'stress', 'script'].includes(n));
    for (const name of shown) assert.ok(files[name] || noTwin[name], `${name}: no twin and no reason`);
  });

  test('the code panes know every await point of wasio.h', () => {
    const header = readFileSync(`${root}src/wasio.h`, 'utf8');
    const macros = [...header.matchAll(/^#define wasio_(\w+)\(\.\.\.\)\s*(?:\\\n\s*)?WASIO__AT\(/gm)].map((m) => m[1]);
    assert.deepEqual([...AWAIT_POINTS].sort(), macros.sort());
  });

  test('twins.json (what the playground looks for) lists every twin', () => {
    const onDisk = readdirSync(py).filter((f) => f.endsWith('.py') && !['demo.py', 'virtual_clock.py'].includes(f));
    assert.deepEqual(Object.values(files).sort(), onDisk.sort());
    for (const key of Object.keys(differences).filter((k) => k !== '//')) {
      assert.ok(twins.includes(key.split('.')[0]), `differences.json: ${key} has no twin`);
    }
  });
  for (const name of twins) {
    const modes = golden.filter((f) => f.startsWith(`${name}.`)).map((f) => f.slice(name.length + 1, -4));
    if (modes.length === 0) {
      // a demo of the web build alone (readfile awaits a JavaScript
      // promise), whose ticks depend on how long the read takes: the last
      // line of its first mode, the read's result, as the web build's
      test(`${name}: CPython ends as the web build does`, async () => {
        const { list, run } = await import('../../build/web/wasio.mjs');
        const demo = (await list()).find((d) => d.name === name);
        assert.deepEqual(demo?.builds, ['web'], `no golden output for ${name}`);
        const { events } = await run(name, { mode: demo.modes[0], virtualTime: true });
        const { stdout } = spawnSync('python3', [`${py}${files[name]}`, '--mode', demo.modes[0], '--virtual-time'],
          { encoding: 'utf8', cwd: root });
        assert.equal(stdout.trim().split('\n').at(-1).replace(/^\[[\d.]+s\] /, ''), events.at(-1).text);
      });
    } else test(`${name}: CPython prints the C demo's lines in every mode (${modes.join(', ')})`, () => {
      assert.ok(modes.length > 0, `no golden output for ${name}`);
      for (const mode of modes) {
        // (a mode that fails on purpose exits 1 on both sides: its stdout counts)
        const { stdout: out, error } = spawnSync('python3', [`${py}${files[name]}`, '--mode', mode, '--virtual-time'],
          { encoding: 'utf8' });
        assert.ifError(error);
        let want = readFileSync(`${root}tests/golden/${name}.${mode}.txt`, 'utf8');
        for (const [c, python] of differences[`${name}.${mode}`] ?? []) {
          assert.ok(want.includes(`${c}\n`), `differences.json: ${name}.${mode} has no line ${c}`);
          want = want.replace(`${c}\n`, python === null ? '' : `${python}\n`);
        }
        assert.equal(out, want, `${name} --mode ${mode}`);
      }
    });
    test(`${name}: every C function with a twin has its awaits, one for one`, () => {
      const file = `demos/${SOURCES[name] ?? name}.c`;
      const map = new CodeMap({ demo: name, file, c: readFileSync(`${root}${file}`, 'utf8'),
        py: readFileSync(`${py}${files[name]}`, 'utf8') });
      assert.ok(map.main && map.py.has(map.pyName(map.main)), `${name}: the twin of ${map.main}`);
      let paired = 0;
      for (const fn of map.c.values()) {
        const twin = map.py.get(map.pyName(fn.name));
        if (!twin) continue;
        paired++;
        assert.equal(twin.awaits.length, fn.awaits.length,
          `${name}: ${fn.name} awaits at C lines ${fn.awaits} but its twin at Python lines ${twin.awaits}`);
      }
      assert.ok(paired > 0);
    });
  }
});
