import type { BuildIO } from './types.ts';

/** The C compiler CMake will pick up ($CC, else cc), as far as `--version` tells. */
export interface Compiler {
  /** The command: $CC or `cc`. */
  command: string;
  id: 'gcc' | 'clang' | 'unknown';
  /** e.g. `12.2.0`; empty when unknown. */
  version: string;
  major: number | null;
  /** `--version`'s first line, kept whole for cache keys. */
  banner: string;
}

/** Reads a compiler's identity from its `--version` output (pure). */
export function parseCompilerVersion(command: string, output: string): Compiler {
  const banner = output.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const id = /clang/i.test(banner) ? 'clang' : /\b(gcc|g\+\+|cc)\b|GCC|Free Software Foundation/.test(output) ? 'gcc' : 'unknown';
  // The version is the last dotted number on the banner: "gcc (Debian 12.2.0-14) 12.2.0", "clang version 16.0.6 (...)".
  const versions = [...banner.matchAll(/\b(\d+)\.(\d+)(?:\.(\d+))?\b/g)];
  const picked = id === 'clang' ? versions[0] : versions[versions.length - 1];
  const version = picked?.[0] ?? '';
  const major = picked ? Number(picked[1]) : null;
  return { command, id, version, major, banner };
}

/** Asks the compiler ($CC or cc) for its version; null when it does not run. */
export async function detectCompiler(io: BuildIO, cwd: string, env: NodeJS.ProcessEnv): Promise<Compiler | null> {
  const command = env.CC?.trim() || 'cc';
  const lines: string[] = [];
  try {
    const code = await io.exec(command, ['--version'], { cwd, env, onLine: (l) => lines.push(l) });
    if (code !== 0) return null;
  } catch {
    return null; // not installed: preflight names it
  }
  return parseCompilerVersion(command, lines.join('\n'));
}

/** gcc 12 and older cannot compile the simdutf that Fluent Bit bundles (its AVX-512 code). */
export function needsSimdutfOff(compiler: Compiler | null): boolean {
  return compiler?.id === 'gcc' && compiler.major !== null && compiler.major <= 12;
}
