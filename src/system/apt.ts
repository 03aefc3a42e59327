import { onPath } from './which.ts';

/** Runs a command, passing its output on line by line; resolves with its exit code, rejects when it cannot start. */
export type LineExec = (cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; onLine: (line: string) => void }) => Promise<number>;

/** Why apt-get could not install: no apt-get, neither root nor sudo, or a failing command. */
export class AptError extends Error {
  override name = 'AptError';
  constructor(
    readonly reason: 'no-apt-get' | 'no-sudo' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

const LAST_LINES = 20;

/**
 * `apt-get update` then `apt-get install -y --no-install-recommends PACKAGES`, non-interactive,
 * through `sudo -n` when not root (sudo drops the environment, so DEBIAN_FRONTEND goes on
 * its command line; GitHub's runners allow that). The one installer of the action: Valgrind,
 * build dependencies, ccache. Throws AptError; a failure's message ends with apt-get's last lines.
 */
export async function aptInstall(exec: LineExec, packages: string[], opts: { env: NodeJS.ProcessEnv; isRoot: boolean; onLine: (line: string) => void }): Promise<void> {
  if ((await onPath('apt-get', opts.env)) === null) throw new AptError('no-apt-get', 'apt-get was not found: this is not a Debian or Ubuntu system');
  if (!opts.isRoot && (await onPath('sudo', opts.env)) === null) throw new AptError('no-sudo', 'installing needs root, or sudo, and neither is available');
  const env = { ...opts.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', '--no-install-recommends', ...packages]]) {
    const [cmd, argv] = opts.isRoot ? ['apt-get', args] : ['sudo', ['-n', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]];
    const last: string[] = [];
    const onLine = (line: string): void => {
      opts.onLine(line);
      last.push(line);
      if (last.length > LAST_LINES) last.shift();
    };
    const shown = `${cmd} ${argv.join(' ')}`;
    let code: number;
    try {
      code = await exec(cmd, argv, { env, onLine });
    } catch (e) {
      throw new AptError('failed', `'${shown}' did not start: ${(e as Error).message}`);
    }
    if (code !== 0) {
      const hint = opts.isRoot ? '' : ' (not root: installing needs password-less sudo)';
      throw new AptError('failed', `'${shown}' failed with exit code ${code}${hint}${last.length > 0 ? `:\n${last.join('\n')}` : ''}`);
    }
  }
}
