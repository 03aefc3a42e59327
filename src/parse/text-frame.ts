/**
 * The `at`/`by` lines of a Valgrind text log, in every form it prints:
 * `at 0x4001177: main (invalid_rw.c:6)`, `by 0x48417B4: malloc (in /usr/lib/x.so)`,
 * `by 0x1: ???`, `at 0x........: fn (dir/file.c:12)` (filtered or --fullpath-after),
 * `by 0x5270250: (below main) (libc_start_call_main.h:74)`.
 */
import type { Frame } from '../model/report.ts';

const FRAME = /^\s+(?:at|by) (?:0x[0-9A-Fa-f.]+: )?(.*)$/;
const WHERE = /^(.*) \((?:in ([^()]*)|([^()]*):(\d+))\)$/;
const NON_ASCII = /[\x80-\xff]/;

/** Text read as latin1 back to UTF-8 (invalid bytes become U+FFFD). */
export function fromLatin1(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Parses one `at`/`by` line; undefined for any other line. */
export function parseFrameLine(line: string): Frame | undefined {
  const m = FRAME.exec(line);
  if (!m) return undefined;
  const body = fromLatin1(m[1] ?? '');
  const w = WHERE.exec(body);
  if (!w) return { fn: body };
  const frame: Frame = { fn: w[1] ?? '???' };
  if (w[2] !== undefined) {
    frame.obj = w[2];
    return frame;
  }
  const path = w[3] ?? '';
  const slash = path.lastIndexOf('/');
  if (slash >= 0) {
    frame.dir = path.slice(0, slash);
    frame.file = path.slice(slash + 1);
  } else {
    frame.file = path;
  }
  frame.line = Number(w[4]);
  return frame;
}
