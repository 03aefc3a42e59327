import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, renderActionYml, renderReadmeTables } from '../../scripts/sync-docs.ts';
import { INPUTS, OUTPUTS } from '../../src/settings/inputs.ts';

test('action.yml is generated from the input list (run `npm run docs` after changing inputs)', async () => {
  const actual = await readFile(path.join(ROOT, 'action.yml'), 'utf8');
  assert.equal(actual, renderActionYml());
  const yml = parse(actual) as { inputs: Record<string, { default: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
  assert.deepEqual(Object.keys(yml.inputs), INPUTS.map((i) => i.name));
  assert.deepEqual(Object.keys(yml.outputs), OUTPUTS.map((o) => o.name));
  assert.equal(yml.inputs['duration']?.default, '60');
  assert.deepEqual(yml.runs, { using: 'node24', main: 'dist/index.js' });
});

test('the README lists every input and output as action.yml does', async () => {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  assert.equal(readme, renderReadmeTables(readme));
  for (const i of INPUTS) assert.ok(readme.includes(`| \`${i.name}\` |`), `README lacks input ${i.name}`);
  for (const o of OUTPUTS) assert.ok(readme.includes(`| \`${o.name}\` |`), `README lacks output ${o.name}`);
});
