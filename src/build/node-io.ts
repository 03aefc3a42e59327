import { execLines } from '../system/exec.ts';
import type { Annotation, BuildIO, ExecOptions } from './types.ts';

/** Runs a command with node:child_process (see execLines); the BuildIO exec of the CLI and tests. */
export function execWithNode(cmd: string, args: string[], opts: ExecOptions): Promise<number> {
  return execLines(cmd, args, opts);
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
