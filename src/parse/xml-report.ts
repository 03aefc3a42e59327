/**
 * Valgrind's XML (protocols 2-6, later ones read for what is known) into per-process
 * results, streaming: feed Buffers split anywhere, then call end().
 *
 * Tolerates what real files contain: the unclosed `<still_reachable>` of 3.26.0 (an end
 * tag closes every element opened inside it), headless fragments appended by a child
 * forked without exec (each `</valgrindoutput>` ends one process), `<status>` between
 * errors, unknown elements (ignored), truncation (the process is marked incomplete).
 */
import type { Leak, MemError } from '../model/report.ts';
import type { LeakSummary, ProcessResult } from './process-builder.ts';
import { ProcessBuilder, own, zeroLeakSummary } from './process-builder.ts';
import { parseCount, parseVersionLine } from './valgrind-text.ts';
import { ErrorCounts, XmlErrorReader, errorRecordOf, leakRecordOf } from './xml-error.ts';
import type { XmlSink, XmlText } from './xml-scanner.ts';
import { XmlScanner } from './xml-scanner.ts';

/** The newest protocol whose elements this parser knows. */
export const KNOWN_PROTOCOL = 6;

const SUMMARY_KEYS: Record<string, keyof LeakSummary> = {
  definitely_lost: 'definitelyLost',
  indirectly_lost: 'indirectlyLost',
  possibly_lost: 'possiblyLost',
  still_reachable: 'stillReachable',
  suppressed: 'suppressed',
};

/** Parses one XML file, chunk by chunk. */
export class XmlReportParser implements XmlSink {
  private readonly scanner = new XmlScanner(this);
  private readonly stack: string[] = [];
  private readonly results: ProcessResult[] = [];
  private readonly error = new XmlErrorReader();
  private proc: ProcessBuilder | undefined;
  private counts = new ErrorCounts();
  private sawRoot = false;
  private notValgrind = false;
  private rootClosed = false;
  private finished = false;
  private headless = false;
  private lastState: string | undefined;
  private suppressionText: string | undefined;
  private lastEntry: Leak | MemError | undefined;
  private summary: LeakSummary | undefined;
  private summaryHasNumbers = false;
  private pair = { count: 0, unique: '', name: '' };
  private vargv: string[] = [];
  private argv: string[] = [];
  private content: XmlText | undefined;
  /** The text of the element being closed ('' for one closed implicitly). */
  private readonly text = (): string => (this.content ? this.content.text() : '');

  constructor(private readonly file: string) {}

  write(chunk: Buffer): void {
    this.scanner.write(chunk);
  }

  /** Whether the input looked like Valgrind's XML at all (a `<valgrindoutput>` root). */
  get isValgrind(): boolean {
    return this.sawRoot && !this.notValgrind;
  }

  /** The processes read, in file order. */
  end(): ProcessResult[] {
    if (this.proc) this.finishProcess();
    return this.results;
  }

  /** Every `--suppressions=` file named in the processes' Valgrind arguments. */
  get suppressionFiles(): string[] {
    return [...new Set(this.vargv.filter((a) => a.startsWith('--suppressions=')).map((a) => a.slice(15)))];
  }

