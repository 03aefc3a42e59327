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

/** Parses one `at`/`by` line (already UTF-8); undefined for any other line. */
export function parseFrameLine(line: string): Frame | undefined {
  return parseFrameAt(line, 0, line.length);
}

/**
 * parseFrameLine on s[start, end), with index arithmetic rather than regular expressions:
 * this is the hottest line of a log. (Reading frames in place from the whole chunk, without
 * the line's copy, measured 10% slower: V8's searches on the long string cost more.)
 */
function parseFrameAt(s: string, start: number, end: number): Frame | undefined {
  let i = start;
  while (s.charCodeAt(i) === 32 && i < end) i++;
  const c = s.charCodeAt(i);
  const atOrBy = (c === 97 && s.charCodeAt(i + 1) === 116) || (c === 98 && s.charCodeAt(i + 1) === 121);
  if (i === start || !atOrBy || s.charCodeAt(i + 2) !== 32 || i + 3 > end) return undefined;
  i += 3;
  if (s.charCodeAt(i) === 48 && s.charCodeAt(i + 1) === 120) {
    const colon = s.indexOf(': ', i); // "0x4001177: " (or the filtered "0x........: ")
    if (colon < 0 || colon + 2 > end) return undefined;
    i = colon + 2;
  }
  const open = s.charCodeAt(end - 1) === 41 ? s.lastIndexOf(' (', end - 1) : -1;
  if (open < i) return { fn: s.slice(i, end) };
  const where = open + 2;
  if (s.startsWith('in ', where)) return { fn: s.slice(i, open), obj: s.slice(where + 3, end - 1) };
  const colon = s.lastIndexOf(':', end - 2);
  if (colon < where || colon >= end - 2) return { fn: s.slice(i, end) };
  let n = 0;
  for (let k = colon + 1; k < end - 1; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return { fn: s.slice(i, end) }; // "fn (something else)"
    n = n * 10 + d;
  }
  const frame: Frame = { fn: s.slice(i, open) };
  const slash = s.lastIndexOf('/', colon);
  if (slash >= where) {
    frame.dir = s.slice(where, slash); // --fullpath-after, or a path in the debug info
    frame.file = s.slice(slash + 1, colon);
  } else {
    frame.file = s.slice(where, colon);
  }
  frame.line = n;
  return frame;
}
