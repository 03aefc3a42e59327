import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { OutputCapture } from '../../src/run/output-capture.ts';

async function capture(pattern: RegExp | null, tailLines = 50) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-capture-'));
  const file = path.join(dir, 'out.log');
  const written: string[] = [];
  const out = await OutputCapture.open(file, { write: (c) => written.push(c) }, pattern, tailLines);
  return { out, file, written };
}

test('lines split across chunks and streams are put back together; the tail keeps the last N', async () => {
  const { out, file, written } = await capture(null, 3);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  out.attach(stdout);
  out.attach(stderr);
  stdout.write('one\ntw');
  stderr.write('err-a');
  stdout.write('o\nthree\r\n');
  stderr.write('\n');
  stdout.end('four\nunterminated');
  stderr.end();
  await Promise.all(out.ended);
  await out.close();
  assert.deepEqual(out.tail(), ['err-a', 'four', 'unterminated']);
  assert.equal(await readFile(file, 'utf8'), written.join(''));
  assert.equal(written.join(''), 'one\ntwerr-ao\nthree\r\n\nfour\nunterminated');
});

test('the ready listener fires once, on the first whole matching line, also for a global regex', async () => {
  const { out } = await capture(/ready/g);
  let fired = 0;
  out.whenReady(() => fired++);
  const s = new PassThrough();
  out.attach(s);
  s.write('not yet\nrea');
  await new Promise((r) => setImmediate(r));
  assert.equal(fired, 0);
  s.write('dy now\nready again\n');
  s.end();
  await Promise.all(out.ended);
  await out.close();
  assert.equal(fired, 1);
});

test('a very long line is kept whole in the file but cut in the tail', async () => {
  const { out, file } = await capture(null);
  const s = new PassThrough();
  out.attach(s);
  s.end('x'.repeat(100_000) + '\n');
  await Promise.all(out.ended);
  await out.close();
  assert.equal(out.tail()[0]?.length, 4096);
  assert.equal((await readFile(file, 'utf8')).length, 100_001);
});

test('a sink that throws stops getting output; the file and the tail still get all of it', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-capture-'));
  const file = path.join(dir, 'out.log');
  let calls = 0;
  const out = await OutputCapture.open(file, { write: () => { calls++; throw new Error('write EPIPE'); } }, null, 50);
  const s = new PassThrough();
  out.attach(s);
  s.write('a\n');
  s.end('b\n');
  await Promise.all(out.ended);
  await out.close();
  assert.equal(calls, 1);
  assert.equal(out.sinkError?.message, 'write EPIPE');
  assert.equal(await readFile(file, 'utf8'), 'a\nb\n');
  assert.deepEqual(out.tail(), ['a', 'b']);
});
