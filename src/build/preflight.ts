import { AptError, aptInstall as sharedAptInstall, type LineExec } from '../system/apt.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { detectCompiler, type Compiler } from './compiler.ts';
import type { BuildSettings } from '../settings/types.ts';
import { isCmakeFalse, parseDefines, userGenerator } from './cmake-options.ts';
import { BuildError, type BuildIO } from './types.ts';

/** One thing the build needs, and the Debian/Ubuntu package that provides it. */
export interface Requirement {
  /** As a user would name it: `cmake`, `a C compiler`, `valgrind/valgrind.h`. */
  what: string;
  aptPackage: string;
  /** Optional ones only warn (the build works, with less in it). */
  optional?: string;
}

export interface PreflightOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  cmakeOptions: string[];
}

/** What preflight found that the build uses. */
export interface Toolchain {
  compiler: Compiler | null;
  /** Ninja is installed: the build uses it unless cmake-options name a generator. */
  ninja: boolean;
  /** `cmake --version`'s first line, e.g. `cmake version 3.25.1`; empty when cmake is missing. */
  cmakeVersion: string;
}

export interface PreflightResult extends Toolchain {
  missing: Requirement[];
  /** Optional things absent: the build proceeds without them. */
  absentOptional: Requirement[];
}

async function runs(io: BuildIO, cmd: string, args: string[], opts: PreflightOptions, onLine?: (line: string) => void): Promise<boolean> {
  try {
    return (await io.exec(cmd, args, { cwd: opts.cwd, env: opts.env, ...(onLine ? { onLine } : {}) })) === 0;
  } catch {
    return false;
  }
}

