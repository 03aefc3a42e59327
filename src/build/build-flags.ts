import type { BuildIO } from './types.ts';

/**
 * The flags on the ` Build Flags = FLB_HAVE_X FLB_HAVE_Y ...` line that `fluent-bit -h`
 * ends with; null when the help has no such line (not Fluent Bit). Pure.
 */
export function parseBuildFlags(helpLines: string[]): string[] | null {
  for (const line of helpLines) {
    const m = /^\s*Build Flags\s*=?(.*)$/.exec(line);
    if (m) return (m[1] as string).split(/\s+/).filter((w) => w !== '');
  }
  return null;
}

/** Runs `binary -h` and reads its build flags (null when it prints none). */
export async function readBuildFlags(io: BuildIO, binary: string, cwd: string): Promise<string[] | null> {
  const lines: string[] = [];
  await io.exec(binary, ['-h'], { cwd, onLine: (l) => lines.push(l) }).catch(() => -1);
  return parseBuildFlags(lines);
}
