// The golden cases: which fixture files make one report, and where its golden JSON lives.
// Shared by golden.test.ts and update-golden.ts (run by hand: node --import tsx test/parse/update-golden.ts).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = 'test/parse/fixtures';

export interface GoldenCase {
  name: string;
  /** Repo-relative paths, parsed together into one report. */
  files: string[];
  golden: string;
}

function one(dir: string, file: string): GoldenCase {
  const base = file.replace(/\.(xml|txt)$/, '');
  return { name: `${dir}/${file}`, files: [`${fixtures}/${dir}/${file}`], golden: `${fixtures}/${dir}/${base}.${file.endsWith('.xml') ? 'xml' : 'txt'}.golden.json` };
}

function byPid(ext: 'xml' | 'txt'): GoldenCase {
  const files = readdirSync(path.join(repoRoot, fixtures, 'fork'))
    .filter((f) => new RegExp(`^fork\\.\\d+\\.${ext}$`).test(f))
    .sort()
    .map((f) => `${fixtures}/fork/${f}`);
  return { name: `fork/fork.%p.${ext}`, files, golden: `${fixtures}/fork/fork.per-pid.${ext}.golden.json` };
}

/** Every golden case, in a stable order. */
export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const f of ['kinds.default.xml', 'kinds.default.txt', 'kinds.gensupp.xml', 'kinds.gensupp.txt', 'kinds.s.txt', 'kinds.summary.txt', 'kinds.verbose.txt', 'kinds.stderr.txt']) {
    cases.push(one('kinds', f));
  }
  cases.push(byPid('xml'), byPid('txt'), one('fork', 'fork.shared.xml'), one('fork', 'fork.shared.txt'));
  for (const v of ['v1', 'v2', 'v3']) cases.push(one(`shift/${v}`, 'leaky.xml'), one(`shift/${v}`, 'leaky.txt'));
  cases.push(one('latin1', 'latin1.xml'), one('latin1', 'latin1.txt'), one('crash', 'crash.xml'), one('crash', 'crash.txt'));
  for (const f of readdirSync(path.join(repoRoot, fixtures, 'truncated')).filter((n) => /\.(xml|txt)$/.test(n)).sort()) {
    cases.push(one('truncated', f));
  }
  return cases;
}

/** JSON with small objects and arrays on one line: goldens a reviewer can read in a diff. */
function pretty(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (flat === undefined || flat.length + indent.length <= 110 || typeof value !== 'object' || value === null) return flat ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** The report as JSON text, the form goldens are kept in. */
export function toGoldenText(report: unknown): string {
  return `${pretty(report, '')}\n`;
}
