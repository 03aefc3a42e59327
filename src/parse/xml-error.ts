/**
 * One `<error>` element of Valgrind's XML: its kind, sentences, first two stacks and
 * suppression, then turned into a loss record or an error record.
 */
import type { Frame } from '../model/report.ts';
import type { ErrorRecord, LeakRecord } from './process-builder.ts';
import { XML_LEAK_KINDS, parseCount, parseLossRecord } from './valgrind-text.ts';

/** An `<error>` as read, before it is known to be a leak or a memory error. */
export interface RawXmlError extends ErrorRecord {
  unique: string;
  xwhat: string;
  leakedBytes?: number;
  leakedBlocks?: number;
}

/** Collects the elements inside one `<error>`; the report parser routes them here. */
export class XmlErrorReader {
  private err: RawXmlError | undefined;
  private stacks = 0;
  private frames: Frame[] | undefined;
  private frame: Frame | undefined;

  /** Whether an `<error>` is being read. */
  get active(): boolean {
    return this.err !== undefined;
  }

  begin(): void {
    this.err = { kind: '', what: '', xwhat: '', unique: '', stack: [] };
    this.stacks = 0;
    this.frames = this.frame = undefined;
  }

  open(name: string, parent: string | undefined): void {
    const err = this.err;
    if (!err) return;
    if (name === 'frame') {
      if (this.frames) this.frame = {};
    } else if (name === 'stack') {
      // The error's stack, then the auxiliary one ("Address ... alloc'd at"); later ones are dropped.
      this.frames = undefined;
      if (parent !== 'error') return;
      if (this.stacks === 0) this.frames = err.stack;
      else if (this.stacks === 1) this.frames = err.auxStack = [];
      this.stacks++;
    }
  }

  /** An element inside the error closed; `text` decodes its content. */
  close(name: string, parent: string | undefined, text: () => string): void {
    const err = this.err;
    if (!err) return;
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
    if (parent === 'error') {
      if (name === 'kind') err.kind = text();
      else if (name === 'what') err.what = text();
      else if (name === 'auxwhat') err.auxwhat ??= text();
      else if (name === 'unique') err.unique = text();
      else if (name === 'leakedbytes') err.leakedBytes = parseCount(text()); // protocol 2/3
      else if (name === 'leakedblocks') err.leakedBlocks = parseCount(text());
    } else if (parent === 'xwhat') {
      if (name === 'text') err.xwhat = text();
      else if (name === 'leakedbytes') err.leakedBytes = parseCount(text());
      else if (name === 'leakedblocks') err.leakedBlocks = parseCount(text());
    } else if (parent === 'suppression' && name === 'rawtext') {
      err.suppression = text().trim();
    }
  }

  /** The error read, once its end tag (or the end of its parent) was seen. */
  end(): RawXmlError | undefined {
    const err = this.err;
    this.err = this.frames = this.frame = undefined;
    return err;
  }
}

/** A `Leak_*` error as a loss record; undefined for memory errors. */
export function leakRecordOf(err: RawXmlError): LeakRecord | undefined {
  const kind = XML_LEAK_KINDS[err.kind];
  if (kind === undefined) return undefined;
  // <leakedbytes> is direct + indirect; the direct part, which LEAK SUMMARY counts, is only in
  // the sentence: "116 (16 direct, 100 indirect) bytes in 1 blocks are definitely lost ...".
  const line = parseLossRecord(err.xwhat || err.what);
  const direct = line && line.direct === line.direct ? line.direct : (err.leakedBytes ?? 0);
  const indirect = line && line.indirect === line.indirect ? line.indirect : 0;
  const blocks = err.leakedBlocks ?? line?.blocks ?? 0;
  const rec: LeakRecord = { kind, direct: direct || 0, indirect, blocks: blocks || 0, stack: err.stack };
  if (err.suppression !== undefined) rec.suppression = err.suppression;
  return rec;
}

/** A memory error (anything not `Leak_*`) as an error record. */
export function errorRecordOf(err: RawXmlError): ErrorRecord {
  const rec: ErrorRecord = { kind: err.kind || 'Unknown', what: err.what || err.xwhat, stack: err.stack };
  if (err.auxwhat !== undefined) rec.auxwhat = err.auxwhat;
  if (err.auxStack !== undefined) rec.auxStack = err.auxStack;
  if (err.suppression !== undefined) rec.suppression = err.suppression;
  return rec;
}

/**
 * Occurrences per error context: `<errorcounts>` pairs refer to `<unique>` ids; a context
 * it does not list (a file cut before it, or a tool that writes none) occurred once.
 */
export class ErrorCounts {
  private readonly byUnique = new Map<string, { count: number }>();
  private readonly uncounted = new Set<string>();

  register(unique: string, entry: { count: number }): void {
    // Filtered files (Valgrind's own regression outputs) write every unique as 0x........
    let key = unique || `#${this.byUnique.size}`;
    if (this.byUnique.has(key)) key = `${key}#${this.byUnique.size}`;
    this.byUnique.set(key, entry);
    this.uncounted.add(key);
  }

  add(unique: string, count: number): void {
    const e = this.byUnique.get(unique);
    if (!e || count !== count) return;
    e.count += count;
    this.uncounted.delete(unique);
  }

  settle(): void {
    for (const u of this.uncounted) {
      const e = this.byUnique.get(u);
      if (e) e.count += 1;
    }
    this.uncounted.clear();
  }
}
