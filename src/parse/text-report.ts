/**
 * Valgrind text logs (`--log-file`, or stderr with the program's output interleaved) into
 * per-process results, streaming: feed Buffers split anywhere, then call end().
 *
 * Lines prefixed `==PID==` are Valgrind's, one process per PID (several may share a file);
 * `--PID--` lines are its verbose output (used_suppression). Once a prefixed line has been
 * seen, unprefixed lines are the program's, except `{ ... }` blocks of --gen-suppressions,
 * which Valgrind prints without prefix after the record they belong to. A log with no
 * prefix at all (Valgrind's regression .exp files) is read as one process with PID 0.
 */
import { isAscii } from 'node:buffer';
import type { ProcessResult } from './process-builder.ts';
import { own } from './process-builder.ts';
import { fromLatin1 } from './text-frame.ts';
import { TextProcess } from './text-process.ts';
import { parseCount } from './valgrind-text.ts';

/** Longest line kept; longer ones are program output, dropped. */
const MAX_LINE = 1 << 20;

/** Parses one text log, chunk by chunk, into one result per PID. */
export class TextReportParser {
  private carry = '';
  private carryAscii = true;
  private ascii = true;
  private readonly procs = new Map<number, TextProcess>();
  private prefixed = false;
  private last: TextProcess | undefined;
  private supp: string[] | undefined;
  readonly suppressionFiles: string[] = [];

  constructor(private readonly file: string) {}

  /** Whether any line Valgrind writes was found. */
  get isValgrind(): boolean {
    for (const p of this.procs.values()) if (p.recognised) return true;
    return false;
  }

  write(chunk: Buffer): void {
    const s = this.carry.length > 0 ? this.carry + chunk.toString('latin1') : chunk.toString('latin1');
    // Lines are read as latin1 (a copy, never an error) and turned back into UTF-8 only in
    // chunks that have a byte above 0x7f: most logs are ASCII.
    this.ascii = (this.carry.length === 0 || this.carryAscii) && isAscii(chunk);
    let pos = 0;
    for (;;) {
      const nl = s.indexOf('\n', pos);
      if (nl < 0) break;
      this.line(s, pos, s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      pos = nl + 1;
    }
    this.carry = s.length - pos > MAX_LINE ? '' : s.slice(pos);
    this.carryAscii = this.ascii;
  }

  /** The processes read, in the order their first line appeared. */
  end(): ProcessResult[] {
    if (this.carry.length > 0) this.line(this.carry, 0, this.carry.length);
    this.carry = '';
    this.endSuppression();
    const out: ProcessResult[] = [];
    for (const p of this.procs.values()) if (p.recognised) out.push(p.finish(this.file));
    return out;
  }

  private proc(pid: number): TextProcess {
    let p = this.procs.get(pid);
    if (!p) {
      p = new TextProcess(pid);
      this.procs.set(pid, p);
    }
    return p;
  }

  /** The line s[start, end). */
  private line(s: string, start: number, end: number): void {
    if (this.prefixedAt(s, start, end)) return;
    if (this.prefixed) {
      // The program's output can precede Valgrind's on the same line (stderr shared, no newline).
      const k = s.indexOf('==', start);
      if (k > start && k < end && this.prefixedAt(s, k, end)) return;
    }
    const l = this.text(s, start, end);
    if (this.supp !== undefined || l === '{') {
      this.suppressionLine(l);
      return;
    }
    if (!this.prefixed) {
      this.last = this.proc(0);
      this.last.line(l);
    }
  }

  private text(s: string, start: number, end: number): string {
    const t = s.slice(start, end);
    return this.ascii ? t : fromLatin1(t);
  }

  /** Handles "==123== text" or "--123-- text" at s[at, end); false if there is no prefix there. */
  private prefixedAt(s: string, at: number, end: number): boolean {
    const c0 = s.charCodeAt(at);
    if ((c0 !== 61 && c0 !== 45) || s.charCodeAt(at + 1) !== c0) return false;
    let pid = 0;
    let k = at + 2;
    for (; k < end; k++) {
      const d = s.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      pid = pid * 10 + d;
    }
    if (k === at + 2 || s.charCodeAt(k) !== c0 || s.charCodeAt(k + 1) !== c0) return false;
    const from = Math.min(s.charCodeAt(k + 2) === 32 ? k + 3 : k + 2, end);
    this.prefixedLine(this.enter(pid), c0 === 45, this.text(s, from, end));
    return true;
  }

  /** The process of a prefixed line: the last one seen, for the suppression blocks that follow. */
  private enter(pid: number): TextProcess {
    if (!this.prefixed) {
      this.prefixed = true;
      const bare = this.procs.get(0);
      if (bare && !bare.recognised) this.procs.delete(0); // program output before Valgrind's first line
    }
    this.endSuppression();
    const p = this.proc(pid);
    this.last = p;
    return p;
  }

  private prefixedLine(p: TextProcess, verbose: boolean, c: string): void {
    if (!verbose) {
      if (c === '{') this.suppressionLine(c);
      else p.line(c);
      return;
    }
    // --PID-- used_suppression:     63 name file.supp:2 suppressed: 208,235 bytes in 222 blocks
    const used = /^used_suppression:\s+([\d,]+) (\S+)(?: (\S+):\d+)?/.exec(c);
    if (used) {
      p.b.suppressions.push({ name: own(used[2] ?? ''), count: parseCount(used[1] ?? '') });
      this.suppressionFile(used[3]);
    } else if (c.startsWith('Reading suppressions file: ')) {
      this.suppressionFile(c.slice(27));
    }
  }

  /** A user's suppressions file (Valgrind's own default.supp is not the user's to prune). */
  private suppressionFile(f: string | undefined): void {
    if (f === undefined || f.endsWith('/default.supp') || this.suppressionFiles.includes(f)) return;
    this.suppressionFiles.push(f);
  }

  private suppressionLine(l: string): void {
    if (this.supp === undefined) {
      this.last?.endRecord();
      this.supp = [];
    }
    this.supp.push(l);
    if (l.trim() === '}') this.endSuppression();
  }

  private endSuppression(): void {
    const lines = this.supp;
    if (lines === undefined) return;
    this.supp = undefined;
    const entry = this.last?.lastEntry;
    if (entry && entry.suppression === undefined) entry.suppression = lines.join('\n');
  }
}
