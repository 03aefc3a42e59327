// Input split into chunks at any byte boundary parses the same as the whole file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { FileParser } from '../../src/parse/index.ts';
import { mergeReport } from '../../src/parse/merge.ts';
import { fixtures, repoRoot } from './golden-cases.ts';

function parseChunks(name: string, chunks: Buffer[]): string {
  const p = new FileParser(name);
  for (const c of chunks) p.write(c);
  const r = p.end();
  return JSON.stringify(mergeReport(r.results, r.problem === undefined ? [] : [{ file: name, reason: r.problem }]));
}

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const c of [...cuts, buf.length]) {
    out.push(buf.subarray(at, c));
    at = c;
  }
  return out;
}

const FILES = [
  'kinds/kinds.gensupp.xml', // CDATA suppressions, entities
  'kinds/kinds.s.txt',
  'kinds/kinds.stderr.txt', // NUL bytes before a prefix
  'fork/fork.shared.xml', // a second document appended
  'latin1/latin1.xml', // a non-UTF-8 byte
  'latin1/latin1.txt',
];

for (const rel of FILES) {
  const file = path.join(repoRoot, fixtures, rel);
  const whole = readFileSync(file);
  const expected = parseChunks(rel, [whole]);

  test(`chunks: ${rel} split in two at every byte`, () => {
    // Files over 10 KB: every byte of the 3 KB around the first CDATA (the longest tokens), every 7th elsewhere.
    const cdata = whole.indexOf('<![CDATA[');
    const dense = (at: number): boolean => whole.length <= 10240 || (cdata >= 0 && Math.abs(at - cdata) < 1536);
    for (let cut = 0; cut <= whole.length; cut++) {
      if (!dense(cut) && cut % 7 !== 0) continue;
      assert.equal(parseChunks(rel, splitAt(whole, [cut])), expected, `cut at byte ${cut}`);
    }
  });

  test(`chunks: ${rel} fed one byte at a time, and in runs of 2-9 bytes`, () => {
    const bytes: Buffer[] = [];
    for (let i = 0; i < whole.length; i++) bytes.push(whole.subarray(i, i + 1));
    assert.equal(parseChunks(rel, bytes), expected);
    const cuts: number[] = [];
    for (let at = 0, step = 2; at < whole.length; at += step, step = (step % 9) + 2) cuts.push(at);
    assert.equal(parseChunks(rel, splitAt(whole, cuts.slice(1))), expected);
  });
}

test('chunks: the whole-file result is the golden one (the chunk tests compare against real output)', () => {
  const rel = 'kinds/kinds.gensupp.xml';
  const r = JSON.parse(parseChunks(rel, [readFileSync(path.join(repoRoot, fixtures, rel))])) as { totals: { errors: number }; leaks: unknown[] };
  assert.equal(r.totals.errors, 7);
  assert.equal(r.leaks.length, 6);
});
