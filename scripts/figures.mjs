// The sizes, counts and program outputs the docs quote, computed from the
// build and the repository and written between markers, so that none of
// them is typed by hand (and none goes stale unnoticed):
//
//   <!-- figure:NAME -->VALUE<!-- /figure -->      one of the figures below
//   <!-- include:PATH -->                          a file of the repository,
//   ```c ... ```                                   in a fenced block
//   <!-- /include -->
//   <!-- output:COMMAND -->                        what COMMAND prints (run by
//   ``` $ COMMAND ... ```                          sh from the root; one
//   <!-- /output -->                               command a line)
//
//   node scripts/figures.mjs           rewrites the markdown files in place
//   node scripts/figures.mjs --check   rewrites nothing; lists what is stale
//                                      and exits 1 if anything is
//
// It needs the build (`make all`): the sizes are the built files', and the
// outputs come from running them. Node's standard library only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const read = (path) => readFileSync(root + path, 'utf8');

// The files whose markers are kept: the README, docs/ and tests/README.md.
const markdownFiles = () => [
  'README.md',
  ...readdirSync(root + 'docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
  'tests/README.md',
];

const kB = (bytes) => `${Math.round(bytes / 1000)} kB`;
const count = (n) => n.toLocaleString('en');
const size = (path) => {
  if (!existsSync(root + path)) throw new Error(`${path} is missing: run make all first`);
  return statSync(root + path).size;
};
const makeDefault = (name) => {
  const m = read('Makefile').match(new RegExp(`^${name}\\s*\\?=\\s*(\\d+)`, 'm'));
  if (!m) throw new Error(`the Makefile sets no default for ${name}`);
  return Number(m[1]);
};

// `npm pack` counts README.md, which quotes the pack's size: the cache is
// dropped after each rewrite so that the next pass sees the new README.
let packCache = null;
const pack = () => {
  packCache ??= JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
  return packCache;
};

const figures = {
  // the npm tarball, packed and unpacked
  'npm-packed': () => kB(pack().size),
  'npm-unpacked': () => kB(pack().unpackedSize),
  // the modules it ships
  'wasi-wasm': () => kB(size('build/wasi/wasio.wasm')),
  'web-wasm': () => kB(size('build/web/wasio_core.wasm')),
  'web-js': () => kB(size('build/web/wasio_core.mjs') + size('build/web/wasio.mjs')),
  // the tests
  'c-cases': () => count(read('tests/c/list.h').match(/^TEST_[A-Z]+\(/gm).length),
  'twins': () => count(readdirSync(root + 'tests/conformance')
    .filter((f) => f.endsWith('.py') && existsSync(`${root}tests/conformance/${f.slice(0, -3)}.c`)).length),
  'twin-differences': () => count(read('tests/conformance/differences.md').match(/^## /gm).length),
  'golden': () => count(readdirSync(root + 'tests/golden').filter((f) => f.endsWith('.txt')).length),
  'fuzz-corpus': () => count(readdirSync(root + 'tests/fuzz/corpus').length),
  'fuzz-ops': () => count(makeDefault('FUZZ_OPS')),
  'fuzz-seconds': () => count(makeDefault('FUZZ_SECONDS')),
  'soak-seconds': () => count(makeDefault('SOAK_SECONDS')),
  // the memory maximum the wasm test modules are linked with (out of memory)
  'wasm-test-memory': () => {
    const m = read('Makefile').match(/--max-memory=(\d+)/);
    if (!m) throw new Error('the Makefile links no test module with --max-memory');
    return `${Number(m[1]) / 2 ** 20} MiB`;
  },
  // the demos the CLI lists
  'demos': () => count(run('build/native/wasio list').trim().split('\n').length),
};

function run(command) {
  const r = spawnSync('sh', ['-ec', command], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`\`${command}\` failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr.trim()}`);
  }
  return r.stdout;
}

// A command's output, once per run of this script (the passes repeat).
const outputs = {};
const fence = (lang, body) => '```' + lang + '\n' + body + (body.endsWith('\n') ? '' : '\n') + '```';
const languages = { c: 'c', h: 'c', mjs: 'js', js: 'js', sh: 'sh', html: 'html' };

// Each kind of marker: its pattern, and what belongs between its ends.
const kinds = [
  {
    re: /<!-- figure:([a-z0-9-]+) -->([^<]*)<!-- \/figure -->/g,
    value: (name) => {
      if (!figures[name]) throw new Error(`no figure named ${name} (scripts/figures.mjs lists them)`);
      return figures[name]();
    },
    write: (name, value) => `<!-- figure:${name} -->${value}<!-- /figure -->`,
  },
  {
    re: /<!-- include:(\S+) -->\n([\s\S]*?)<!-- \/include -->/g,
    value: (path) => fence(languages[path.split('.').pop()] ?? '', read(path)) + '\n',
    write: (path, value) => `<!-- include:${path} -->\n${value}<!-- /include -->`,
  },
  {
    re: /<!-- output:([\s\S]+?) -->\n([\s\S]*?)<!-- \/output -->/g,
    value: (command) => {
      const lines = command.trim().split('\n').map((l) => l.trim());
      // trailing blanks (the chart pads its lanes) would only be noise here
      outputs[command] ??= run(lines.join('\n')).replace(/[ \t]+$/gm, '');
      return fence('', lines.map((l) => `$ ${l}`).join('\n') + '\n' + outputs[command]) + '\n';
    },
    write: (command, value) => `<!-- output:${command} -->\n${value}<!-- /output -->`,
  },
];

// The text with every marker's content as it should be, and what changed.
function refresh(file, text) {
  const stale = [];
  for (const kind of kinds) {
    text = text.replace(kind.re, (whole, key, current) => {
      const value = kind.value(key);
      if (value !== current) stale.push(`${file}: ${key.trim().split('\n')[0]}`);
      return kind.write(key, value);
    });
  }
  return { text, stale };
}

function main() {
  const check = process.argv.includes('--check');
  const stale = new Set();
  // A rewrite can change the README's size and so the pack's: go round
  // until nothing moves (a few passes at most).
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    packCache = null;
    for (const file of markdownFiles()) {
      const before = read(file);
      const after = refresh(file, before);
      after.stale.forEach((s) => stale.add(s));
      if (!check && after.text !== before) {
        writeFileSync(root + file, after.text);
        changed = true;
      }
    }
    if (check || !changed) break;
  }
  if (check && stale.size > 0) {
    console.log(`stale figures (run make figures):\n  ${[...stale].join('\n  ')}`);
    process.exit(1);
  }
  console.log(check ? 'every figure is current' : `rewrote ${stale.size} figure(s)`);
}

main();
