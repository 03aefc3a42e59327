// Real commands on a PATH the test narrows down: each test links in only the tools it wants present.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildFluentBit } from '../../src/build/build-fluent-bit.ts';
import { checkBuildDeps, missingDepsMessage, preflight } from '../../src/build/preflight.ts';
import { BuildError } from '../../src/build/types.ts';
import { buildSettings, copyFixture, recordingIO, tempDir } from './helpers.ts';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

const which = (cmd: string): string => execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim();

/** A directory holding links to only these tools (plus sh, for scripts), as PATH. */
async function pathWith(tools: string[], scripts: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir('path');
  dirs.push(dir);
  for (const t of [...tools, 'sh']) await fs.symlink(which(t), path.join(dir, t));
  for (const [name, body] of Object.entries(scripts)) await fs.writeFile(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

const ALL = ['cmake', 'make', 'cc', 'flex', 'bison', 'pkg-config'];

describe('preflight', () => {
  it('passes with everything present and returns the compiler', async () => {
    const env = { PATH: await pathWith(ALL) };
    const { compiler, ninja } = await preflight(recordingIO().io, { cwd: '/', env, cmakeOptions: [] });
    assert.equal(compiler?.command, 'cc');
    assert.ok(compiler?.major);
    assert.equal(ninja, false);
  });

  it('takes Ninja instead of make', async () => {
    const env = { PATH: await pathWith(['cmake', 'ninja', 'cc', 'flex', 'bison', 'pkg-config']) };
    assert.equal((await preflight(recordingIO().io, { cwd: '/', env, cmakeOptions: [] })).ninja, true);
    // Unless make is asked for.
    await assert.rejects(preflight(recordingIO().io, { cwd: '/', env, cmakeOptions: ['-G', 'Unix Makefiles'] }), /make is missing/);
  });

  it('names every missing tool and the packages in one message', async () => {
    const env = { PATH: await pathWith(['cc']) };
    await assert.rejects(preflight(recordingIO().io, { cwd: '/', env, cmakeOptions: [] }), (e: unknown) => {
      assert.ok(e instanceof BuildError);
      assert.equal(e.message, "Cannot build Fluent Bit: cmake, make, flex and bison are missing. On Debian/Ubuntu install them with 'sudo apt-get install -y cmake make flex bison', or set 'install-deps: true'.");
      return true;
    });
  });

  it('finds headers through the compiler: valgrind.h and yaml.h missing', async () => {
    // A compiler that searches no system include directory sees neither header.
    const env = { PATH: await pathWith(ALL, { 'cc-noinc': `exec ${which('gcc')} -nostdinc "$@"` }), CC: 'cc-noinc' };
    const io = recordingIO();
    await assert.rejects(preflight(io.io, { cwd: '/', env, cmakeOptions: [] }), /^BuildError: Cannot build Fluent Bit: valgrind\/valgrind\.h and yaml\.h \(libyaml\) are missing\. On Debian\/Ubuntu install them with 'sudo apt-get install -y valgrind libyaml-dev'/);
    assert.ok(io.warnings.some((w) => /^openssl\/ssl\.h not found \(Fluent Bit builds without TLS\); apt package libssl-dev\.$/.test(w)));
    // With YAML configs off, libyaml is not needed.
    await assert.rejects(preflight(io.io, { cwd: '/', env, cmakeOptions: ['-DFLB_CONFIG_YAML=Off'] }), /Cannot build Fluent Bit: valgrind\/valgrind\.h is missing\. .*'sudo apt-get install -y valgrind'/);
  });

  it('names a missing C compiler', async () => {
    const env = { PATH: await pathWith(ALL.filter((t) => t !== 'cc')) };
    const result = await checkBuildDeps(recordingIO().io, { cwd: '/', env, cmakeOptions: [] });
    assert.equal(result.compiler, null);
    assert.deepEqual(result.missing.map((m) => m.what), ['a C compiler (cc)']);
    assert.equal(missingDepsMessage(result.missing), "Cannot build Fluent Bit: a C compiler (cc) is missing. On Debian/Ubuntu install them with 'sudo apt-get install -y gcc', or set 'install-deps: true'.");
  });

  it('wants ninja, not make, with -G Ninja', async () => {
    const env = { PATH: await pathWith(['cmake', 'cc', 'flex', 'bison']) };
    const result = await checkBuildDeps(recordingIO().io, { cwd: '/', env, cmakeOptions: ['-G', 'Ninja'] });
    assert.deepEqual(result.missing.map((m) => m.aptPackage), ['ninja-build']);
  });

  it('fails a build before configuring, and with install-deps runs apt-get through sudo when not root', async () => {
    const dir = await tempDir('install-deps');
    dirs.push(dir);
    const src = await copyFixture(dir);
    const calls = path.join(dir, 'calls.txt');
    // Fake apt-get and sudo that only record their arguments: installing for real would
    // need the network and change this machine.
    const fakes = { 'apt-get': `echo "apt-get $*" >> ${calls}`, sudo: `echo "sudo $*" >> ${calls}; [ "$1" = -n ] && shift; while case "$1" in *=*) export "$1";; *) false;; esac; do shift; done; exec "$@"` };
    const env = { PATH: await pathWith(['cmake', 'make', 'cc', 'git'], fakes) };

    const rec = recordingIO();
    await assert.rejects(buildFluentBit(buildSettings(src), rec.io, path.join(dir, 'out'), { env }), /flex and bison are missing/);
    assert.ok(!rec.commands.some((c) => c[0] === 'cmake' && c[1] === '-S'), 'no configure after a failed preflight');

    await assert.rejects(
      buildFluentBit(buildSettings(src, { installDeps: true }), recordingIO().io, path.join(dir, 'out'), { env, isRoot: false }),
      /Cannot build Fluent Bit: flex and bison are missing\. .* \(apt-get install did not provide them\)$/,
    );
    const log = await fs.readFile(calls, 'utf8');
    // sudo drops the environment: DEBIAN_FRONTEND goes on its command line.
    assert.match(log, /^sudo -n DEBIAN_FRONTEND=noninteractive apt-get update -q$/m);
    assert.match(log, /^sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends flex bison( libssl-dev)?( pkg-config)? ninja-build$/m);
    assert.match(log, /^apt-get install -y -q --no-install-recommends flex bison/m, 'apt-get itself ran, through the fake sudo');
  });
});
