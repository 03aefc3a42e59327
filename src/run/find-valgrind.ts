import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RunError, ValgrindNotFoundError } from './errors.ts';
import { AptError, aptInstall } from '../system/apt.ts';
import { execLines } from '../system/exec.ts';
import { onPath } from '../system/which.ts';

const execFileAsync = promisify(execFile);

const HOW_TO_INSTALL =
  "Install it first (Debian/Ubuntu: 'sudo apt-get install -y valgrind'), or set 'install-valgrind: true' to let the action install it";

export interface FoundValgrind {
  /** Absolute path of the valgrind launcher. */
  path: string;
  /** As `valgrind --version` prints it, without the prefix: `3.19.0`. */
  version: string;
}

/** Finds `valgrind` on PATH and reads its version; throws ValgrindNotFoundError saying how to install it. */
export async function findValgrind(env: NodeJS.ProcessEnv = process.env): Promise<FoundValgrind> {
  const found = await onPath('valgrind', env);
  if (found === null) throw new ValgrindNotFoundError(`Valgrind was not found on PATH. ${HOW_TO_INSTALL}.`);
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(found, ['--version'], { env, timeout: 30_000 }));
  } catch (e) {
    const detail = ((e as { stderr?: string }).stderr ?? '').trim() || (e as Error).message;
    throw new ValgrindNotFoundError(`Valgrind at ${found} does not run ('valgrind --version' failed: ${detail}). Reinstall it. ${HOW_TO_INSTALL}.`);
  }
  const version = /valgrind-(\S+)/.exec(stdout)?.[1];
  if (version === undefined) throw new ValgrindNotFoundError(`${found} --version printed '${stdout.trim()}', not a Valgrind version. ${HOW_TO_INSTALL}.`);
  return { path: found, version };
}

/**
 * Installs Valgrind with apt-get (update, then install), through `sudo -n` when we are
 * not root, streaming apt-get's output to the log. Only call it when the user asked for
 * it (`install-valgrind: true`).
 */
export async function installValgrind(log: { info(msg: string): void }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await aptInstall((cmd, args, o) => execLines(cmd, args, o), ['valgrind'], { env, isRoot: process.getuid?.() === 0, onLine: (l) => log.info(l) });
  } catch (e) {
    if (!(e instanceof AptError)) throw e;
    if (e.reason === 'no-apt-get') {
      throw new ValgrindNotFoundError("'install-valgrind' uses apt-get, which this system does not have; install Valgrind with the system's package manager before this step");
    }
    if (e.reason === 'no-sudo') throw new ValgrindNotFoundError("'install-valgrind' needs root or sudo to run apt-get; install Valgrind before this step");
    throw new RunError(`Installing Valgrind failed: ${e.message}`);
  }
}
