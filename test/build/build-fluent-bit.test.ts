// Real cmake and gcc on the CMake fixture (test/build/fixture-flb), in temp dirs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildFluentBit, builtBinary } from '../../src/build/build-fluent-bit.ts';
import { localBuildCache } from '../../src/build/local-cache.ts';
import { execWithNode } from '../../src/build/node-io.ts';
import { BuildError } from '../../src/build/types.ts';
import { buildSettings, copyFixture, FIXTURE, recordingIO, tempDir } from './helpers.ts';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});
async function workDir(name: string): Promise<string> {
  const d = await tempDir(name);
  dirs.push(d);
  return d;
}
// Keep the user's ccache out of it; a test that wants ccache gives its own directory.
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
delete baseEnv.CCACHE_DIR;

describe('the CMake fixture', () => {
  it('refuses to configure without -DFLB_VALGRIND=On, or with jemalloc', async () => {
    const dir = await workDir('fixture-guard');
    const lines: string[] = [];
    const plain = await execWithNode('cmake', ['-S', FIXTURE, '-B', path.join(dir, 'a')], { cwd: dir, onLine: (l) => lines.push(l) });
    assert.notEqual(plain, 0);
    assert.match(lines.join('\n'), /FLB_VALGRIND must be On/);
    const jemalloc = await execWithNode('cmake', ['-S', FIXTURE, '-B', path.join(dir, 'b'), '-DFLB_VALGRIND=On'], { cwd: dir, onLine: (l) => lines.push(l) });
    assert.notEqual(jemalloc, 0);
    assert.match(lines.join('\n'), /FLB_JEMALLOC must be Off/);
  });
});

