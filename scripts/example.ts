// The README's first command: compiles the built-in leaky daemon and runs the bundled
// CLI on it, exactly as a user would run `npx flb-valgrind run`. The daemon leaks on
// purpose, so the expected verdict is FAIL; this script exits 0 when the gate caught
// the leaks and wrote its report, and non-zero when anything else happened.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'flb-valgrind-out');
const binary = path.join(outDir, 'leaky-daemon');

for (const [tool, pkg] of [['gcc', 'gcc'], ['valgrind', 'valgrind']] as const) {
  if (spawnSync(tool, ['--version']).status !== 0) {
    console.error(`${tool} is not installed: sudo apt-get install -y ${pkg}`);
    process.exit(2);
  }
}
mkdirSync(outDir, { recursive: true });
const cc = spawnSync('gcc', ['-g', '-O0', '-o', binary, path.join(root, 'examples/leaky-daemon/leaky-daemon.c')], { stdio: 'inherit' });
if (cc.status !== 0) process.exit(2);

const cli = path.join(root, 'dist/cli.js');
const args = [cli, 'run', '--duration', '5', '--ready-pattern', 'ready, handling records', '--out-dir', outDir, '--markdown', path.join(outDir, 'summary.md'), '--', binary];
console.error(`$ node ${args.map((a) => path.relative(root, a) || a).join(' ')}`);
const run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });

const reportFile = path.join(outDir, 'report.json');
if (run.status === 1 && existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { verdict: { outcome: string } };
  if (report.verdict.outcome === 'fail') {
    console.error(`\nThe example leaks on purpose: verdict FAIL, as it should be. Report: ${path.relative(root, reportFile)}, summary: flb-valgrind-out/summary.md`);
    process.exit(0);
  }
}
console.error(`\nUnexpected: the CLI exited ${run.status}; the example should end with a FAIL verdict.`);
process.exit(1);
