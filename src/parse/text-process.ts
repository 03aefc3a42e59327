/**
 * One process's lines of a Valgrind text log (the `==PID==` prefix already removed):
 * header, error and loss records with their stacks, HEAP/LEAK/ERROR SUMMARY.
 */
import type { Frame, Leak, MemError } from '../model/report.ts';
import type { LeakSummary, ProcessResult } from './process-builder.ts';
import { ProcessBuilder, zeroLeakSummary } from './process-builder.ts';
import { parseFrameLine } from './text-frame.ts';
import type { LossRecordLine } from './valgrind-text.ts';
import { errorKindOf, parseCount, parseLossRecord, parseSummaryLine, parseVersionLine } from './valgrind-text.ts';

interface TextRecord {
  what: string;
  loss: LossRecordLine | undefined;
  /** A repeat from the -s listing ("N errors in context i of M"): its count, not a new context. */
  listedCount: number | undefined;
  stack: Frame[];
  auxwhat?: string;
  auxStack?: Frame[];
  /** Where `at`/`by` lines go: the stack, then the first auxiliary stack, then nowhere. */
  sink: Frame[] | undefined;
}

const CLIENT_SWITCHING = 'Warning: client switching stacks?';

/** The state of one PID while its lines stream in. */
export class TextProcess {
  readonly b = new ProcessBuilder();
  /** A line Valgrind writes was seen for this PID. */
  recognised = false;
  /** The entry the last finished record went into (a suppression block that follows belongs to it). */
  lastEntry: Leak | MemError | undefined;
  private rec: TextRecord | undefined;
  /** The current line starts no record but may be an error's headline if frames follow. */
  private candidate: string | undefined;
  private section: 'none' | 'leak' | 'fatal' = 'none';
  private leakDraft: LeakSummary | undefined;
  private heapSeen = false;
  private leakCheckDone = false;
  private errorSummary: { errors: number; contexts: number } | undefined;
  private printedContexts = 0;
  private listedCount: number | undefined;

  constructor(pid: number) {
    this.b.pid = pid;
  }

  /** Handles one line without its prefix. */
  line(c: string): void {
    const c0 = c.charCodeAt(0);
    if (c0 === 32) {
      this.indented(c);
      return;
    }
    this.endRecord();
    this.candidate = undefined;
    if (c.length === 0) return;
    const loss = parseLossRecord(c);
    if (loss) {
      this.startRecord(c, loss);
      return;
    }
    this.headline(c);
  }

  private frame(frame: Frame): void {
    if (this.rec === undefined && this.candidate !== undefined) this.startRecord(this.candidate, undefined);
    this.candidate = undefined;
    this.rec?.sink?.push(frame);
  }

  private indented(c: string): void {
    const frame = c.charCodeAt(3) !== 32 ? parseFrameLine(c) : undefined; // "   at", "   by"
    if (frame) {
      this.frame(frame);
      return;
    }
    if (this.section === 'leak') {
      const s = parseSummaryLine(c);
      if (s && this.leakDraft) {
        this.leakDraft[s.key] = s.amount;
        // "suppressed" is the last line: only a whole summary replaces the records' totals.
        if (s.key === 'suppressed') this.b.summary = this.leakDraft;
      }
      return;
    }
    if (c.startsWith('    in use at exit:') || c.startsWith('malloc/free: in use at exit:')) {
      this.b.inUseAtExit = this.amount(c);
      return;
    }
    const rec = this.rec;
    if (rec && c.charCodeAt(1) !== 32) {
      // " Address 0x.. is 0 bytes after a block of size 40 alloc'd", then " Block was alloc'd at"
      if (rec.auxStack === undefined) {
        rec.auxwhat = c.trim();
        rec.sink = rec.auxStack = [];
      } else {
        rec.sink = undefined;
      }
    }
  }

  private amount(c: string): { bytes: number; blocks: number } {
    const m = /([\d,]+) bytes in ([\d,]+) blocks/.exec(c);
    return { bytes: parseCount(m?.[1] ?? ''), blocks: parseCount(m?.[2] ?? '') };
  }

