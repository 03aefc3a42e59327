// Inputs that are not a whole, well-formed Valgrind report: missing, empty, foreign,
// binary, cut at any line, from a later protocol. Nothing throws but an unreadable file,
// and nothing incomplete passes as complete.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { FileParser, ParseInputError, parseFiles } from '../../src/parse/index.ts';
import { mergeReport } from '../../src/parse/merge.ts';
import { fixtures, repoRoot } from './golden-cases.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'flb-parse-inputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function fixture(rel: string): Buffer {
  return readFileSync(path.join(repoRoot, fixtures, rel));
}

function parseBuffer(name: string, buf: Buffer) {
  const p = new FileParser(name);
  p.write(buf);
  const r = p.end();
  return mergeReport(r.results, r.problem === undefined ? [] : [{ file: name, reason: r.problem }]);
}

test('inputs: a file that cannot be opened throws ParseInputError naming it', async () => {
  const missing = path.join(dir, 'no-such.xml');
  await assert.rejects(parseFiles([missing]), (e: unknown) => e instanceof ParseInputError && e.file === missing && e.message.includes(missing));
  await assert.rejects(parseFiles([dir]), ParseInputError); // a directory: EISDIR on read
});

test('inputs: empty, blank, foreign and binary files make an incomplete report, never a throw', async () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.xml', '', /empty/],
    ['blank.txt', '\n\n   \n', /blank/],
    ['notes.txt', 'Build finished.\nAll tests passed.\n', /not Valgrind output/],
    ['page.xml', '<?xml version="1.0"?>\n<html><body>hello</body></html>\n', /not Valgrind output/],
    ['random.bin', Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff)), /not Valgrind output/],
  ];
  for (const [name, content, reason] of cases) {
    const r = await parseFiles([write(name, content)]);
    assert.equal(r.complete, false, name);
    assert.match(r.incompleteReasons.join('\n'), reason, name);
    assert.match(r.incompleteReasons[0] ?? '', new RegExp(name.replace('.', '\\.')), 'the reason names the file');
    assert.equal(r.totals.definitelyLost.bytes, 0);
  }
});

test('inputs: no files at all is not a pass', async () => {
  const r = await parseFiles([]);
  assert.equal(r.complete, false);
  assert.deepEqual(r.incompleteReasons, ['no Valgrind output was given']);
});

test('inputs: one good file and one empty file: totals of the good one, report incomplete', async () => {
  const good = path.join(repoRoot, fixtures, 'kinds/kinds.default.xml');
  const r = await parseFiles([good, write('empty-2.xml', '')]);
  assert.equal(r.totals.definitelyLost.bytes, 252);
  assert.equal(r.complete, false);
  assert.equal(r.incompleteReasons.length, 1);
});

for (const rel of ['kinds/kinds.default.xml', 'kinds/kinds.default.txt', 'fork/fork.shared.txt', 'fork/fork.shared.xml']) {
  test(`inputs: ${rel} cut after any line is incomplete until the end`, () => {
    const whole = fixture(rel);
    const text = whole.toString('latin1');
    const full = parseBuffer(rel, whole);
    assert.equal(full.complete, true);
    let cuts = 0;
    for (let nl = text.indexOf('\n'); nl >= 0 && nl < text.length - 1; nl = text.indexOf('\n', nl + 1)) {
      if (text.slice(nl + 1).trim() === '') continue; // only blank lines left: that is the whole file
      // A shared XML file cut right after the child's whole document cannot be told from a
      // one-process run: nothing in it announces the parent's fragment still to come.
      if (/<\/valgrindoutput>\s*$/.test(text.slice(0, nl + 1))) continue;
      const r = parseBuffer(rel, whole.subarray(0, nl + 1));
      assert.equal(r.complete, false, `complete after a cut at byte ${nl + 1}`);
      assert.ok(r.incompleteReasons.length > 0);
      cuts++;
    }
    assert.ok(cuts > 20);
  });
}

test('inputs: a non-UTF-8 byte in a path is replaced, not fatal', async () => {
  for (const ext of ['xml', 'txt']) {
    const r = await parseFiles([path.join(repoRoot, fixtures, `latin1/latin1.${ext}`)]);
    assert.equal(r.complete, true);
    const frame = r.leaks[0]?.stack.find((f) => f.fn === 'lose');
    assert.equal(frame?.file, 'l\uFFFDak.c', ext);
  }
});

