import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readBuildFlags } from './build-flags.ts';
import type { BuildCache, BuildIO } from './types.ts';

/** Written next to the binary: what it was built from, so an unchanged tree is not rebuilt. */
export const MARKER = 'flb-valgrind-build.json';

export interface Marker {
  key: string;
  version?: string;
  cmakeOptions: string[];
}

/** The binary's version when the build dir's marker says it was built with this key; undefined otherwise. */
export async function reusableBinary(io: BuildIO, markerFile: string, binary: string, key: string): Promise<string | undefined> {
  const marker = await readMarker(markerFile);
  if (marker?.key !== key || !existsSync(binary)) return undefined;
  return (await readVersion(io, binary, path.dirname(markerFile))) ?? '';
}

/** Restores the binary and its marker for exactly this key; its version when it came back whole. */
export async function restoreBinary(io: BuildIO, cache: BuildCache, paths: string[], key: string, markerFile: string, binary: string): Promise<string | undefined> {
  const hit = await cache.restore(paths, key, []).catch((e: Error) => {
    io.warning(`Could not restore a cached binary: ${e.message}`);
    return undefined;
  });
  if (hit !== key) return undefined;
  const version = await reusableBinary(io, markerFile, binary, key);
  if (version === undefined) io.warning(`The cached binary for ${key} did not come back whole: building.`);
  return version;
}

/** The marker of an earlier build in this build dir, or null. */
export async function readMarker(file: string): Promise<Marker | null> {
  try {
    const data: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    if (typeof data === 'object' && data !== null && 'key' in data && typeof data.key === 'string') {
      const options = 'cmakeOptions' in data && Array.isArray(data.cmakeOptions) ? data.cmakeOptions.filter((o): o is string => typeof o === 'string') : [];
      return { key: data.key, cmakeOptions: options };
    }
  } catch {
    // No marker, or not ours: build.
  }
  return null;
}

/** `fluent-bit --version`'s first line ("Fluent Bit v5.1.1"), or undefined when it does not answer. */
export async function readVersion(io: BuildIO, binary: string, cwd: string): Promise<string | undefined> {
  const lines: string[] = [];
  const code = await io.exec(binary, ['--version'], { cwd, onLine: (l) => lines.push(l) }).catch(() => -1);
  const first = lines.find((l) => l.trim() !== '')?.trim();
  return code === 0 ? first : undefined;
}

/** Reads `fluent-bit -h`'s build flags; warns when FLB_HAVE_VALGRIND is not among them. */
export async function checkValgrindSupport(io: BuildIO, binary: string, cwd: string): Promise<string[] | null> {
  const flags = await readBuildFlags(io, binary, cwd);
  if (flags !== null && !flags.includes('FLB_HAVE_VALGRIND')) {
    io.warning(`${binary} was built without FLB_HAVE_VALGRIND (not listed under Build Flags in 'fluent-bit -h'): memcheck will report false errors from coroutine stack switches.`);
  }
  return flags;
}


/** Writes the marker that lets the next run reuse this binary. */
export async function writeMarker(file: string, marker: Marker): Promise<void> {
  await fs.writeFile(file, `${JSON.stringify(marker, null, 2)}\n`);
}
