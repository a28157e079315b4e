// The docs: every figure and program output they quote is the one the build
// gives (scripts/figures.mjs --check), and every relative link, anchor
// included, lands on a file of the repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const inFolder = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.md')).map((f) => `${dir}/${f}`);
const pages = ['README.md', ...inFolder('docs'), 'tests/README.md', ...inFolder('bench')];

// The text a reader sees: no fenced code, inline code or HTML comments,
// where a bracket is not a link.
const prose = (text) => text
  .replace(/^```[\s\S]*?^```/gm, '')
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace(/`[^`\n]*`/g, '');

// GitHub's anchors: the heading's text in lower case, without punctuation,
// spaces made hyphens; a repeated one gets -1, -2...
function anchors(file) {
  const seen = new Map();
  const out = new Set();
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe('the docs', () => {
  test('every figure and output is current (make figures rewrites them)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/figures.mjs'), '--check'],
      { cwd: root, encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  for (const page of pages) {
    test(`${page}: every relative link resolves inside the repository`, () => {
      const broken = [];
      for (const [, target] of prose(readFileSync(join(root, page), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#');
        const file = path === '' ? join(root, page) : resolve(dirname(join(root, page)), path);
        if (relative(root, file).startsWith('..')) {
          broken.push(`${target}: outside the repository`);
        } else if (!existsSync(file)) {
          broken.push(`${target}: no such file`);
        } else if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) {
          broken.push(`${target}: no heading for #${anchor}`);
        } else if (anchor === undefined && statSync(file).isDirectory() && !existsSync(join(file, 'README.md'))) {
          broken.push(`${target}: a folder without a README`);
        }
      }
      assert.deepEqual(broken, []);
    });
  }
});
