// Regenerates every *.golden.json from the fixtures (run by hand, then review the diff):
//   node --import tsx test/parse/update-golden.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseFiles } from '../../src/parse/index.ts';
import { corpusGolden, corpusSummaries } from './corpus-summary.ts';
import { goldenCases, repoRoot, toGoldenText } from './golden-cases.ts';

process.chdir(repoRoot); // fixture paths (and the --suppressions= paths inside them) are repo-relative
for (const c of goldenCases()) {
  const report = await parseFiles(c.files);
  writeFileSync(path.join(repoRoot, c.golden), toGoldenText(report));
  console.log(`wrote ${c.golden}`);
}
const corpus = await corpusSummaries();
if (corpus) {
  writeFileSync(path.join(repoRoot, corpusGolden), toGoldenText(corpus));
  console.log(`wrote ${corpusGolden}`);
} else {
  console.log('corpus absent: corpus-golden.json left as it is');
}
