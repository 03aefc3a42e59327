/**
 * The `at`/`by` lines of a Valgrind text log, in every form it prints:
 * `at 0x4001177: main (invalid_rw.c:6)`, `by 0x48417B4: malloc (in /usr/lib/x.so)`,
 * `by 0x1: ???`, `at 0x........: fn (dir/file.c:12)` (filtered or --fullpath-after),
 * `by 0x5270250: (below main) (libc_start_call_main.h:74)`.
 */
import type { Frame } from '../model/report.ts';

const NON_ASCII = /[\x80-\xff]/;

/** Text read as latin1 back to UTF-8 (invalid bytes become U+FFFD). */
export function fromLatin1(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/**
 * Parses one `at`/`by` line (already UTF-8); undefined for any other line.
 * Plain string searches rather than regular expressions: this is the hottest line of a log.
 */
export function parseFrameLine(line: string): Frame | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  if (i === 0 || !(line.startsWith('at ', i) || line.startsWith('by ', i))) return undefined;
  i += 3;
  if (line.startsWith('0x', i)) {
    const colon = line.indexOf(': ', i);
    if (colon < 0) return undefined;
    i = colon + 2;
  }
  const body = line.slice(i);
  const open = body.endsWith(')') ? body.lastIndexOf(' (') : -1;
  if (open < 0) return { fn: body };
  const where = body.slice(open + 2, -1);
  const frame: Frame = { fn: body.slice(0, open) };
  if (where.startsWith('in ')) {
    frame.obj = where.slice(3);
    return frame;
  }
  const colon = where.lastIndexOf(':');
  const line_ = colon < 0 ? Number.NaN : Number(where.slice(colon + 1));
  if (!Number.isInteger(line_) || colon === where.length - 1) return { fn: body };
  const path = where.slice(0, colon);
  const slash = path.lastIndexOf('/');
  if (slash >= 0) {
    frame.dir = path.slice(0, slash);
    frame.file = path.slice(slash + 1);
  } else {
    frame.file = path;
  }
  frame.line = line_;
  return frame;
}
