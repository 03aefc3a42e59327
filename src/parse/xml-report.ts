/**
 * Valgrind's XML (protocols 2-6, later ones read for what is known) into per-process
 * results, streaming: feed Buffers split anywhere, then call end().
 *
 * Tolerates what real files contain: the unclosed `<still_reachable>` of 3.26.0 (an end
 * tag closes every element opened inside it), headless fragments appended by a child
 * forked without exec (each `</valgrindoutput>` ends one process), `<status>` between
 * errors, unknown elements (ignored), truncation (the process is marked incomplete).
 */
import type { Frame, Leak, MemError } from '../model/report.ts';
import type { ErrorRecord, LeakSummary, ProcessResult } from './process-builder.ts';
import { ProcessBuilder, zeroLeakSummary } from './process-builder.ts';
import { XML_LEAK_KINDS, parseCount, parseLossRecord, parseVersionLine } from './valgrind-text.ts';
import type { XmlSink, XmlText } from './xml-scanner.ts';
import { XmlScanner } from './xml-scanner.ts';

/** The newest protocol whose elements this parser knows. */
export const KNOWN_PROTOCOL = 6;

interface RawError extends ErrorRecord {
  unique: string;
  xwhat: string;
  leakedBytes?: number;
  leakedBlocks?: number;
  stacks: number;
}

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
  private proc: ProcessBuilder | undefined;
  private sawRoot = false;
  private notValgrind = false;
  private rootClosed = false;
  private finished = false;
  private headless = false;
  private lastState: string | undefined;
  private err: RawError | undefined;
  private frames: Frame[] | undefined;
  private frame: Frame | undefined;
  private suppressionText: string | undefined;
  private lastEntry: Leak | MemError | undefined;
  private summary: LeakSummary | undefined;
  private summaryHasNumbers = false;
  private pairCount = 0;
  private pairUnique = '';
  private pairName = '';
  private uniques = new Map<string, MemError>();
  private uncounted = new Set<string>();
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
    switch (name) {
      case 'frame':
        if (this.frames) this.frame = {};
        return;
      case 'stack':
        this.frames = undefined;
        if (this.err && parent === 'error') {
          if (this.err.stacks === 0) this.frames = this.err.stack;
          else if (this.err.stacks === 1) this.frames = this.err.auxStack = [];
          this.err.stacks++;
        }
        return;
      case 'error':
        if (parent === 'valgrindoutput') this.err = { kind: '', what: '', xwhat: '', unique: '', stack: [], stacks: 0 };
        return;
      case 'suppression':
        this.suppressionText = undefined;
        return;
      case 'leak_summary':
        if (parent === 'valgrindoutput') this.summary = zeroLeakSummary();
        return;
      case 'pair':
        this.pairCount = 0;
        this.pairUnique = this.pairName = '';
        return;
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
    const text = this.text;
    const frame = this.frame;
    switch (name) {
      case 'ip':
        return;
      case 'fn':
        if (frame) frame.fn = text();
        return;
      case 'obj':
        if (frame) frame.obj = text();
        return;
      case 'dir':
        if (frame) frame.dir = text();
        return;
      case 'file':
        if (frame) frame.file = text();
        return;
      case 'line':
        if (frame) {
          const n = Number.parseInt(text(), 10);
          if (n === n) frame.line = n;
        } else if (parent === 'preamble') {
          proc.valgrindVersion ??= parseVersionLine(text());
        }
        return;
      case 'frame':
        if (frame && this.frames) this.frames.push(frame);
        this.frame = undefined;
        return;
      case 'stack':
        this.frames = undefined;
        return;
    }
    const err = this.err;
    if (err && this.stack.includes('error')) {
      this.closeInError(name, parent, text, err);
      return;
    }
    this.closeOther(name, parent, text, proc);
  }

  private closeInError(name: string, parent: string | undefined, text: () => string, err: RawError): void {
    switch (name) {
      case 'kind':
        if (parent === 'error') err.kind = text();
        return;
      case 'what':
        if (parent === 'error') err.what = text();
        return;
      case 'text':
        if (parent === 'xwhat') err.xwhat = text();
        return;
      case 'leakedbytes':
        err.leakedBytes = parseCount(text());
        return;
      case 'leakedblocks':
        err.leakedBlocks = parseCount(text());
        return;
      case 'auxwhat':
        if (parent === 'error') err.auxwhat ??= text();
        return;
      case 'unique':
        if (parent === 'error') err.unique = text();
        return;
      case 'rawtext':
        this.suppressionText = text().trim();
        return;
      case 'suppression':
        if (this.suppressionText !== undefined) err.suppression = this.suppressionText;
        return;
    }
  }

  private closeOther(name: string, parent: string | undefined, text: () => string, proc: ProcessBuilder): void {
    switch (name) {
      case 'error':
        this.finishError();
        return;
      case 'rawtext':
        this.suppressionText = text().trim();
        return;
      case 'suppression':
        // --gen-suppressions=all repeats each error's block at top level; keep one per record.
        if (this.lastEntry && this.lastEntry.suppression === undefined && this.suppressionText !== undefined) {
          this.lastEntry.suppression = this.suppressionText;
        }
        return;
      case 'bytes':
      case 'blocks': {
        const key = SUMMARY_KEYS[parent ?? ''];
        const n = parseCount(text());
        if (n !== n) return; // filtered ("...") or garbled: not a number to use
        if (key && this.summary && this.stack.includes('leak_summary')) {
          this.summary[key][name] = n;
          this.summaryHasNumbers = true;
        } else if (parent === 'memory_in_use_at_exit') {
          (proc.inUseAtExit ??= { bytes: 0, blocks: 0 })[name] = n;
        }
        return;
      }
      case 'leak_summary':
        if (this.summary && this.summaryHasNumbers) proc.summary = this.summary;
        this.summaryHasNumbers = false;
        this.summary = undefined;
        return;
      case 'all_heap_blocks_freed':
        if (text() === 'true' && !this.summary) proc.summary = zeroLeakSummary();
        return;
      case 'count':
        if (parent === 'pair') this.pairCount = parseCount(text());
        return;
      case 'unique':
        if (parent === 'pair') this.pairUnique = text();
        return;
      case 'name':
        if (parent === 'pair') this.pairName = text();
        return;
      case 'pair':
        this.closePair(parent, proc);
        return;
      case 'state':
        if (parent === 'status') this.closeState(text(), proc);
        return;
      case 'signame':
        if (parent === 'fatal_signal') proc.fatalSignal = text();
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
    if (parent !== 'valgrindoutput') return;
    switch (name) {
      case 'pid':
        if (!this.headless) proc.pid = parseCount(text()) || 0;
        return;
      case 'ppid': {
        const n = parseCount(text());
        if (!this.headless && n === n) proc.ppid = n;
        return;
      }
      case 'tool':
        proc.tool = text();
        return;
      case 'protocolversion':
        this.protocol(parseCount(text()), proc);
        return;
    }
  }

  private protocol(v: number, proc: ProcessBuilder): void {
    if (v !== v) return;
    proc.protocolVersion = v;
    if (v > KNOWN_PROTOCOL) {
      proc.warnings.push(`${this.file}: XML protocol ${v} is newer than ${KNOWN_PROTOCOL}; what this parser knows was read, the rest ignored`);
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

  private closePair(parent: string | undefined, proc: ProcessBuilder): void {
    if (parent === 'errorcounts') {
      const e = this.uniques.get(this.pairUnique);
      if (e && this.pairCount === this.pairCount) {
        e.count += this.pairCount;
        this.uncounted.delete(this.pairUnique);
      }
    } else if (parent === 'suppcounts' && this.pairName !== '') {
      proc.suppressions.push({ name: this.pairName, count: this.pairCount || 0 });
    }
  }

  private finishError(): void {
    const err = this.err;
    const proc = this.proc;
    this.err = undefined;
    this.frames = undefined;
    if (!err || !proc) return;
    const leakKind = XML_LEAK_KINDS[err.kind];
    if (leakKind !== undefined) {
      // Protocol 4+ puts the direct/indirect split only in the sentence; <leakedbytes> is their sum.
      const line = parseLossRecord(err.xwhat || err.what);
      const total = err.leakedBytes ?? Number.NaN;
      const direct = line && line.direct === line.direct ? line.direct : total;
      const indirect = line && line.indirect === line.indirect ? line.indirect : 0;
      const blocks = err.leakedBlocks ?? line?.blocks ?? Number.NaN;
      const rec = { kind: leakKind, direct: direct || 0, indirect, blocks: blocks || 0, stack: err.stack };
      this.lastEntry = proc.addLeak(err.suppression !== undefined ? { ...rec, suppression: err.suppression } : rec);
      return;
    }
    const rec: ErrorRecord = { kind: err.kind || 'Unknown', what: err.what || err.xwhat, stack: err.stack };
    if (err.auxwhat !== undefined) rec.auxwhat = err.auxwhat;
    if (err.auxStack !== undefined) rec.auxStack = err.auxStack;
    if (err.suppression !== undefined) rec.suppression = err.suppression;
    const entry = proc.addError(rec, 0);
    this.lastEntry = entry;
    // Filtered files (Valgrind's own regression outputs) write every unique as 0x........
    let key = err.unique || `#${this.uniques.size}`;
    if (this.uniques.has(key)) key = `${key}#${this.uniques.size}`;
    this.uniques.set(key, entry);
    this.uncounted.add(key);
  }

  private startProcess(headless: boolean): void {
    if (this.proc) this.finishProcess();
    this.sawRoot = true;
    this.proc = new ProcessBuilder();
    this.headless = headless;
    this.rootClosed = this.finished = false;
    this.lastState = undefined;
    this.err = this.frame = this.frames = this.lastEntry = this.summary = undefined;
    this.uniques = new Map();
    this.uncounted = new Set();
    this.argv = [];
    if (headless) {
      this.proc.warnings.push(
        `${this.file}: holds the reports of several processes (a child forked without exec writes into its parent's XML file); ` +
          'the PID of the appended one is unknown (0)',
      );
    }
  }

  private finishProcess(): void {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    // Error contexts that <errorcounts> did not list (or a file cut before it) occurred at least once.
    for (const u of this.uncounted) {
      const e = this.uniques.get(u);
      if (e) e.count += 1;
    }
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
    const flag = this.vargv.filter((a) => a.startsWith('--show-leak-kinds=')).pop() ?? '--show-leak-kinds=definite,possible';
    const shown = flag.slice(18).split(',');
    if (shown.includes('all')) return;
    const hidden = ['definite', 'indirect', 'possible', 'reachable'].filter((k) => !shown.includes(k));
    if (hidden.length === 0) return;
    proc.warnings.push(
      `${this.file}: Valgrind ran with ${flag} and this XML has no summary block, so the ${hidden.join('/')} totals are not known ` +
        '(counted as 0); run with --show-leak-kinds=all',
    );
  }
}