  open(name: string): void {
    if (this.notValgrind) return;
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      if (name === 'valgrindoutput') {
        this.startProcess(false);
        this.stack.push(name);
        return;
      }
      if (!this.sawRoot) {
        this.notValgrind = true;
        return;
      }
      this.startProcess(true); // a fragment after </valgrindoutput>: a forked child's report
      this.stack.push('valgrindoutput');
    }
    this.stack.push(name);
    if (this.error.active) {
      this.error.open(name, parent);
    } else if (name === 'error') {
      if (parent === 'valgrindoutput') this.error.begin();
    } else if (name === 'suppression') {
      this.suppressionText = undefined;
    } else if (name === 'leak_summary') {
      if (parent === 'valgrindoutput') this.summary = zeroLeakSummary();
    } else if (name === 'pair') {
      this.pair = { count: 0, unique: '', name: '' };
    }
  }

  close(name: string, content: XmlText): void {
    const stack = this.stack;
    if (stack[stack.length - 1] !== name) {
      const at = stack.lastIndexOf(name);
      if (at < 0) return; // a stray end tag
      while (stack.length > at + 1) this.closeElement(stack.pop() as string, undefined);
    }
    stack.pop();
    this.closeElement(name, content);
  }

  private closeElement(name: string, content: XmlText | undefined): void {
    const proc = this.proc;
    if (!proc) return;
    const parent = this.stack[this.stack.length - 1];
    this.content = content;
    if (this.error.active) {
      if (name === 'error' && parent === 'valgrindoutput') this.finishError(proc);
      else this.error.close(name, parent, this.text);
      return;
    }
    this.closeOther(name, parent, this.text, proc);
  }

  private closeOther(name: string, parent: string | undefined, text: () => string, proc: ProcessBuilder): void {
    switch (name) {
      case 'rawtext':
        this.suppressionText = text().trim();
        return;
      case 'suppression':
        // --gen-suppressions=all repeats each error's block at top level; keep one per record.
        if (this.lastEntry && this.lastEntry.suppression === undefined && this.suppressionText !== undefined) {
          this.lastEntry.suppression = own(this.suppressionText);
        }
        return;
      case 'bytes':
      case 'blocks':
        this.closeAmount(name, parent, parseCount(text()), proc);
        return;
      case 'leak_summary':
        if (this.summary && this.summaryHasNumbers) proc.summary = this.summary;
        this.summaryHasNumbers = false;
        this.summary = undefined;
        return;
      case 'all_heap_blocks_freed':
        if (text() === 'true' && !this.summary) proc.summary = zeroLeakSummary();
        return;
      case 'count':
        if (parent === 'pair') this.pair.count = parseCount(text());
        return;
      case 'unique':
        if (parent === 'pair') this.pair.unique = text();
        return;
      case 'name':
        if (parent === 'pair') this.pair.name = text();
        return;
      case 'pair':
        if (parent === 'errorcounts') this.counts.add(this.pair.unique, this.pair.count);
        else if (parent === 'suppcounts' && this.pair.name !== '') proc.suppressions.push({ name: own(this.pair.name), count: this.pair.count || 0 });
        return;
      case 'state':
        if (parent === 'status') this.closeState(text(), proc);
        return;
      case 'errors':
        if (parent === 'error_summary') {
          const n = parseCount(text());
          if (n === n) proc.errorSummaryErrors = n;
        }
        return;
      case 'signame':
        if (parent === 'fatal_signal') proc.fatalSignal = text();
        return;
      case 'line':
        if (parent === 'preamble') proc.valgrindVersion ??= parseVersionLine(text());
        return;
      case 'exe':
      case 'arg':
        if (parent === 'vargv') this.vargv.push(text());
        else if (parent === 'argv') this.argv.push(text());
        return;
      case 'argv':
        proc.argv = this.argv;
        return;
      case 'valgrindoutput':
        this.rootClosed = true;
        return;
    }
    if (parent === 'valgrindoutput') this.closeHeader(name, text, proc);
  }

  private closeHeader(name: string, text: () => string, proc: ProcessBuilder): void {
    const n = name === 'tool' ? Number.NaN : parseCount(text());
    if (name === 'tool') proc.tool = text();
    else if (n !== n || this.headless) return;
    else if (name === 'pid') proc.pid = n;
    else if (name === 'ppid') proc.ppid = n;
    else if (name === 'protocolversion') {
      proc.protocolVersion = n;
      if (n > KNOWN_PROTOCOL) {
        proc.warnings.push(`${this.file}: XML protocol ${n} is newer than ${KNOWN_PROTOCOL}; what this parser knows was read, the rest ignored`);
      }
    }
  }

  private closeAmount(name: 'bytes' | 'blocks', parent: string | undefined, n: number, proc: ProcessBuilder): void {
    if (n !== n) return; // filtered ("...") or garbled: not a number to use
    const key = SUMMARY_KEYS[parent ?? ''];
    if (key && this.summary && this.stack.includes('leak_summary')) {
      this.summary[key][name] = n;
      this.summaryHasNumbers = true;
    } else if (parent === 'memory_in_use_at_exit') {
      (proc.inUseAtExit ??= { bytes: 0, blocks: 0 })[name] = n;
    }
  }

  private closeState(state: string, proc: ProcessBuilder): void {
    this.lastState = state;
    if (state === 'FINISHED') {
      this.finished = true;
      // Loss records before FINISHED come from leak checks the program requested mid-run.
      proc.resetLeaks();
    }
  }

  private finishError(proc: ProcessBuilder): void {
    const err = this.error.end();
    if (!err) return;
    const leak = leakRecordOf(err);
    if (leak) {
      this.lastEntry = proc.addLeak(leak);
      return;
    }
    const entry = proc.addError(errorRecordOf(err), 0);
    this.lastEntry = entry;
    this.counts.register(err.unique, entry);
  }

  private startProcess(headless: boolean): void {
    if (this.proc) this.finishProcess();
    this.sawRoot = true;
    this.proc = new ProcessBuilder();
    this.headless = headless;
    this.rootClosed = this.finished = false;
    this.lastState = this.lastEntry = this.summary = undefined;
    this.error.end();
    this.counts = new ErrorCounts();
    this.argv = [];
    if (headless) {
      this.proc.warnings.push(
        `${this.file}: holds the reports of several processes (a child forked without exec writes into its parent's XML file, ` +
          'whichever exits first writing first); only the file header names a PID, so the reports after the first are given PID 0',
      );
    }
  }

  private finishProcess(): void {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    this.error.end(); // an <error> cut short is dropped: its stack, hence its identity, is partial
    this.counts.settle();
    if (!this.rootClosed) {
      proc.incompleteReasons.push(
        this.finished
          ? `${this.file}: the XML ends before </valgrindoutput>: the leak report is cut short (disk full, or Valgrind killed while writing it)`
          : `${this.file}: the XML ends before </valgrindoutput> (last state ${this.lastState ?? 'unknown'}): ` +
              'Valgrind was killed (SIGKILL?) or the disk filled before its leak check',
      );
    } else if (!this.finished) {
      proc.incompleteReasons.push(`${this.file}: Valgrind never reported the FINISHED state: the leak check may be missing`);
    }
    if (this.scanner.overflowed) proc.incompleteReasons.push(`${this.file}: a tag or text longer than 4 MiB was dropped: not Valgrind's XML`);
    if (!proc.summary) this.noteMissingTotals(proc);
    this.results.push(proc.finish(this.file, 'xml', this.rootClosed && this.finished));
  }

  /** Without a summary block, what Valgrind did not print is missing from the totals: say so. */
  private noteMissingTotals(proc: ProcessBuilder): void {
    if (proc.suppressions.some((s) => s.count > 0)) {
      proc.warnings.push(`${this.file}: suppressed leaks are not listed in XML without a summary block (protocol < 6 or -q): suppressed counted as 0`);
    }
    const flag =
      this.vargv.filter((a) => a.startsWith('--show-leak-kinds=') || a === '--show-reachable=yes').pop() ?? '--show-leak-kinds=definite,possible';
    if (flag === '--show-reachable=yes') return; // the old spelling of --show-leak-kinds=all
    const shown = flag.slice(18).split(',');
    // Indirectly lost blocks hang off definitely or possibly lost ones: with neither, there are none.
    const noRoots = !proc.hasLeakOf('definitelyLost') && !proc.hasLeakOf('possiblyLost') && shown.includes('definite') && shown.includes('possible');
    const hidden = ['definite', 'indirect', 'possible', 'reachable'].filter((k) => !shown.includes(k) && !(k === 'indirect' && noRoots));
    if (shown.includes('all') || hidden.length === 0) return;
    proc.warnings.push(
      `${this.file}: Valgrind ran with ${flag} and this XML has no summary block, so the ${hidden.join('/')} totals are not known ` +
        '(counted as 0); run with --show-leak-kinds=all',
    );
  }
}
