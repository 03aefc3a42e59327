import { spawn } from 'node:child_process';
import os from 'node:os';

export interface ExecLinesOptions {
  cwd?: string;
  /** The whole environment of the child (default: ours). */
  env?: NodeJS.ProcessEnv;
  /** Each line the child prints, stdout and stderr interleaved, without the newline. */
  onLine?: (line: string) => void;
}

/** Calls onLine for each complete line of a stream; flush() emits the unterminated rest. */
function lineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; flush(): void } {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) onLine(p.endsWith('\r') ? p.slice(0, -1) : p);
    },
    flush() {
      if (rest !== '') onLine(rest);
      rest = '';
    },
  };
}

/**
 * Runs a command with node:child_process, passing its output on a line at a time.
 * Resolves with its exit code (128+n when killed by signal n); rejects only when it cannot start.
 */
export function execLines(cmd: string, args: string[], opts: ExecLinesOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = opts.onLine ?? (() => {});
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      out.flush();
      err.flush();
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}
