import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { RunError, ValgrindNotFoundError } from './errors.ts';

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
 * not root. Only call it when the user asked for it (`install-valgrind: true`).
 */
export async function installValgrind(log: { info(msg: string): void }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const aptGet = await onPath('apt-get', env);
  if (aptGet === null) {
    throw new ValgrindNotFoundError(
      "'install-valgrind' uses apt-get, which this system does not have; install Valgrind with the system's package manager before this step",
    );
  }
  const root = process.getuid?.() === 0;
  const sudo = root ? null : await onPath('sudo', env);
  if (!root && sudo === null) {
    throw new ValgrindNotFoundError("'install-valgrind' needs root or sudo to run apt-get; install Valgrind before this step");
  }
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'valgrind']]) {
    const argv = sudo === null ? [aptGet, ...args] : [sudo, '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', aptGet, ...args];
    log.info(`$ ${argv.join(' ')}`);
    await runLogged(argv, aptEnv, log);
  }
}

/** Runs a command, passing its output to the log a line at a time; throws RunError with its last lines on failure. */
async function runLogged(argv: string[], env: NodeJS.ProcessEnv, log: { info(msg: string): void }): Promise<void> {
  const [file, ...args] = argv as [string, ...string[]];
  const last: string[] = [];
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  const onData = (chunk: Buffer): void => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      log.info(line);
      last.push(line);
      if (last.length > 20) last.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const status = await new Promise<number | string>((resolve) => {
    child.once('error', (e) => resolve(e.message));
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  if (pending !== '') last.push(pending);
  if (status !== 0) {
    throw new RunError(`'${argv.join(' ')}' failed (${status}) while installing Valgrind:\n${last.join('\n')}`);
  }
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.resolve(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
