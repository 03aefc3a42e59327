// Every fixture's report equals its reviewed golden JSON (regenerate: test/parse/update-golden.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseFiles } from '../../src/parse/index.ts';
import { corpusDir, corpusGolden, corpusSummaries } from './corpus-summary.ts';
import { goldenCases, repoRoot, toGoldenText } from './golden-cases.ts';

process.chdir(repoRoot);

for (const c of goldenCases()) {
  test(`golden: ${c.name}`, async () => {
    const report = await parseFiles(c.files);
    const golden = readFileSync(path.join(repoRoot, c.golden), 'utf8');
    assert.equal(toGoldenText(report), golden);
  });
}

test('golden: every corpus file, in brief (totals, fingerprints, counts)', async (t) => {
  const corpus = await corpusSummaries();
  if (!corpus) {
    t.skip(`corpus absent: ${corpusDir}`);
    return;
  }
  const golden = JSON.parse(readFileSync(path.join(repoRoot, corpusGolden), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(corpus), Object.keys(golden), 'the same corpus files');
  for (const [file, summary] of Object.entries(corpus)) assert.deepEqual(summary, golden[file], file);
});
