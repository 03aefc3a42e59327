// From Valgrind's exit to the verdict and outputs (goal: <= 1 s): everything the action does
// after the program is gone — parse every XML file, judge, write report.json, set the
// outputs (a real GITHUB_OUTPUT file), render the job summary, the PR comment, the
// annotations and the suppressions file. Measured in-process on real Valgrind XML: the
// corpus' largest Fluent Bit report (b2-sigusr1-null: 856 loss records, 2.6 MB) and the
// leak-gate example. (bench/run-stage.ts adds the runner's own exit-to-resolve time.)
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { judge } from '../src/judge/judge.ts';
import { parseFiles } from '../src/parse/index.ts';
import { reportFileOf, writeReportFile } from '../src/pipeline/run-pipeline.ts';
import { renderSummary } from '../src/publish/summary-markdown.ts';
import { renderComment } from '../src/publish/pr-comment.ts';
import { buildAnnotations } from '../src/publish/annotations.ts';
import { renderSuppressions } from '../src/publish/suppressions.ts';
import { localContext } from '../src/publish/context.ts';
import type { Policy } from '../src/settings/types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus/fluent-bit');
const policy: Policy = { maxDefinitelyLostBytes: 0, maxPossiblyLostBytes: 0, maxIndirectlyLostBytes: null, maxErrors: 0 };
const RUNS = 7;

const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-bench-verdict-'));
process.env.GITHUB_OUTPUT = path.join(dir, 'github_output');
await writeFile(process.env.GITHUB_OUTPUT, '');

async function once(files: string[]): Promise<number> {
  const t0 = performance.now();
  const report = await parseFiles(files);
  const verdict = judge(report, policy);
  await writeReportFile(path.join(dir, 'report.json'), reportFileOf({ report, verdict }, policy));
  core.setOutput('verdict', verdict.outcome);
  core.setOutput('definitely-lost-bytes', report.totals.definitelyLost.bytes);
  const view = { report, verdict, policy, context: { ...localContext(root), repository: 'o/r', sha: 'abc', prNumber: 1 } };
  renderSummary(view);
  renderComment(view, 'bench');
  buildAnnotations(view);
  renderSuppressions(report);
  return performance.now() - t0;
}

console.log('| input | size | median ms | max ms |\n| --- | --- | --- | --- |');
for (const name of ['b2-sigusr1-null.xml', 'd5-leaky-allkinds-xml.xml', 'a1-sigterm-null.xml']) {
  const file = path.join(corpus, name);
  if (!existsSync(file)) {
    console.log(`| ${name} | corpus absent | | |`);
    continue;
  }
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await once([file]));
  ms.sort((a, b) => a - b);
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
  console.log(`| ${name} | ${(size / 1e6).toFixed(2)} MB | ${ms[Math.floor(RUNS / 2)]?.toFixed(1)} | ${ms[RUNS - 1]?.toFixed(1)} |`);
}
console.log('\nGoal: <= 1000 ms from Valgrind exit to verdict and outputs (first run includes JIT warm-up: see max).');
