// Writes action.yml and the README's input/output tables from src/settings/inputs.ts,
// so that names, defaults and descriptions live in one place.
// `node --import tsx scripts/sync-docs.ts` rewrites; test/settings/docs-sync.test.ts checks.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUTS, OUTPUTS } from '../src/settings/inputs.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const yamlString = (s: string): string => JSON.stringify(s);

/** action.yml as it must read. */
export function renderActionYml(): string {
  const lines = [
    '# Generated from src/settings/inputs.ts by scripts/sync-docs.ts: edit that file, then run `npm run docs`.',
    "name: 'Fluent Bit Valgrind leak gate'",
    "description: 'Runs Fluent Bit (or any long-running program) under Valgrind memcheck, judges the leak report against thresholds, and reports it on the PR.'",
    "author: 'flb-valgrind-action'",
    'branding:',
    "  icon: 'droplet'",
    "  color: 'blue'",
    'inputs:',
  ];
  for (const i of INPUTS) {
    lines.push(`  ${i.name}:`, `    description: ${yamlString(i.description)}`, '    required: false', `    default: ${yamlString(i.default)}`);
  }
  lines.push('outputs:');
  for (const o of OUTPUTS) lines.push(`  ${o.name}:`, `    description: ${yamlString(o.description)}`);
  lines.push('runs:', "  using: 'node24'", "  main: 'dist/index.js'", '');
  return lines.join('\n');
}

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The README tables, between their markers. */
export function renderReadmeTables(readme: string): string {
  const inputs = [
    '| input | default | CLI | description |',
    '| --- | --- | --- | --- |',
    ...INPUTS.map((i) => `| \`${i.name}\` | ${i.default ? `\`${cell(i.default)}\`` : ''} | ${i.cli ? `\`--${i.name}\`` : '—'} | ${cell(i.description)} |`),
  ].join('\n');
  const outputs = ['| output | description |', '| --- | --- |', ...OUTPUTS.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`)].join('\n');
  return replaceBetween(replaceBetween(readme, 'inputs', inputs), 'outputs', outputs);
}

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1) throw new Error(`README.md lacks the ${start} ... ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(path.join(ROOT, 'action.yml'), renderActionYml());
  const readmePath = path.join(ROOT, 'README.md');
  await writeFile(readmePath, renderReadmeTables(await readFile(readmePath, 'utf8')));
}
