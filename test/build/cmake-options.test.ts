import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cmakeArgs, isCmakeFalse, parseDefines, validateCmakeOptions } from '../../src/build/cmake-options.ts';
import { parseCompilerVersion } from '../../src/build/compiler.ts';
import { buildSettings } from './helpers.ts';

const gcc12 = parseCompilerVersion('cc', 'cc (Debian 12.2.0-14+deb12u1) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.');
const gcc13 = parseCompilerVersion('cc', 'gcc (Ubuntu 13.2.0-23ubuntu4) 13.2.0\nCopyright (C) 2023 Free Software Foundation, Inc.');
const clang = parseCompilerVersion('clang', 'Ubuntu clang version 18.1.3 (1ubuntu1)\nTarget: x86_64-pc-linux-gnu');

describe('validateCmakeOptions', () => {
  const table: Array<{ options: string[]; expected: RegExp | null }> = [
    { options: [], expected: null },
    { options: ['-DFLB_OUT_KAFKA=Off', '-DFLB_TLS=On'], expected: null },
    { options: ['-DFLB_VALGRIND=On', '-DFLB_JEMALLOC=Off'], expected: null },
    { options: ['-DFLB_JEMALLOC=No', '-DFLB_JEMALLOC:BOOL=FALSE'], expected: null },
    { options: ['-G', 'Ninja'], expected: null },
    { options: ['-DFLB_VALGRIND=Off'], expected: /^'cmake-options' must not turn FLB_VALGRIND off, got '-DFLB_VALGRIND=Off': without it .*client switching stacks/ },
    { options: ['-DFLB_VALGRIND:BOOL=0'], expected: /turn FLB_VALGRIND off, got '-DFLB_VALGRIND:BOOL=0'/ },
    { options: ['-D', 'FLB_VALGRIND=no'], expected: /turn FLB_VALGRIND off, got '-D FLB_VALGRIND=no'/ },
    { options: ['-DFLB_VALGRIND='], expected: /turn FLB_VALGRIND off/ },
    { options: ['-DFLB_JEMALLOC=On'], expected: /^'cmake-options' must not turn FLB_JEMALLOC on, got '-DFLB_JEMALLOC=On': jemalloc .*memcheck cannot see/ },
    { options: ['-DFLB_JEMALLOC=1'], expected: /turn FLB_JEMALLOC on/ },
    { options: ['-DFLB_JEMALLOC:BOOL=yes'], expected: /turn FLB_JEMALLOC on/ },
    { options: ['-UFLB_VALGRIND'], expected: /must not unset FLB_VALGRIND, got '-UFLB_VALGRIND'/ },
    { options: ['-U', 'FLB_*'], expected: /must not unset FLB_VALGRIND, got '-U FLB_\*'/ },
    { options: ['-S', '/elsewhere'], expected: /must not set the source or build directory, got '-S': use the 'source-dir' and 'build-dir' inputs/ },
    { options: ['-DFLB_VALGRIND=Off', '-DFLB_JEMALLOC=On'], expected: /FLB_VALGRIND off.*; 'cmake-options' must not turn FLB_JEMALLOC on/ },
  ];
  for (const { options, expected } of table) {
    it(`${JSON.stringify(options)} → ${expected ?? 'accepted'}`, () => {
      const got = validateCmakeOptions(options);
      if (expected === null) assert.equal(got, null);
      else assert.match(got ?? '(accepted)', expected);
    });
  }
});

describe('isCmakeFalse and parseDefines', () => {
  it('knows CMake false constants', () => {
    for (const v of ['0', 'off', 'No', 'FALSE', 'n', 'IGNORE', 'NOTFOUND', 'X-NOTFOUND', '']) assert.equal(isCmakeFalse(v), true, v);
    for (const v of ['1', 'On', 'yes', 'TRUE', 'y', '2', 'anything']) assert.equal(isCmakeFalse(v), false, v);
  });
  it('reads joined and split -D/-U forms', () => {
    assert.deepEqual(parseDefines(['-DA=1', '-D', 'B:STRING=x=y', '-UC*', '-G', 'Ninja']), [
      { text: '-DA=1', kind: 'set', name: 'A', value: '1' },
      { text: '-D B:STRING=x=y', kind: 'set', name: 'B', value: 'x=y' },
      { text: '-UC*', kind: 'unset', name: 'C*', value: '' },
    ]);
  });
});

describe('cmakeArgs', () => {
  it('sets the Valgrind build defaults, with FLB_VALGRIND and FLB_JEMALLOC last', () => {
    const args = cmakeArgs(buildSettings('/src'), gcc13);
    assert.deepEqual(args, [
      '-DCMAKE_BUILD_TYPE=Debug',
      '-DFLB_DEBUG=On',
      '-DFLB_TESTS_RUNTIME=Off',
      '-DFLB_TESTS_INTERNAL=Off',
      '-DFLB_EXAMPLES=Off',
      '-DFLB_SHARED_LIB=Off',
      '-DFLB_WASM=Off',
      '-DFLB_BACKTRACE=Off',
      '-DFLB_VALGRIND=On',
      '-DFLB_JEMALLOC=Off',
    ]);
  });
  it('turns simdutf off for gcc 12 and older only, unless the user chose', () => {
    assert.ok(cmakeArgs(buildSettings('/src'), gcc12).includes('-DFLB_USE_SIMDUTF=No'));
    assert.ok(!cmakeArgs(buildSettings('/src'), gcc13).includes('-DFLB_USE_SIMDUTF=No'));
    assert.ok(!cmakeArgs(buildSettings('/src'), clang).includes('-DFLB_USE_SIMDUTF=No'));
    const chosen = cmakeArgs(buildSettings('/src', { cmakeOptions: ['-DFLB_USE_SIMDUTF=Yes'] }), gcc12);
    assert.ok(chosen.includes('-DFLB_USE_SIMDUTF=Yes') && !chosen.includes('-DFLB_USE_SIMDUTF=No'));
  });
  it('lets user options replace defaults, and turns FLB_DEBUG off for other build types', () => {
    const args = cmakeArgs(buildSettings('/src', { buildType: 'RelWithDebInfo', cmakeOptions: ['-DFLB_WASM=On', '-DFLB_OUT_KAFKA=Off'] }), gcc13);
    assert.ok(args.includes('-DCMAKE_BUILD_TYPE=RelWithDebInfo'));
    assert.ok(args.includes('-DFLB_DEBUG=Off'));
    assert.ok(!args.includes('-DFLB_WASM=Off'));
    assert.deepEqual(args.slice(-4), ['-DFLB_WASM=On', '-DFLB_OUT_KAFKA=Off', '-DFLB_VALGRIND=On', '-DFLB_JEMALLOC=Off']);
  });
});

describe('parseCompilerVersion', () => {
  it('reads gcc and clang banners', () => {
    assert.deepEqual([gcc12.id, gcc12.version, gcc12.major], ['gcc', '12.2.0', 12]);
    assert.deepEqual([gcc13.id, gcc13.major], ['gcc', 13]);
    assert.deepEqual([clang.id, clang.version, clang.major], ['clang', '18.1.3', 18]);
  });
});
