// The demos' Python twins (demos/py/NAME.py), beside which the playground
// shows each demo's C: each is real asyncio, run here by CPython on the
// virtual clock, and prints what the C demo prints (tests/golden/), mode
// by mode. And the code panes' map from C lines to Python lines holds: the
// twin's functions have the C functions' names (main for the demo's main)
// and their awaits, one for one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CodeMap } from '../../web/code.mjs';
import { root } from './targets.mjs';

const py = `${root}demos/py/`;
const twins = readdirSync(py).filter((f) => f.endsWith('.py') && !['demo.py', 'virtual_clock.py'].includes(f))
  .map((f) => f.slice(0, -3));
// the demos that share a C file
const SOURCES = { structured: 'examples', concurrent: 'examples', server: 'examples' };
const golden = readdirSync(`${root}tests/golden`);

describe('the Python twins of the demos', () => {
  test('there are twins, and twins.json (what the playground looks for) lists them', () => {
    assert.ok(twins.length >= 3, twins.join(' '));
    assert.deepEqual(JSON.parse(readFileSync(`${py}twins.json`, 'utf8')).sort(), [...twins].sort());
  });
  for (const name of twins) {
    const modes = golden.filter((f) => f.startsWith(`${name}.`)).map((f) => f.slice(name.length + 1, -4));
    test(`${name}: CPython prints the C demo's lines in every mode (${modes.join(', ')})`, () => {
      assert.ok(modes.length > 0, `no golden output for ${name}`);
      for (const mode of modes) {
        const out = execFileSync('python3', [`${py}${name}.py`, '--mode', mode, '--virtual-time'], { encoding: 'utf8' });
        assert.equal(out, readFileSync(`${root}tests/golden/${name}.${mode}.txt`, 'utf8'), `${name} --mode ${mode}`);
      }
    });
    test(`${name}: every C function with a twin has its awaits, one for one`, () => {
      const file = `demos/${SOURCES[name] ?? name}.c`;
      const map = new CodeMap({ demo: name, file, c: readFileSync(`${root}${file}`, 'utf8'),
        py: readFileSync(`${py}${name}.py`, 'utf8') });
      assert.ok(map.main && map.py.has('main'), `${name}: main`);
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