/** Whether `#include <header>` compiles with this compiler (so its include path counts, not a guess). */
async function hasHeader(io: BuildIO, compiler: Compiler | null, header: string, opts: PreflightOptions): Promise<boolean> {
  if (compiler === null) {
    return fs.access(path.join('/usr/include', header)).then(() => true, () => false);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flb-preflight-'));
  try {
    const file = path.join(dir, 'probe.c');
    await fs.writeFile(file, `#include <${header}>\nint main(void) { return 0; }\n`);
    return await runs(io, compiler.command, ['-fsyntax-only', file], opts);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function optionIsOff(cmakeOptions: string[], name: string): boolean {
  return parseDefines(cmakeOptions).some((d) => d.kind === 'set' && d.name === name && isCmakeFalse(d.value));
}

/** Looks for everything a Fluent Bit build with FLB_VALGRIND needs; reports what is missing (does not throw). */
export async function checkBuildDeps(io: BuildIO, opts: PreflightOptions): Promise<PreflightResult> {
  const compiler = await detectCompiler(io, opts.cwd, opts.env);
  const chosen = userGenerator(opts.cmakeOptions);
  const ninja = await runs(io, 'ninja', ['--version'], opts);
  const cmakeLines: string[] = [];
  const checks: Array<[Requirement, () => Promise<boolean>]> = [
    [{ what: 'cmake', aptPackage: 'cmake' }, () => runs(io, 'cmake', ['--version'], opts, (l) => cmakeLines.push(l))],
    // Without -G: Ninja when installed, else make.
    chosen === 'Ninja'
      ? [{ what: 'ninja', aptPackage: 'ninja-build' }, async () => ninja]
      : [{ what: 'make', aptPackage: 'make' }, async () => (chosen === null && ninja) || runs(io, 'make', ['--version'], opts)],
    [{ what: `a C compiler (${opts.env.CC?.trim() || 'cc'})`, aptPackage: 'gcc' }, async () => compiler !== null],
    [{ what: 'flex', aptPackage: 'flex' }, () => runs(io, 'flex', ['--version'], opts)],
    [{ what: 'bison', aptPackage: 'bison' }, () => runs(io, 'bison', ['--version'], opts)],
    [{ what: 'valgrind/valgrind.h', aptPackage: 'valgrind' }, () => hasHeader(io, compiler, 'valgrind/valgrind.h', opts)],
  ];
  // Fluent Bit's configure stops without libyaml unless the YAML config format is turned off.
  if (!optionIsOff(opts.cmakeOptions, 'FLB_CONFIG_YAML')) {
    checks.push([{ what: 'yaml.h (libyaml)', aptPackage: 'libyaml-dev' }, () => hasHeader(io, compiler, 'yaml.h', opts)]);
  }
  const optional: Array<[Requirement, () => Promise<boolean>]> = [
    [{ what: 'openssl/ssl.h', aptPackage: 'libssl-dev', optional: 'Fluent Bit builds without TLS' }, () => hasHeader(io, compiler, 'openssl/ssl.h', opts)],
    [{ what: 'pkg-config', aptPackage: 'pkg-config', optional: 'system libraries are found by header probes only' }, () => runs(io, 'pkg-config', ['--version'], opts)],
  ];
  const missing: Requirement[] = [];
  for (const [req, present] of checks) if (!(await present())) missing.push(req);
  const absentOptional: Requirement[] = [];
  for (const [req, present] of optional) if (!(await present())) absentOptional.push(req);
  return { compiler, ninja, cmakeVersion: cmakeLines[0]?.trim() ?? '', missing, absentOptional };
}

function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The one message for missing build dependencies: what is missing and what to install (pure). */
export function missingDepsMessage(missing: Requirement[]): string {
  const packages = [...new Set(missing.map((m) => m.aptPackage))];
  return (
    `Cannot build Fluent Bit: ${listWords(missing.map((m) => m.what))} ${missing.length === 1 ? 'is' : 'are'} missing. ` +
    `On Debian/Ubuntu install them with 'sudo apt-get install -y ${packages.join(' ')}', or set 'install-deps: true'.`
  );
}

/** Throws a BuildError naming everything missing; warns about optional things; returns the compiler and whether Ninja is there. */
export async function preflight(io: BuildIO, opts: PreflightOptions): Promise<Toolchain> {
  const result = await checkBuildDeps(io, opts);
  for (const o of result.absentOptional) io.warning(`${o.what} not found (${o.optional}); apt package ${o.aptPackage}.`);
  if (result.missing.length > 0) throw new BuildError(missingDepsMessage(result.missing));
  return { compiler: result.compiler, ninja: result.ninja, cmakeVersion: result.cmakeVersion };
}

/** apt-get installs packages (through sudo when not root) inside a log group. Throws a BuildError when it cannot. */
export async function aptInstall(io: BuildIO, packages: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; isRoot: boolean }): Promise<void> {
  const exec: LineExec = (cmd, args, o) => io.exec(cmd, args, { cwd: opts.cwd, env: o.env, onLine: o.onLine });
  await io.group(`Installing ${packages.join(' ')}`, async () => {
    try {
      await sharedAptInstall(exec, packages, { env: opts.env, isRoot: opts.isRoot, onLine: (l) => io.info(l) });
    } catch (e) {
      if (!(e instanceof AptError)) throw e;
      throw new BuildError(`Cannot install ${packages.join(' ')}: ${e.message}${e.reason === 'failed' ? '' : ". 'install-deps' works on Debian/Ubuntu runners only."}`);
    }
  });
}

/** Preflight; with install-deps, apt-get what is missing (and Ninja, which builds faster) and look again. */
export async function ensureBuildDeps(io: BuildIO, settings: BuildSettings, opts: { cwd: string; env: NodeJS.ProcessEnv; isRoot: boolean }): Promise<Toolchain> {
  const pre = { cwd: opts.cwd, env: opts.env, cmakeOptions: settings.cmakeOptions };
  if (settings.installDeps) {
    const first = await checkBuildDeps(io, pre);
    const wanted = [...first.missing, ...first.absentOptional].map((m) => m.aptPackage);
    if (!first.ninja && userGenerator(settings.cmakeOptions) === null) wanted.push('ninja-build');
    // g++ too: Fluent Bit builds its C++ parts (simdutf) only when a C++ compiler is found.
    if (first.missing.length > 0) await aptInstall(io, [...new Set([...wanted, ...(first.compiler ? [] : ['g++'])])], opts);
    else if (wanted.length > 0) await aptInstall(io, [...new Set(wanted)], opts).catch((e: Error) => io.warning(e.message));
    const again = await checkBuildDeps(io, pre);
    if (again.missing.length > 0) throw new BuildError(`${missingDepsMessage(again.missing)} (apt-get install did not provide them)`);
    return { compiler: again.compiler, ninja: again.ninja, cmakeVersion: again.cmakeVersion };
  }
  return preflight(io, pre);
}