describe('buildFluentBit on the fixture', () => {
  it('builds bin/fluent-bit with FLB_VALGRIND, records version and options, then reuses it', async () => {
    const dir = await workDir('build');
    const src = await copyFixture(dir);
    const settings = buildSettings(src);
    const out = path.join(dir, 'out');
    const rec = recordingIO();

    const info = await buildFluentBit(settings, rec.io, out, { env: baseEnv });
    assert.equal(info.binary, builtBinary(settings.buildDir));
    assert.equal(info.version, 'Fluent Bit v5.1.1-fixture');
    assert.equal(info.cached, false);
    assert.equal(info.ccache, false);
    assert.ok(info.cmakeOptions.includes('-DFLB_VALGRIND=On'));
    assert.ok(info.cmakeOptions.includes('-DFLB_JEMALLOC=Off'));
    assert.ok(info.cmakeOptions.includes('-DFLB_DEBUG=On'));
    assert.deepEqual(rec.groups, ['Configure Fluent Bit (cmake)', 'Configure Fluent Bit again (cmake: settles the flags of a fresh build dir)', 'Build Fluent Bit (2 jobs)']);
    assert.deepEqual(rec.warnings, [], 'the fixture lists FLB_HAVE_VALGRIND under Build Flags');
    assert.deepEqual(info.buildFlags, ['FLB_HAVE_VALGRIND', 'FLB_HAVE_FIXTURE_Debug']);
    const log = await fs.readFile(info.logFile, 'utf8');
    assert.match(log, /\$ cmake -S /);
    assert.match(log, /Linking C executable bin\/fluent-bit/);
    assert.match(execFileSync(info.binary, ['-h'], { encoding: 'utf8' }), /FLB_HAVE_VALGRIND/);

    // Same tree, same options: no configure, no compile.
    const again = recordingIO();
    const second = await buildFluentBit(settings, again.io, out, { env: baseEnv });
    assert.equal(second.cached, true);
    assert.equal(second.version, 'Fluent Bit v5.1.1-fixture');
    assert.equal(second.cacheKey, info.cacheKey);
    assert.deepEqual(second.buildFlags, info.buildFlags);
    assert.deepEqual(again.groups, []);
    assert.ok(!again.commands.some((c) => c[0] === 'cmake' && c[1] !== '--version'), 'cmake did not run');

    // A changed source file changes the key: it builds again.
    await fs.appendFile(path.join(src, 'src', 'fluent-bit.c'), '\n/* changed */\n');
    const third = await buildFluentBit(settings, recordingIO().io, out, { env: baseEnv });
    assert.equal(third.cached, false);
    assert.notEqual(third.cacheKey, info.cacheKey);

    // So do other options.
    const release = await buildFluentBit({ ...settings, buildType: 'RelWithDebInfo' }, recordingIO().io, out, { env: baseEnv });
    assert.equal(release.cached, false);
    assert.ok(release.cmakeOptions.includes('-DFLB_DEBUG=Off'), 'FLB_DEBUG would force a Debug build');
    assert.match(execFileSync(release.binary, ['-h'], { encoding: 'utf8' }), /FLB_HAVE_FIXTURE_RelWithDebInfo/);
  });

  it('does not let an option dropped since the last configure, or an old ccache launcher, stick in CMakeCache.txt', async () => {
    const dir = await workDir('reconfigure');
    const src = await copyFixture(dir);
    const env = { ...baseEnv, CCACHE_DIR: path.join(dir, 'ccache') };
    const settings = buildSettings(src, { cmakeOptions: ['-DFLB_CONFIG_YAML=Off'], ccache: 'true' });
    await buildFluentBit(settings, recordingIO().io, path.join(dir, 'out'), { env });
    const cacheFile = path.join(settings.buildDir, 'CMakeCache.txt');
    assert.match(await fs.readFile(cacheFile, 'utf8'), /^FLB_CONFIG_YAML:BOOL=Off$/m);
    assert.match(await fs.readFile(cacheFile, 'utf8'), /^CMAKE_C_COMPILER_LAUNCHER:\w+=ccache$/m);
    const second = await buildFluentBit({ ...settings, cmakeOptions: [], ccache: 'false' }, recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(second.cached, false);
    assert.match(await fs.readFile(cacheFile, 'utf8'), /^FLB_CONFIG_YAML:BOOL=ON$/m);
    assert.match(await fs.readFile(cacheFile, 'utf8'), /^CMAKE_C_COMPILER_LAUNCHER:\w+=$/m);
    // Another generator in the same build dir: CMake would refuse it; the old configuration goes.
    const makefiles = await buildFluentBit({ ...settings, cmakeOptions: ['-G', 'Unix Makefiles'], ccache: 'false' }, recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(makefiles.cached, false);
    assert.match(await fs.readFile(cacheFile, 'utf8'), /^CMAKE_GENERATOR:INTERNAL=Unix Makefiles$/m);
    const ninja = await buildFluentBit({ ...settings, cmakeOptions: ['-G', 'Ninja'], ccache: 'false' }, recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(ninja.cached, false);
    assert.match(await fs.readFile(cacheFile, 'utf8'), /^CMAKE_GENERATOR:INTERNAL=Ninja$/m);
  });

  it('restores a binary built from the same tree from the cache instead of building', async () => {
    const dir = await workDir('cache');
    const src = await copyFixture(dir);
    const settings = buildSettings(src);
    const cache = localBuildCache(path.join(dir, 'cache'));
    const first = await buildFluentBit(settings, recordingIO().io, path.join(dir, 'out'), { env: baseEnv, cache });
    assert.equal(first.cached, false);

    await fs.rm(settings.buildDir, { recursive: true });
    const rec = recordingIO();
    const second = await buildFluentBit(settings, rec.io, path.join(dir, 'out'), { env: baseEnv, cache });
    assert.equal(second.cached, true);
    assert.equal(second.version, 'Fluent Bit v5.1.1-fixture');
    assert.ok(existsSync(second.binary));
    assert.ok(!rec.commands.some((c) => c[0] === 'cmake' && c[1] !== '--version'));

    // settings.cache false: the cache is not consulted.
    await fs.rm(settings.buildDir, { recursive: true });
    const third = await buildFluentBit({ ...settings, cache: false }, recordingIO().io, path.join(dir, 'out'), { env: baseEnv, cache });
    assert.equal(third.cached, false);
  });

  it('keys a git checkout on its tree, its local changes and untracked files, not on the build dir', async () => {
    const dir = await workDir('git');
    const src = await copyFixture(dir);
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: src, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'fixture');
    const settings = buildSettings(src);
    const out = path.join(src, 'flb-valgrind-out'); // inside the tree, as the action's default is
    const first = await buildFluentBit(settings, recordingIO().io, out, { env: baseEnv });
    const second = await buildFluentBit(settings, recordingIO().io, out, { env: baseEnv });
    assert.equal(second.cached, true, 'the build dir and out dir inside the tree do not make it dirty');

    await fs.mkdir(path.join(src, 'gen'));
    await fs.writeFile(path.join(src, 'gen', 'extra.c'), 'int flb_extra(void) { return 1; }\n');
    const untracked = await buildFluentBit(settings, recordingIO().io, out, { env: baseEnv });
    assert.equal(untracked.cached, false);
    assert.notEqual(untracked.cacheKey, first.cacheKey);

    git('add', 'gen/extra.c');
    git('commit', '-q', '-m', 'extra');
    const committed = await buildFluentBit(settings, recordingIO().io, out, { env: baseEnv });
    assert.equal(committed.cached, false, 'a clean tree is keyed by its git tree, not by the dirty hash');
    assert.equal((await buildFluentBit(settings, recordingIO().io, out, { env: baseEnv })).cached, true);
  });

  for (const ccache of ['false', 'true'] as const) {
    // With ccache, base_dir makes the compiler see (and print) paths relative to its working directory.
    it(`turns compile errors into annotations, shows the tail and fails with a clear message (ccache ${ccache})`, async () => {
      const dir = await workDir('broken');
      const env = { ...baseEnv, CCACHE_DIR: path.join(dir, 'ccache') };
      const src = await copyFixture(dir);
      await fs.mkdir(path.join(src, 'gen'));
      await fs.writeFile(path.join(src, 'gen', 'broken.c'), 'int flb_broken(void)\n{\n    return undeclared_thing;\n}\n');
      const rec = recordingIO();
      const err = await buildFluentBit(buildSettings(src, { ccache }), rec.io, path.join(dir, 'out'), { env, workspace: dir, tailLines: 10 }).then(
        () => assert.fail('the build must fail'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof BuildError);
      // gcc quotes with ‘’ in a UTF-8 locale, '' in C.
      assert.match(err.message, /^Build Fluent Bit \(2 jobs(, ccache)?\) failed \(cmake exited with \d+\): 1 error, the first: .*broken\.c:3: .undeclared_thing. undeclared/);
      assert.match(err.message, /Full build log: .*build\.log$/);
      assert.equal(rec.annotations.length, 1);
      assert.deepEqual({ ...rec.annotations[0], message: '' }, { level: 'error', file: 'src/gen/broken.c', line: 3, col: 12, message: '' });
      assert.match(rec.annotations[0]?.message ?? '', /^.undeclared_thing. undeclared \(first use in this function\)$/);
      assert.ok(rec.infos.some((l) => /last 10 lines/.test(l)));
      assert.match(await fs.readFile(path.join(dir, 'out', 'build.log'), 'utf8'), /error: .undeclared_thing. undeclared/);
    });
  }

  it('annotates a CMake error at configure time', async () => {
    const dir = await workDir('cmake-error');
    const src = await copyFixture(dir);
    await fs.appendFile(path.join(src, 'CMakeLists.txt'), '\nmessage(FATAL_ERROR "fixture: broken on purpose")\n');
    const rec = recordingIO();
    await assert.rejects(buildFluentBit(buildSettings(src), rec.io, path.join(dir, 'out'), { env: baseEnv }), /Configure Fluent Bit \(cmake\) failed .*CMakeLists\.txt:\d+: fixture: broken on purpose/);
    assert.equal(rec.annotations[0]?.file, 'CMakeLists.txt');
  });

  it('compiles through ccache: a checkout at another path hits the cache (base_dir)', async () => {
    const dir = await workDir('ccache');
    const env = { ...baseEnv, CCACHE_DIR: path.join(dir, 'ccache') };
    const first = await buildFluentBit(buildSettings(await copyFixture(path.join(dir, 'one')), { ccache: 'auto' }), recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(first.ccache, true, "ccache 'auto' uses the installed ccache");
    assert.equal(first.ccacheHits, 0);
    assert.ok((first.ccacheMisses ?? 0) >= 1);
    const second = await buildFluentBit(buildSettings(await copyFixture(path.join(dir, 'two')), { ccache: 'auto' }), recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(second.cached, false);
    assert.ok((second.ccacheHits ?? 0) >= 1, `hits: ${second.ccacheHits}`);
    assert.equal(second.ccacheMisses, 0);
  });

  it('configures a fresh build dir from the cached CMake configuration, and from scratch when that fails', async () => {
    const dir = await workDir('configure-cache');
    const src = await copyFixture(dir);
    const env = { ...baseEnv, CCACHE_DIR: path.join(dir, 'ccache') };
    const settings = buildSettings(src, { ccache: 'true' });
    const first = await buildFluentBit(settings, recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(first.configureFromCache, undefined);
    const snapshots = path.join(dir, 'ccache-flb-cmake');
    assert.equal((await fs.readdir(snapshots)).length, 1);

    await fs.rm(settings.buildDir, { recursive: true });
    await fs.appendFile(path.join(src, 'src', 'fluent-bit.c'), '\n/* a new commit */\n');
    const rec = recordingIO();
    const second = await buildFluentBit(settings, rec.io, path.join(dir, 'out'), { env });
    assert.equal(second.configureFromCache, true);
    assert.ok(rec.infos.some((l) => /^Configuring from a cached CMake configuration/.test(l)));
    assert.equal(second.version, 'Fluent Bit v5.1.1-fixture');

    // A CMake file changed: another key, a full configure.
    await fs.rm(settings.buildDir, { recursive: true });
    await fs.appendFile(path.join(src, 'CMakeLists.txt'), '\n# changed\n');
    const third = await buildFluentBit(settings, recordingIO().io, path.join(dir, 'out'), { env });
    assert.equal(third.configureFromCache, undefined);

    // A snapshot that no longer fits this machine (here: a compiler that is gone) fails
    // quietly, then configure runs from scratch and the build succeeds.
    for (const f of await fs.readdir(snapshots)) {
      const file = path.join(snapshots, f);
      await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/^CMAKE_C_COMPILER:(\w+)=.*$/m, 'CMAKE_C_COMPILER:$1=/nonexistent/cc'));
    }
    await fs.rm(settings.buildDir, { recursive: true });
    await fs.appendFile(path.join(src, 'src', 'fluent-bit.c'), '\n/* another commit */\n');
    const stale = recordingIO();
    const fourth = await buildFluentBit(settings, stale.io, path.join(dir, 'out'), { env });
    assert.equal(fourth.version, 'Fluent Bit v5.1.1-fixture');
    assert.deepEqual(stale.warnings, ['The build from a cached CMake configuration failed: configuring from scratch.']);
    assert.deepEqual(stale.annotations, []);
    const texts = await Promise.all((await fs.readdir(snapshots)).map((f) => fs.readFile(path.join(snapshots, f), 'utf8')));
    assert.equal(texts.filter((t) => !/nonexistent/.test(t)).length, 1, 'the good configuration replaced the stale one');
  });

  it('saves and restores the ccache directory under branch keys', async () => {
    const dir = await workDir('ccache-keys');
    const src = await copyFixture(dir);
    const env = { ...baseEnv, CCACHE_DIR: path.join(dir, 'ccache') };
    const cache = localBuildCache(path.join(dir, 'cache'));
    const settings = buildSettings(src, { ccache: 'true' });
    await buildFluentBit(settings, recordingIO().io, path.join(dir, 'out'), { env, cache, scope: { ref: 'main', unique: 'r1' } });
    await fs.rm(path.join(dir, 'ccache'), { recursive: true });
    await fs.rm(settings.buildDir, { recursive: true });
    // A pull request's first run: no cache of its own, its base branch's is restored.
    const rec = recordingIO();
    const pr = await buildFluentBit({ ...settings, cmakeOptions: ['-DFLB_EXAMPLES=On'] }, rec.io, path.join(dir, 'out'), { env, cache, scope: { ref: 'feature', baseRef: 'main', unique: 'r2' } });
    assert.ok(rec.infos.some((l) => /ccache directory restored from cache key flb-ccache-.*-Debug-main-r1/.test(l)), rec.infos.join('\n'));
    assert.ok((pr.ccacheHits ?? 0) >= 1);
  });
});
