// Identity of a leak: stable when unrelated code moves, different when the allocating path
// differs; tested on three real builds of one program (fixtures/shift) and on frame tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame, LeakReport } from '../../src/model/report.ts';
import { fingerprint, identityFrames, isAllocatorFrame, normaliseFrame } from '../../src/parse/fingerprint.ts';
import { parseFiles } from '../../src/parse/index.ts';
import { fixtures, repoRoot } from './golden-cases.ts';

process.chdir(repoRoot);

function byBytes(r: LeakReport): Map<number, string> {
  return new Map(r.leaks.map((l) => [l.bytes, l.fingerprint]));
}

for (const ext of ['xml', 'txt']) {
  test(`fingerprint: builds whose lines moved keep their leaks' identity (${ext})`, async () => {
    const [v1, v2, v3] = await Promise.all(['v1', 'v2', 'v3'].map((v) => parseFiles([`${fixtures}/shift/${v}/leaky.${ext}`])));
    assert.ok(v1 && v2 && v3);
    // The line numbers really differ between v1 and v2...
    const line = (r: LeakReport): number | undefined => r.leaks.find((l) => l.bytes === 40)?.stack[1]?.line;
    assert.notEqual(line(v1), line(v2));
    // ...and the fingerprints do not.
    assert.deepEqual(byBytes(v1), byBytes(v2));
    // v3 allocates the 40 bytes from reload_config instead of load_config: a new identity.
    assert.notEqual(byBytes(v3).get(40), byBytes(v1).get(40));
    assert.equal(byBytes(v3).get(24), byBytes(v1).get(24));
  });
}

test('fingerprint: the XML and the text log of one program agree', async () => {
  const xml = await parseFiles([`${fixtures}/kinds/kinds.default.xml`]);
  const txt = await parseFiles([`${fixtures}/kinds/kinds.default.txt`]);
  assert.deepEqual(xml.leaks.map((l) => l.fingerprint).sort(), txt.leaks.map((l) => l.fingerprint).sort());
  assert.deepEqual(xml.errors.map((e) => e.fingerprint).sort(), txt.errors.map((e) => e.fingerprint).sort());
});

const preload = '/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so';

test('fingerprint: allocator and Valgrind preload frames are skipped', () => {
  const table: [Frame, boolean][] = [
    [{ fn: 'malloc', obj: preload }, true],
    [{ fn: 'calloc' }, true],
    [{ fn: 'operator new(unsigned long)', obj: '/usr/lib/libstdc++.so.6' }, true],
    [{ fn: 'operator delete[](void*)' }, true],
    [{ fn: '_vgnU_freeres', obj: '/usr/libexec/valgrind/vgpreload_core-amd64-linux.so' }, true],
    [{ fn: 'flb_calloc', file: 'flb_mem.h' }, false],
    [{ fn: 'strdup', obj: '/usr/lib/x86_64-linux-gnu/libc.so.6' }, false],
    [{ obj: '/lib/libfoo.so' }, false],
  ];
  for (const [frame, skipped] of table) assert.equal(isAllocatorFrame(frame), skipped, JSON.stringify(frame));
  const stack: Frame[] = [{ fn: 'malloc', obj: preload }, { fn: 'make', file: 'a.c', line: 3 }, { fn: 'main', file: 'a.c', line: 9 }];
  assert.deepEqual(identityFrames(stack), ['make@a.c', 'main@a.c']);
});

test('fingerprint: frames are normalised to fn@basename, without addresses, lines or directories', () => {
  const table: [Frame, string][] = [
    [{ fn: 'flb_ra_create', dir: '/build/src/../../src/src', file: 'flb_record_accessor.c', line: 317, obj: '/x/fluent-bit' }, 'flb_ra_create@flb_record_accessor.c'],
    [{ fn: 'memcpy', obj: '/usr/lib/x86_64-linux-gnu/libc.so.6' }, 'memcpy@libc.so.6'],
    [{ obj: '/usr/lib/libssl.so.3' }, '???@libssl.so.3'],
    [{ fn: '???' }, '???'],
    [{ fn: 'parse_one.constprop.0', file: 'p.c' }, 'parse_one@p.c'],
    [{ fn: 'parse_one.isra.0.part.1', file: 'p.c' }, 'parse_one@p.c'],
    [{ fn: 'worker.cold', file: 'w.c' }, 'worker@w.c'],
  ];
  for (const [frame, want] of table) assert.equal(normaliseFrame(frame), want);
});

test('fingerprint: same path, other lines and addresses → same; other kind, function or file → different', () => {
  const a: Frame[] = [{ fn: 'malloc', obj: preload }, { fn: 'f', file: 'x.c', line: 1, dir: '/a' }, { fn: 'main', file: 'm.c', line: 5 }];
  const moved: Frame[] = [{ fn: 'malloc', obj: preload }, { fn: 'f', file: 'x.c', line: 90, dir: '/b' }, { fn: 'main', file: 'm.c', line: 70 }];
  const fp = fingerprint('definitelyLost', a);
  assert.match(fp, /^definitelyLost:[0-9a-f]{12}$/);
  assert.equal(fingerprint('definitelyLost', moved), fp);
  assert.notEqual(fingerprint('possiblyLost', a), fp);
  assert.notEqual(fingerprint('definitelyLost', [a[0] as Frame, { fn: 'g', file: 'x.c' }, a[2] as Frame]), fp);
  assert.notEqual(fingerprint('definitelyLost', [a[0] as Frame, { fn: 'f', file: 'y.c' }, a[2] as Frame]), fp);
});

test('fingerprint: only the top frames count, so deep callers do not split a leak', () => {
  const top: Frame[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((fn) => ({ fn, file: 'x.c' }));
  const fromOneCaller = [...top, { fn: 'caller_one', file: 'y.c' }];
  const fromAnother = [...top, { fn: 'caller_two', file: 'z.c' }];
  assert.equal(fingerprint('definitelyLost', fromOneCaller), fingerprint('definitelyLost', fromAnother));
});
