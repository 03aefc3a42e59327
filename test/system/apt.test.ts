import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AptError, aptInstall, type LineExec } from '../../src/system/apt.ts';

/** A PATH holding stand-ins named `names` (they are found, never run: the exec below records instead). */
async function pathWith(names: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-apt-'));
  for (const n of names) {
    await writeFile(path.join(dir, n), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(dir, n), 0o755);
  }
  return dir;
}

function recorder(codes: number[] = []): { exec: LineExec; calls: string[] } {
  const calls: string[] = [];
  const exec: LineExec = async (cmd, args, o) => {
    calls.push(`${o.env.DEBIAN_FRONTEND} ${cmd} ${args.join(' ')}`);
    o.onLine(`output of ${args[0]}`);
    return codes.shift() ?? 0;
  };
  return { exec, calls };
}

test('as root: apt-get update, then install, non-interactive, output passed on', async () => {
  const r = recorder();
  const lines: string[] = [];
  await aptInstall(r.exec, ['valgrind', 'ccache'], { env: { PATH: await pathWith(['apt-get']) }, isRoot: true, onLine: (l) => lines.push(l) });
  assert.deepEqual(r.calls, ['noninteractive apt-get update -q', 'noninteractive apt-get install -y -q --no-install-recommends valgrind ccache']);
  assert.deepEqual(lines, ['output of update', 'output of install']);
});

test('not root: through sudo -n, with DEBIAN_FRONTEND on its command line (sudo drops the environment)', async () => {
  const r = recorder();
  await aptInstall(r.exec, ['flex'], { env: { PATH: await pathWith(['apt-get', 'sudo']) }, isRoot: false, onLine: () => {} });
  assert.deepEqual(r.calls, [
    'noninteractive sudo -n DEBIAN_FRONTEND=noninteractive apt-get update -q',
    'noninteractive sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends flex',
  ]);
});

test('no apt-get, or neither root nor sudo: a reason, and nothing runs', async () => {
  const r = recorder();
  await assert.rejects(aptInstall(r.exec, ['x'], { env: { PATH: await pathWith([]) }, isRoot: true, onLine: () => {} }), (e: unknown) => e instanceof AptError && e.reason === 'no-apt-get');
  await assert.rejects(aptInstall(r.exec, ['x'], { env: { PATH: await pathWith(['apt-get']) }, isRoot: false, onLine: () => {} }), (e: unknown) => e instanceof AptError && e.reason === 'no-sudo');
  assert.deepEqual(r.calls, []);
});

test('a failing step stops there; the message names the command, its exit code and its last lines', async () => {
  const r = recorder([0, 100]);
  await assert.rejects(aptInstall(r.exec, ['nope'], { env: { PATH: await pathWith(['apt-get', 'sudo']) }, isRoot: false, onLine: () => {} }), {
    name: 'AptError',
    message: "'sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nope' failed with exit code 100 (not root: installing needs password-less sudo):\noutput of -n",
  });
  assert.equal(r.calls.length, 2);
});
