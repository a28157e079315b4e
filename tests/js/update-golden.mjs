// `make golden`: writes tests/golden/ from the native build's output on the
// virtual clock. Review the diff before committing it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cases, goldenDir, goldenName } from './golden.mjs';
import { root } from './targets.mjs';

mkdirSync(goldenDir, { recursive: true });
for (const [demo, mode] of cases) {
  let out;
  try {
    out = execFileSync(`${root}build/native/wasio`,
      ['demo', demo, '--mode', mode, '--virtual-time'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    out = err.stdout; // a demo that fails on purpose (exit 1)
  }
  writeFileSync(new URL(goldenName(demo, mode), goldenDir), out);
  console.log(`${goldenName(demo, mode)}: ${out.split('\n').length - 1} lines`);
}
