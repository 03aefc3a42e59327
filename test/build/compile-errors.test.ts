import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompileDiagnostics } from '../../src/build/compile-errors.ts';
import { findSourceFile, repoRelativePath } from '../../src/build/source-paths.ts';

// Lines as gcc 12 (make, ccache base_dir) and clang 18 print them.
const LOG = [
  '[ 12%] Building C object plugins/in_dummy/CMakeFiles/flb-plugin-in_dummy.dir/in_dummy.c.o',
  '../../../plugins/in_dummy/in_dummy.c: In function ‘in_dummy_collect’:',
  "../../../plugins/in_dummy/in_dummy.c:42:12: error: ‘ctx_x’ undeclared (first use in this function); did you mean ‘ctx’?",
  '   42 |     return ctx_x;',
  '      |            ^~~~~',
  '../../../plugins/in_dummy/in_dummy.c:42:12: note: each undeclared identifier is reported only once',
  "/w/src/flb_utils.c:7:1: warning: unused variable 'x' [-Wunused-variable]",
  "\x1b[01m\x1b[K/w/src/flb_pack.c:99:5:\x1b[m\x1b[K \x1b[01;31m\x1b[Kerror: \x1b[m\x1b[Kexpected ';' before '}' token",
  "src/flb_sds.c:10: error: old-style error without column",
  'In file included from /w/include/x.h:3:',
  "/w/include/fluent-bit/flb_missing.h:1:10: fatal error: 'zzz.h' file not found",
  // parallel make repeats the same error from another job
  "../../../plugins/in_dummy/in_dummy.c:42:12: error: ‘ctx_x’ undeclared (first use in this function); did you mean ‘ctx’?",
  'make[2]: *** [plugins/in_dummy/CMakeFiles/flb-plugin-in_dummy.dir/build.make:76: in_dummy.c.o] Error 1',
  'CMake Error at cmake/libraries.cmake:30 (message):',
  '  YAML development dependencies required for YAML configuration format',
  '  handling.',
  '',
  '-- Configuring incomplete, errors occurred!',
];

describe('parseCompileDiagnostics', () => {
  it('finds gcc, clang and CMake errors once each, in order, without colours or notes', () => {
    assert.deepEqual(parseCompileDiagnostics(LOG), [
      { severity: 'error', file: '../../../plugins/in_dummy/in_dummy.c', line: 42, col: 12, message: '‘ctx_x’ undeclared (first use in this function); did you mean ‘ctx’?' },
      { severity: 'error', file: '/w/src/flb_pack.c', line: 99, col: 5, message: "expected ';' before '}' token" },
      { severity: 'error', file: 'src/flb_sds.c', line: 10, message: 'old-style error without column' },
      { severity: 'error', file: '/w/include/fluent-bit/flb_missing.h', line: 1, col: 10, message: "'zzz.h' file not found" },
      { severity: 'error', file: 'cmake/libraries.cmake', line: 30, message: 'YAML development dependencies required for YAML configuration format handling.' },
    ]);
  });
  it('keeps warnings when asked', () => {
    const w = parseCompileDiagnostics(LOG, { warnings: true }).filter((d) => d.severity === 'warning');
    assert.deepEqual(w, [{ severity: 'warning', file: '/w/src/flb_utils.c', line: 7, col: 1, message: "unused variable 'x' [-Wunused-variable]" }]);
  });
  it('finds nothing in a clean log', () => {
    assert.deepEqual(parseCompileDiagnostics(['[100%] Built target fluent-bit-bin', 'ld: warning: something']), []);
  });
});

describe('repoRelativePath', () => {
  it('resolves ccache base_dir stack paths before making them relative', () => {
    assert.equal(repoRelativePath('../../src/src/flb_sds.c', '/w/build/src', '/w'), 'src/src/flb_sds.c');
    assert.equal(repoRelativePath('/w/plugins/in_dummy/in_dummy.c', undefined, '/w'), 'plugins/in_dummy/in_dummy.c');
    assert.equal(repoRelativePath('flb_sds.c', '/w/src', '/w/'), 'src/flb_sds.c');
    assert.equal(repoRelativePath('x.c', 'src', '/w'), 'src/x.c');
  });
  it('returns null outside the workspace', () => {
    assert.equal(repoRelativePath('dl-tls.c', '/build/glibc/elf', '/w'), null);
    assert.equal(repoRelativePath('../../x.c', '/w/a', '/w'), null);
  });
});

describe('findSourceFile', () => {
  const files = new Set(['/w/plugins/in_dummy/in_dummy.c', '/w/fb/src/flb_sds.c']);
  const exists = (p: string): boolean => files.has(p);
  it('finds a path relative to an unknown compiler cwd by its tail', () => {
    assert.equal(findSourceFile('../../../plugins/in_dummy/in_dummy.c', { dirs: ['/w'], roots: ['/w'], workspace: '/w' }, exists), 'plugins/in_dummy/in_dummy.c');
    assert.equal(findSourceFile('../../src/flb_sds.c', { dirs: ['/w/fb'], roots: ['/w/fb', '/w'], workspace: '/w' }, exists), 'fb/src/flb_sds.c');
  });
  it('takes absolute paths as they are, and gives up on unknown ones', () => {
    assert.equal(findSourceFile('/w/x/y.c', { dirs: [], roots: [], workspace: '/w' }, exists), 'x/y.c');
    assert.equal(findSourceFile('../nope.c', { dirs: ['/w'], roots: ['/w'], workspace: '/w' }, exists), null);
  });
});
