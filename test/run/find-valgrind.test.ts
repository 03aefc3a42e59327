import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findValgrind, installValgrind } from '../../src/run/find-valgrind.ts';
import { ValgrindNotFoundError } from '../../src/run/errors.ts';

test('findValgrind: the real valgrind on PATH, with its version', async () => {
  const found = await findValgrind();
  assert.ok(path.isAbsolute(found.path));
  assert.match(found.version, /^\d+\.\d+\.\d+/);
});

test('findValgrind: missing from PATH → a typed error saying how to install it', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-nopath-'));
  await assert.rejects(findValgrind({ PATH: empty }), (e: unknown) => {
    assert.ok(e instanceof ValgrindNotFoundError);
    assert.equal(
      e.message,
      "Valgrind was not found on PATH. Install it first (Debian/Ubuntu: 'sudo apt-get install -y valgrind'), or set 'install-valgrind: true' to let the action install it.",
    );
    return true;
  });
});

test('findValgrind: a valgrind that does not run → a typed error with its complaint', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-broken-'));
  const fake = path.join(dir, 'valgrind');
  await writeFile(fake, '#!/bin/sh\necho "valgrind: failed to start tool memcheck" >&2\nexit 1\n');
  await chmod(fake, 0o755);
  await assert.rejects(findValgrind({ PATH: dir }), {
    name: 'ValgrindNotFoundError',
    message: /^Valgrind at .*\/valgrind does not run \('valgrind --version' failed: valgrind: failed to start tool memcheck\)/,
  });
});

test('installValgrind: without apt-get it says what to do instead, and runs nothing', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-noapt-'));
  const log: string[] = [];
  await assert.rejects(installValgrind({ info: (m) => log.push(m) }, { PATH: empty }), {
    name: 'ValgrindNotFoundError',
    message: "'install-valgrind' uses apt-get, which this system does not have; install Valgrind with the system's package manager before this step",
  });
  assert.deepEqual(log, []);
});

test('installValgrind: runs apt-get update then install, and reports a failure with its last lines', async () => {
  // A stand-in apt-get on PATH (the real one would change this machine): it records its
  // arguments and fails the install like a missing package list does.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-fakeapt-'));
  const calls = path.join(dir, 'calls');
  await writeFile(path.join(dir, 'apt-get'), `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> ${calls}\n[ "$1" = update ] && exit 0\necho "E: Unable to locate package valgrind" >&2\nexit 100\n`);
  await chmod(path.join(dir, 'apt-get'), 0o755);
  const env = { PATH: `${dir}:/usr/bin:/bin` };
  const log: string[] = [];
  if (process.getuid?.() !== 0) return; // as non-root it would go through sudo, which this test does not fake
  await assert.rejects(installValgrind({ info: (m) => log.push(m) }, env), {
    name: 'RunError',
    message: /^Installing Valgrind failed: 'apt-get install -y -q --no-install-recommends valgrind' failed with exit code 100:\nE: Unable to locate package valgrind$/,
  });
  const { readFile } = await import('node:fs/promises');
  assert.equal(await readFile(calls, 'utf8'), 'noninteractive update -q\nnoninteractive install -y -q --no-install-recommends valgrind\n');
  assert.ok(log.includes('E: Unable to locate package valgrind'));
});
