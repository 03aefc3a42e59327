import { access, constants, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RunError } from './errors.ts';
import type { RunPlan } from './plan.ts';

/** Names of the XML files Valgrind writes with XML_FILE_PATTERN. */
const XML_FILE = /^valgrind\.\d+\.xml$/;

/**
 * Checks what would otherwise fail inside Valgrind with a less helpful message, creates
 * the out-dir and removes XML files an earlier run left there.
 */
export async function preflight(plan: RunPlan): Promise<void> {
  await mkdir(plan.outDir, { recursive: true });
  if (!(await stat(plan.cwd).catch(() => null))?.isDirectory()) {
    throw new RunError(`The working directory '${plan.cwd}' does not exist; check 'working-directory'`);
  }
  if (plan.program.includes('/')) {
    const program = path.resolve(plan.cwd, plan.program);
    try {
      await access(program, constants.X_OK);
    } catch {
      throw new RunError(`The program '${program}' does not exist or is not executable; check 'binary' (or the build stage's output)`);
    }
  }
  for (const arg of plan.valgrindArgs) {
    if (!arg.startsWith('--suppressions=')) continue;
    const file = path.resolve(plan.cwd, arg.slice('--suppressions='.length));
    try {
      await access(file, constants.R_OK);
    } catch {
      throw new RunError(`The suppressions file '${file}' does not exist or is not readable; check 'suppressions'`);
    }
  }
  // Files of an earlier run would be read as this run's processes.
  for (const name of await readdir(plan.outDir)) {
    if (XML_FILE.test(name)) await rm(path.join(plan.outDir, name), { force: true });
  }
}

/** The XML files Valgrind wrote into the out-dir, parent processes usually first. */
export async function listXmlFiles(outDir: string): Promise<string[]> {
  // By process id, so a parent usually comes before the children it forked.
  const names = (await readdir(outDir)).filter((name) => XML_FILE.test(name)).sort((a, b) => pidOf(a) - pidOf(b));
  const files: string[] = [];
  for (const name of names) {
    const file = path.join(outDir, name);
    if ((await stat(file).catch(() => null))?.isFile()) files.push(file);
  }
  return files;
}

function pidOf(xmlName: string): number {
  return Number(xmlName.split('.')[1]);
}

/** The process id in an XML file's path: `/out/valgrind.123.xml` → 123. */
export function pidOfXml(file: string): number {
  return pidOf(path.basename(file));
}

