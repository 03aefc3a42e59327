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
 * Index arithmetic rather than regular expressions: this is the hottest line of a log.
 */
export function parseFrameLine(line: string): Frame | undefined {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  const atOrBy = (c === 97 && line.charCodeAt(i + 1) === 116) || (c === 98 && line.charCodeAt(i + 1) === 121);
  if (i === 0 || !atOrBy || line.charCodeAt(i + 2) !== 32) return undefined;
  i += 3;
  if (line.charCodeAt(i) === 48 && line.charCodeAt(i + 1) === 120) {
    const colon = line.indexOf(': ', i); // "0x4001177: " (or the filtered "0x........: ")
    if (colon < 0) return undefined;
    i = colon + 2;
  }
  const end = line.length;
  const open = line.charCodeAt(end - 1) === 41 ? line.lastIndexOf(' (') : -1;
  if (open < i) return { fn: line.slice(i) };
  const where = open + 2;
  if (line.startsWith('in ', where)) return { fn: line.slice(i, open), obj: line.slice(where + 3, end - 1) };
  const colon = line.lastIndexOf(':', end - 2);
  if (colon < where || colon >= end - 2) return { fn: line.slice(i) };
  let n = 0;
  for (let k = colon + 1; k < end - 1; k++) {
    const d = line.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return { fn: line.slice(i) }; // "fn (something else)"
    n = n * 10 + d;
  }
  const frame: Frame = { fn: line.slice(i, open) };
  const slash = line.lastIndexOf('/', colon);
  if (slash >= where) {
    frame.dir = line.slice(where, slash); // --fullpath-after, or a path in the debug info
    frame.file = line.slice(slash + 1, colon);
  } else {
    frame.file = line.slice(where, colon);
  }
  frame.line = n;
  return frame;
}
