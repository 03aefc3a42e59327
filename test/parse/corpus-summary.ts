// A compact golden of every file in ../shared/corpus: what the parser makes of it, without
// the stacks (test/parse/corpus-golden.json; regenerate with update-golden.ts).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { LeakReport } from '../../src/model/report.ts';
import { parseFiles } from '../../src/parse/index.ts';
import { repoRoot } from './golden-cases.ts';

export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const corpusGolden = 'test/parse/corpus-golden.json';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => !/\.(md|json|conf|yaml|lua|c|stderr|stdout)$/.test(f))
    .sort();
}

function summary(r: LeakReport): unknown {
  const t = r.totals;
  const amount = (a: { bytes: number; blocks: number }): string => `${a.bytes}/${a.blocks}`;
  return {
    complete: r.complete,
    totals: `${[t.definitelyLost, t.indirectlyLost, t.possiblyLost, t.stillReachable, t.suppressed].map(amount).join(' ')} errors ${t.errors}`,
    processes: r.processes.map((p) => [p.pid, p.complete, p.totalsSource, p.protocolVersion ?? p.format, p.fatalSignal ?? null].join(' ')),
    leaks: r.leaks.map((l) => `${l.fingerprint} ${l.bytes}+${l.indirectBytes}/${l.blocks} x${l.records}`),
    errors: r.errors.map((e) => `${e.fingerprint} x${e.count}`),
    warnings: r.warnings.length,
    incomplete: r.incompleteReasons.map((s) => s.replace(corpusDir, '<corpus>')),
  };
}

/** Every corpus file (relative name) with its compact summary; undefined when the corpus is absent. */
export async function corpusSummaries(): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(corpusDir)) return undefined;
  const out: Record<string, unknown> = {};
  for (const f of files(corpusDir)) out[path.relative(corpusDir, f)] = summary(await parseFiles([f]));
  return out;
}
