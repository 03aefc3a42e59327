import type { BuildSettings } from '../settings/types.ts';
import { needsSimdutfOff, type Compiler } from './compiler.ts';

/** One `-D`/`-U` found in the user's words. */
interface CmakeDefine {
  /** The word(s) as the user wrote them, for messages. */
  text: string;
  kind: 'set' | 'unset';
  /** Variable name, or for `-U` a glob pattern. */
  name: string;
  value: string;
}

// CMake's false constants (if() docs); any other value of an option counts as true.
const FALSE_CONSTANTS = new Set(['0', 'OFF', 'NO', 'FALSE', 'N', 'IGNORE', 'NOTFOUND', '']);

/** Whether CMake reads this value as false in `if(<option>)`. */
export function isCmakeFalse(value: string): boolean {
  const v = value.trim().toUpperCase();
  return FALSE_CONSTANTS.has(v) || v.endsWith('-NOTFOUND');
}

/** Finds every `-DNAME[:TYPE]=VALUE`, `-D NAME=VALUE`, `-UPATTERN` and `-U PATTERN` in the words. */
export function parseDefines(words: string[]): CmakeDefine[] {
  const out: CmakeDefine[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const flag = w.startsWith('-D') ? 'D' : w.startsWith('-U') ? 'U' : null;
    if (flag === null) continue;
    let body = w.slice(2);
    let text = w;
    if (body === '' && i + 1 < words.length) {
      body = words[++i] as string;
      text = `${w} ${body}`;
    }
    if (flag === 'U') {
      out.push({ text, kind: 'unset', name: body, value: '' });
      continue;
    }
    const eq = body.indexOf('=');
    const lhs = eq < 0 ? body : body.slice(0, eq);
    out.push({ text, kind: 'set', name: lhs.split(':')[0] as string, value: eq < 0 ? '' : body.slice(eq + 1) });
  }
  return out;
}

function globMatches(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}

const WHY_VALGRIND =
  'without it Fluent Bit does not register its coroutine stacks with Valgrind, and memcheck reports "client switching stacks?" and thousands of false errors';
const WHY_JEMALLOC =
  'jemalloc takes its memory straight from the kernel, so memcheck cannot see its allocations and leaks go unreported';

/**
 * Checks the user's `cmake-options`: null when acceptable, else one message naming the
 * input, the value and why (FLB_VALGRIND must stay On, FLB_JEMALLOC Off; no -S/-B).
 */
export function validateCmakeOptions(options: string[]): string | null {
  const problems: string[] = [];
  for (const d of parseDefines(options)) {
    if (d.kind === 'unset') {
      if (globMatches(d.name, 'FLB_VALGRIND')) problems.push(`'cmake-options' must not unset FLB_VALGRIND, got '${d.text}': ${WHY_VALGRIND}`);
      else if (globMatches(d.name, 'FLB_JEMALLOC')) problems.push(`'cmake-options' must not unset FLB_JEMALLOC, got '${d.text}': the action sets it Off because ${WHY_JEMALLOC}`);
    } else if (d.name === 'FLB_VALGRIND' && isCmakeFalse(d.value)) {
      problems.push(`'cmake-options' must not turn FLB_VALGRIND off, got '${d.text}': ${WHY_VALGRIND}`);
    } else if (d.name === 'FLB_JEMALLOC' && !isCmakeFalse(d.value)) {
      problems.push(`'cmake-options' must not turn FLB_JEMALLOC on, got '${d.text}': ${WHY_JEMALLOC}`);
    }
  }
  for (const w of options) {
    if (/^(-S|-B|-H)/.test(w) || w === '--build') {
      problems.push(`'cmake-options' must not set the source or build directory, got '${w}': use the 'source-dir' and 'build-dir' inputs`);
    }
  }
  return problems.length === 0 ? null : problems.join('; ');
}

/** The generator the user chose with `-G NAME` / `-GNAME` in cmake-options, or null. */
export function userGenerator(options: string[]): string | null {
  for (let i = 0; i < options.length; i++) {
    const w = options[i] as string;
    if (w === '-G') return options[i + 1] ?? null;
    if (w.startsWith('-G')) return w.slice(2);
  }
  return null;
}

/**
 * The generator to configure with: the user's, else Ninja when it is installed (measured on
 * Fluent Bit 5.1, 2 cores: 119 s cold and 11 s warm against about 200 s and 22 s with make),
 * else CMake's default (Unix Makefiles).
 */
export function chooseGenerator(options: string[], ninjaInstalled: boolean): { name: string; args: string[] } {
  const chosen = userGenerator(options);
  if (chosen !== null) return { name: chosen, args: [] };
  return ninjaInstalled ? { name: 'Ninja', args: ['-G', 'Ninja'] } : { name: 'Unix Makefiles', args: [] };
}

/**
 * The `-D` options of the configure step: the defaults a Valgrind build needs, then the
 * user's `cmake-options` (later wins in CMake), with FLB_VALGRIND/FLB_JEMALLOC last so
 * nothing can undo them. These are what the report records and the binary cache keys on.
 */
export function cmakeArgs(settings: BuildSettings, compiler: Compiler | null = null): string[] {
  const userSets = new Set(parseDefines(settings.cmakeOptions).map((d) => d.name));
  const debug = settings.buildType === 'Debug';
  const defaults = [
    `-DCMAKE_BUILD_TYPE=${settings.buildType}`,
    // FLB_DEBUG (default On in Fluent Bit) forces CMAKE_BUILD_TYPE=Debug: turn it off for other build types.
    `-DFLB_DEBUG=${debug ? 'On' : 'Off'}`,
    '-DFLB_TESTS_RUNTIME=Off',
    '-DFLB_TESTS_INTERNAL=Off',
    '-DFLB_EXAMPLES=Off',
    // With FLB_SHARED_LIB, src/ is compiled twice (static and shared); the action only needs bin/fluent-bit.
    '-DFLB_SHARED_LIB=Off',
    // The WASM runtime (WAMR) is a large build few leak runs need.
    '-DFLB_WASM=Off',
    // libbacktrace only prints Fluent Bit's own stack on a crash, which Valgrind does anyway; its
    // autotools configure runs in every fresh build dir (measured: 12 of 45 s of a warm build).
    '-DFLB_BACKTRACE=Off',
  ];
  if (needsSimdutfOff(compiler) && !userSets.has('FLB_USE_SIMDUTF')) defaults.push('-DFLB_USE_SIMDUTF=No');
  const kept = defaults.filter((d) => !userSets.has(parseDefines([d])[0]?.name ?? ''));
  return [...kept, ...settings.cmakeOptions, '-DFLB_VALGRIND=On', '-DFLB_JEMALLOC=Off'];
}