  /** A non-indented line that is not a loss record. */
  private headline(c: string): void {
    this.section = 'none';
    if (c === 'HEAP SUMMARY:' || c.startsWith('searching for pointers to')) {
      this.heapSeen = this.recognised = true;
      this.b.resetLeaks(); // loss records before it came from leak checks requested mid-run
    } else if (c.startsWith('malloc/free: in use at exit:')) {
      this.heapSeen = this.recognised = true;
      this.b.inUseAtExit = this.amount(c);
    } else if (c === 'LEAK SUMMARY:') {
      this.section = 'leak';
      this.recognised = this.leakCheckDone = true;
      this.leakDraft = zeroLeakSummary();
    } else if (c.startsWith('All heap blocks were freed')) {
      this.recognised = this.leakCheckDone = true;
      this.b.summary = zeroLeakSummary();
    } else if (c.startsWith('ERROR SUMMARY:')) {
      const m = /^ERROR SUMMARY: ([\d,]+) errors? from ([\d,]+) contexts?/.exec(c);
      if (m) this.errorSummary = { errors: parseCount(m[1] ?? ''), contexts: parseCount(m[2] ?? '') };
      this.recognised = true;
    } else if (/^[\d,]+ errors? in context \d+ of \d+:$/.test(c)) {
      this.listedCount = parseCount(c);
    } else if (c.startsWith('Process terminating with default action of signal')) {
      this.b.fatalSignal = /\((SIG\w+)\)/.exec(c)?.[1] ?? c.slice(51).trim();
      this.section = 'fatal';
      this.recognised = true;
    } else if (this.header(c)) {
      this.recognised = true;
    } else if (c.startsWith(CLIENT_SWITCHING)) {
      this.warn('"client switching stacks?": the program switches stacks (coroutines) without telling Valgrind; errors near it are likely false (build Fluent Bit with -DFLB_VALGRIND=On)');
    } else if (!c.startsWith('Warning:') && !c.startsWith('Thread ') && !c.startsWith('FILE DESCRIPTORS') && !c.startsWith('Open ')) {
      this.candidate = c; // an error's headline if `at` frames follow
    }
  }

  private header(c: string): boolean {
    if (c.startsWith('Memcheck, a memory error detector')) this.b.tool = 'memcheck';
    else if (c.startsWith('Using ')) {
      const v = parseVersionLine(c);
      if (v === undefined) return false;
      this.b.valgrindVersion = v;
    } else if (c.startsWith('Command: ')) this.b.argv = c.slice(9).split(' ');
    else if (c.startsWith('Parent PID: ')) this.b.ppid = parseCount(c.slice(12));
    else return false;
    return true;
  }

  warn(w: string): void {
    if (!this.b.warnings.includes(w)) this.b.warnings.push(w);
  }

  private startRecord(what: string, loss: LossRecordLine | undefined): void {
    const stack: Frame[] = [];
    this.rec = { what, loss, listedCount: this.listedCount, stack, sink: stack };
    this.listedCount = undefined;
    this.section = 'none';
    this.recognised = true;
  }

  /** Ends the record being read (at a blank or non-indented line, or the end of input). */
  endRecord(): void {
    const rec = this.rec;
    if (!rec) return;
    this.rec = undefined;
    if (rec.loss) {
      if (rec.listedCount !== undefined) return;
      const { kind, direct, indirect, blocks } = rec.loss;
      this.lastEntry = this.b.addLeak({ kind, direct: direct || 0, indirect: indirect || 0, blocks: blocks || 0, stack: rec.stack });
      return;
    }
    const kind = errorKindOf(rec.what);
    if (rec.listedCount !== undefined) {
      const e = this.b.findError(kind, rec.stack);
      if (e) e.count = Math.max(e.count, rec.listedCount);
      return;
    }
    const r = { kind, what: rec.what, stack: rec.stack, ...(rec.auxwhat !== undefined ? { auxwhat: rec.auxwhat, auxStack: rec.auxStack ?? [] } : {}) };
    this.lastEntry = this.b.addError(r, 1);
    this.printedContexts++;
  }

  /** Completeness, error count and the process report. */
  finish(file: string): ProcessResult {
    this.endRecord();
    const b = this.b;
    if (this.errorSummary === undefined) {
      b.incompleteReasons.push(
        `${file}: pid ${b.pid}: the log ends before Valgrind's ERROR SUMMARY: the process was killed or is still running, or Valgrind ran with -q`,
      );
    } else {
      // Leak records count as error contexts of one occurrence each; the rest are memory errors.
      const errors = this.errorSummary.errors - this.errorSummary.contexts + this.printedContexts;
      if (errors >= 0) b.errorsTotal = errors;
      if (!this.leakCheckDone) {
        b.incompleteReasons.push(
          this.heapSeen
            ? `${file}: pid ${b.pid}: no LEAK SUMMARY: Valgrind ran with --leak-check=no`
            : `${file}: pid ${b.pid}: no HEAP SUMMARY: the leak check did not run`,
        );
      }
    }
    return b.finish(file, 'text', this.errorSummary !== undefined && this.leakCheckDone);
  }
}
