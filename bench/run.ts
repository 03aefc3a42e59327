// `npm run bench`: runs every benchmark script in bench/ one after another, each in its
// own process (so one's memory does not weigh on the next), and prints their tables.
// BENCH_ONLY=parse,build runs a subset.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => !only || only.includes(path.basename(f, '.ts')))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n## ${path.basename(script, '.ts')}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${script} exited ${r.status ?? r.signal})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
