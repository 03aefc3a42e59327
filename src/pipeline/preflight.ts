import { stat } from 'node:fs/promises';
import type { RunSettings } from '../settings/types.ts';
import { SettingsError } from '../settings/errors.ts';
import { findValgrind, installValgrind } from '../run/find-valgrind.ts';
import { isExecutable, onPath } from '../system/which.ts';

/**
 * Checks, before anything runs, that the files the inputs name exist: the program
 * (a bare name is looked up on PATH, as a shell would), the config, the suppression
 * files and the working directory. Returns the program to run.
 */
export async function ensureProgram(run: RunSettings, built: string | null): Promise<string> {
  const problems: string[] = [];
  const program = run.binary ?? built;
  if (program === null) throw new SettingsError(["'binary' is required unless 'build' is true"]);
  const found = program.includes('/') ? ((await isExecutable(program)) ? program : null) : await onPath(program);
  if (found === null) {
    problems.push(
      program.includes('/')
        ? `'binary' ${program} does not exist or is not executable; build it first (or set 'build: true')`
        : `'binary' ${program} was not found on PATH; give a path such as build/bin/fluent-bit`,
    );
  }
  if (run.config !== null && !(await isFile(run.config))) problems.push(`'config' ${run.config} does not exist`);
  for (const s of run.suppressions) if (!(await isFile(s))) problems.push(`'suppressions' ${s} does not exist`);
  if (!(await isDirectory(run.workingDirectory))) problems.push(`'working-directory' ${run.workingDirectory} is not a directory`);
  if (found === null || problems.length > 0) throw new SettingsError(problems);
  return found;
}

/** Finds Valgrind, installing it first when it is missing and the user consented. */
export async function ensureValgrind(install: boolean, log: { info(m: string): void }): Promise<{ path: string; version: string }> {
  try {
    return await findValgrind();
  } catch (e) {
    if (!install) throw e;
    log.info('Valgrind is missing: installing it with apt-get (install-valgrind: true)');
    await installValgrind(log);
    return findValgrind();
  }
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}