test('inputs: a later protocol with unknown elements reads what is known', () => {
  const v4 = fixture('kinds/kinds.default.xml').toString('latin1');
  const v7 = v4
    .replace('<protocolversion>4</protocolversion>', '<protocolversion>7</protocolversion>')
    .replace('<status>', '<novelty kind="x"><deep><deeper>1</deeper></deep></novelty>\n<status>')
    .replace('<kind>Leak_DefinitelyLost</kind>', '<kind>Leak_DefinitelyLost</kind>\n  <lifetime><bytes>9</bytes></lifetime>')
    .replace('<frame>', '<frame>\n      <inlined/>\n      <ip>0x1</ip>')
    .replace('</valgrindoutput>', '<finale><stack><frame><fn>x</fn></frame></stack></finale>\n</valgrindoutput>');
  const r4 = parseBuffer('v4.xml', Buffer.from(v4, 'latin1'));
  const r7 = parseBuffer('v7.xml', Buffer.from(v7, 'latin1'));
  assert.deepEqual(r7.totals, r4.totals);
  assert.deepEqual(r7.leaks.map((l) => [l.fingerprint, l.bytes]), r4.leaks.map((l) => [l.fingerprint, l.bytes]));
  assert.equal(r7.complete, true);
  assert.ok(r7.warnings.some((w) => w.includes('protocol 7')));
});

test('inputs: an element that never ends (over 4 MiB) makes the report incomplete', () => {
  const head = fixture('truncated/kinds.killed-running.xml');
  const r = parseBuffer('huge.xml', Buffer.concat([head, Buffer.from('<fn'), Buffer.alloc(5 * 1024 * 1024, 'x')]));
  assert.equal(r.complete, false);
  assert.match(r.incompleteReasons.join('\n'), /4 MiB/);
});

test('inputs: a file of many reads (over 1 MiB) adds up every record', async () => {
  // The records of kinds.default.xml after FINISHED, repeated: as if Valgrind had found them 300 times.
  const xml = fixture('kinds/kinds.default.xml').toString('latin1');
  const finished = xml.indexOf('</status>', xml.indexOf('FINISHED'));
  const tailAt = xml.indexOf('<errorcounts>');
  const head = xml.slice(0, finished + 9);
  const body = xml.slice(finished + 9, tailAt);
  const n = 300;
  const big = write('big.xml', Buffer.from(head + body.repeat(n) + xml.slice(tailAt), 'latin1'));
  const r = await parseFiles([big]);
  assert.ok(readFileSync(big).length > 3 * 1024 * 1024);
  assert.equal(r.complete, true);
  assert.equal(r.totals.definitelyLost.bytes, 252 * n);
  assert.equal(r.totals.indirectlyLost.blocks, 6 * n);
  assert.equal(r.leaks.length, 7, 'the same 7 identities');
  assert.equal(r.leaks.reduce((k, l) => k + l.records, 0), 12 * n);
});

test('inputs: real files with bytes deleted, duplicated or garbled never make the parser throw', () => {
  let seed = 0x2545f491;
  const rand = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  for (const rel of ['kinds/kinds.gensupp.xml', 'kinds/kinds.s.txt', 'fork/fork.shared.xml']) {
    const whole = fixture(rel);
    for (let i = 0; i < 150; i++) {
      const a = rand(whole.length);
      const b = Math.min(whole.length, a + rand(400));
      const noise = Buffer.from(Array.from({ length: rand(40) }, () => [60, 62, 47, 61, 0x0a, 0xff, 0x26, rand(256)][rand(8)] ?? 0));
      const variants = [
        Buffer.concat([whole.subarray(0, a), whole.subarray(b)]), // a range deleted
        Buffer.concat([whole.subarray(0, b), whole.subarray(a)]), // a range repeated
        Buffer.concat([whole.subarray(0, a), noise, whole.subarray(a)]), // markup-like garbage inserted
      ];
      for (const v of variants) {
        const r = parseBuffer(rel, v);
        assert.ok(Number.isFinite(r.totals.definitelyLost.bytes) && Number.isFinite(r.totals.errors), `${rel} variant at ${a}-${b}`);
      }
    }
  }
});

test('inputs: a LEAK SUMMARY that disagrees with its records wins, with a warning', () => {
  const txt = fixture('kinds/kinds.default.txt').toString('latin1').replace('definitely lost: 252 bytes in 4 blocks', 'definitely lost: 999 bytes in 4 blocks');
  const r = parseBuffer('edited.txt', Buffer.from(txt, 'latin1'));
  assert.equal(r.totals.definitelyLost.bytes, 999);
  assert.equal(r.processes[0]?.totalsSource, 'summary');
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0] ?? '', /definitely lost records add up to 252 bytes in 4 blocks, but Valgrind's summary says 999 bytes/);
});

test('inputs: a file given twice is counted once', async () => {
  const f = path.join(repoRoot, fixtures, 'kinds/kinds.default.xml');
  const r = await parseFiles([f, path.relative(process.cwd(), f), f]);
  assert.equal(r.processes.length, 1);
  assert.equal(r.totals.definitelyLost.bytes, 252);
});
