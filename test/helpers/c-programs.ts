import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the shared test programs live: test/programs/NAME.c. */
export const PROGRAMS_DIR = fileURLToPath(new URL('../programs/', import.meta.url));

let outDir: Promise<string> | null = null;
const built = new Map<string, Promise<string>>();

/**
 * Compiles a C program with `gcc -g -O0` (debug info for Valgrind's stacks, nothing
 * optimised away) into a temporary directory and returns the binary's path. `source` is
 * a name in test/programs (`leaky-daemon`) or a path to a .c file. Cached per test
 * process, also while a compile is under way; extra gcc flags make a separate binary.
 */
export function compileProgram(source: string, extraFlags: string[] = []): Promise<string> {
  const file = source.endsWith('.c') ? path.resolve(source) : path.join(PROGRAMS_DIR, `${source}.c`);
  const key = [file, ...extraFlags].join('\0');
  let binary = built.get(key);
  if (binary === undefined) {
    binary = compile(file, extraFlags, built.size);
    built.set(key, binary);
    binary.catch(() => built.delete(key));
  }
  return binary;
}

async function compile(file: string, extraFlags: string[], n: number): Promise<string> {
  outDir ??= mkdtemp(path.join(os.tmpdir(), 'flb-vg-programs-'));
  const out = path.join(await outDir, `${path.basename(file, '.c')}-${n}`);
  try {
    await run('gcc', ['-g', '-O0', '-Wall', '-o', out, file, ...extraFlags]);
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`gcc could not compile ${file}:\n${stderr || (e as Error).message}`);
  }
  return out;
}
