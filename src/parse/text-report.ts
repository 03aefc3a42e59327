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
import { fromLatin1 } from './text-frame.ts';
import { TextProcess } from './text-process.ts';
import { parseCount } from './valgrind-text.ts';

/** Longest line kept; longer ones are program output, dropped. */
const MAX_LINE = 1 << 20;

export class TextReportParser {
  private carry = '';
  private carryAscii = true;
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
    const ascii = (this.carry.length === 0 || this.carryAscii) && isAscii(chunk);
    let pos = 0;
    for (;;) {
      const nl = s.indexOf('\n', pos);
      if (nl < 0) break;
      const l = s.charCodeAt(nl - 1) === 13 ? s.slice(pos, nl - 1) : s.slice(pos, nl);
      this.line(ascii ? l : fromLatin1(l));
      pos = nl + 1;
    }
    this.carry = s.length - pos > MAX_LINE ? '' : s.slice(pos);
    this.carryAscii = ascii;
  }

  /** The processes read, in the order their first line appeared. */
  end(): ProcessResult[] {
    if (this.carry.length > 0) this.line(fromLatin1(this.carry));
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

  private line(l: string): void {
    if (this.prefixedAt(l, 0)) return;
    if (this.prefixed) {
      // The program's output can precede Valgrind's on the same line (stderr shared, no newline).
      const k = l.indexOf('==');
      if (k > 0 && this.prefixedAt(l, k)) return;
    }
    if (this.supp !== undefined || l === '{') {
      this.suppressionLine(l);
      return;
    }
    if (!this.prefixed) {
      this.last = this.proc(0);
      this.last.line(l);
    }
  }

  /** Handles "==123== text" or "--123-- text" starting at `at`; false if there is no prefix there. */
  private prefixedAt(l: string, at: number): boolean {
    const c0 = l.charCodeAt(at);
    if ((c0 !== 61 && c0 !== 45) || l.charCodeAt(at + 1) !== c0) return false;
    const close = l.indexOf(c0 === 61 ? '==' : '--', at + 2);
    if (close <= at + 2) return false;
    const pid = Number(l.slice(at + 2, close));
    if (!Number.isInteger(pid)) return false;
    this.prefixedLine(pid, c0 === 45, l.slice(l.charCodeAt(close + 2) === 32 ? close + 3 : close + 2));
    return true;
  }

  private prefixedLine(pid: number, verbose: boolean, c: string): void {
    if (!this.prefixed) {
      this.prefixed = true;
      const bare = this.procs.get(0);
      if (bare && !bare.recognised) this.procs.delete(0); // program output before Valgrind's first line
    }
    this.endSuppression();
    const p = this.proc(pid);
    this.last = p;
    if (!verbose) {
      if (c === '{') this.suppressionLine(c);
      else p.line(c);
      return;
    }
    // --PID-- used_suppression:     63 name file.supp:2 suppressed: 208,235 bytes in 222 blocks
    const m = /^used_suppression:\s+([\d,]+) (\S+)(?: (\S+):\d+)?/.exec(c);
    if (m) {
      p.b.suppressions.push({ name: m[2] ?? '', count: parseCount(m[1] ?? '') });
      if (m[3] !== undefined && !this.suppressionFiles.includes(m[3])) this.suppressionFiles.push(m[3]);
    }
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
