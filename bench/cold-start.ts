// The bundles' cold start on the action's runtime (Node 24; BENCH_NODE or FLB_TEST_NODE
// names the binary, else `npx -p node@24` finds it): time from exec to exit of
// `node dist/cli.js --help`, and of `node dist/index.js` with an invalid input (it loads
// everything, validates, writes the error and exits). Goal: <= 200 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node =
  process.env.BENCH_NODE ||
  process.env.FLB_TEST_NODE ||
  execFileSync('npx', ['-y', '-p', 'node@24', 'node', '-e', 'process.stdout.write(process.execPath)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function time(args: string[], env: NodeJS.ProcessEnv): number[] {
  const ms: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(node, args, { env, cwd: root, stdio: 'ignore' });
    if (i >= 2) ms.push(Number(process.hrtime.bigint() - t0) / 1e6); // two warm-up runs fill the page cache
  }
  return ms.sort((a, b) => a - b);
}

const row = (name: string, ms: number[]): string =>
  `| ${name} | ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} | ${ms[0]?.toFixed(0)} | ${ms[ms.length - 1]?.toFixed(0)} |`;
const bare = time(['-e', '0'], process.env);
console.log(`Node ${version}, ${RUNS} runs each (ms)\n`);
console.log('| command | median | min | max |\n| --- | --- | --- | --- |');
console.log(row('node -e 0 (the floor)', bare));
console.log(row('node dist/cli.js --help', time(['dist/cli.js', '--help'], process.env)));
console.log(row('node dist/index.js (invalid input)', time(['dist/index.js'], { PATH: process.env.PATH, 'INPUT_DURATION': 'x', GITHUB_OUTPUT: '/dev/null' })));
console.log('\nGoal: <= 200 ms for the bundles.');
