import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Annotation, BuildIO, ExecOptions } from './types.ts';

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

/** Runs a command with node:child_process; resolves with its exit code (128+n when killed by signal n). */
export function execWithNode(cmd: string, args: string[], opts: ExecOptions): Promise<number> {
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
      resolve(code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  return os.constants.signals[signal];
}

/** A BuildIO for the CLI and tests: processes through node:child_process, messages to `out` (stderr by default). */
export function nodeBuildIO(out: { write(s: string): unknown } = process.stderr): BuildIO {
  return {
    exec: execWithNode,
    async group(name, fn) {
      out.write(`== ${name}\n`);
      try {
        return await fn();
      } finally {
        out.write(`== end of ${name}\n`);
      }
    },
    info: (msg) => void out.write(`${msg}\n`),
    warning: (msg) => void out.write(`warning: ${msg}\n`),
    annotate: (a: Annotation) => void out.write(`${a.file}:${a.line}${a.col ? `:${a.col}` : ''}: ${a.level}: ${a.message}\n`),
  };
}
