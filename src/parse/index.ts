/**
 * The parse stage: Valgrind output files (XML or text, told apart by content) into one
 * LeakReport. Files are streamed in 1 MiB reads; memory grows with distinct leaks only.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { LeakReport } from '../model/report.ts';
import type { FileProblem } from './merge.ts';
import { mergeReport } from './merge.ts';
import type { ProcessResult } from './process-builder.ts';
import { findUnusedSuppressions } from './suppressions-file.ts';
import { TextReportParser } from './text-report.ts';
import { XmlReportParser } from './xml-report.ts';

export { fingerprint } from './fingerprint.ts';
export { mergeReport } from './merge.ts';
export type { ProcessResult } from './process-builder.ts';

/** A file that could not be opened or read. */
export class ParseInputError extends Error {
  override readonly name = 'ParseInputError';
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`cannot read Valgrind output '${file}': ${why}`, { cause });
  }
}

/** What one file gave: its processes, or why it gave none. */
export interface FileResult {
  file: string;
  results: ProcessResult[];
  problem?: string;
  /** `--suppressions=` files named in its Valgrind arguments. */
  suppressionFiles: string[];
}

/** Parses one file fed in chunks split anywhere; detects XML or text from the first bytes. */
export class FileParser {
  private parser: XmlReportParser | TextReportParser | undefined;
  private bytes = 0;

  constructor(readonly file: string) {}

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (!this.parser) {
      // Decide on the first character that is not blank (nor a UTF-8 byte order mark):
      // '<' is XML, anything else a text log. Leading blank chunks are simply skipped.
      const first = /[^\s\xEF\xBB\xBF]/.exec(chunk.toString('latin1'));
      if (!first) return;
      this.parser = first[0] === '<' ? new XmlReportParser(this.file) : new TextReportParser(this.file);
    }
    this.parser.write(chunk);
  }

  end(): FileResult {
    const none = { file: this.file, results: [], suppressionFiles: [] };
    if (this.bytes === 0) return { ...none, problem: 'the file is empty: the process wrote no report (killed before it started, or never run)' };
    if (!this.parser) return { ...none, problem: 'the file holds only blank characters: no Valgrind report' };
    const results = this.parser.end();
    if (!this.parser.isValgrind || results.length === 0) {
      const what = this.parser instanceof XmlReportParser ? 'XML without <valgrindoutput>' : 'text with no line Valgrind writes';
      return { ...none, problem: `not Valgrind output (${what})` };
    }
    return { file: this.file, results, suppressionFiles: this.parser.suppressionFiles };
  }
}

/** Bytes per read, and per chunk fed to a parser (smaller chunks keep V8's heap small). */
const READ_SIZE = 1 << 20;
const FEED_SIZE = 1 << 15;

/** Streams one file through a FileParser. Throws ParseInputError if it cannot be read. */
export async function parseFile(file: string): Promise<FileResult> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new ParseInputError(file, e);
  }
  const parser = new FileParser(file);
  // Two buffers: the next read runs in libuv's pool while this one is parsed.
  let buf = Buffer.allocUnsafe(READ_SIZE);
  let spare = Buffer.allocUnsafe(READ_SIZE);
  let pending = fh.read(buf, 0, READ_SIZE, null);
  try {
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await pending);
      } catch (e) {
        throw new ParseInputError(file, e);
      }
      if (bytesRead === 0) break;
      pending = fh.read(spare, 0, READ_SIZE, null);
      // The parsers copy what they keep, so the buffers are reused.
      for (let at = 0; at < bytesRead; at += FEED_SIZE) parser.write(buf.subarray(at, Math.min(at + FEED_SIZE, bytesRead)));
      [buf, spare] = [spare, buf];
    }
  } finally {
    // Close only once no read is in flight; a failed read was reported above.
    await pending.then(
      () => fh.close(),
      () => fh.close(),
    );
  }
  return parser.end();
}

/**
 * Reads every file (XML or text, several processes per file allowed) into one report:
 * totals summed over processes, leaks and errors merged by fingerprint; a file given twice
 * is read once. A file that is
 * empty, cut short or not Valgrind output makes the report incomplete; only a file that
 * cannot be opened or read throws (ParseInputError).
 */
export async function parseFiles(files: string[]): Promise<LeakReport> {
  const results: ProcessResult[] = [];
  const problems: FileProblem[] = [];
  const suppressionFiles = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    // The same file given twice (a glob and a name) would count its leaks twice.
    const key = path.resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = await parseFile(file);
    results.push(...r.results);
    if (r.problem !== undefined) problems.push({ file, reason: r.problem });
    for (const s of r.suppressionFiles) suppressionFiles.add(s);
  }
  const unused = suppressionFiles.size > 0 ? await findUnusedSuppressions([...suppressionFiles], results) : undefined;
  return mergeReport(results, problems, unused);
}
