import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

/** Where the program's output goes as it arrives. */
export interface OutputSink {
  write(chunk: string): void;
}

/** Longest line kept (tail, ready matching); the output file keeps everything. */
const MAX_LINE = 4096;

/**
 * Streams the program's stdout and stderr to a sink and to a file, keeps the last lines
 * in a ring buffer (never the whole output in memory) and tells when a line matches
 * the ready pattern.
 */
export class OutputCapture {
  private readonly ring: string[] = [];
  private readonly partial = new Map<Readable, string>();
  private readonly readyPattern: RegExp | null;
  private onReady: (() => void) | null = null;
  /** The first error of the output file or of the sink; writing to it stops there. */
  fileError: Error | null = null;
  sinkError: Error | null = null;
  readonly ended: Promise<void>[] = [];

  private constructor(
    private readonly file: WriteStream,
    private readonly sink: OutputSink,
    readyPattern: RegExp | null,
    private readonly tailLines: number,
  ) {
    file.on('error', (e) => (this.fileError ??= e));
    // A global or sticky pattern carries lastIndex from one test() to the next.
    this.readyPattern = readyPattern === null ? null : new RegExp(readyPattern.source, readyPattern.flags.replace(/[gy]/g, ''));
  }

  /** Opens (truncates) the output file. */
  static async open(filePath: string, sink: OutputSink, readyPattern: RegExp | null, tailLines: number): Promise<OutputCapture> {
    const file = createWriteStream(filePath);
    await once(file, 'open');
    return new OutputCapture(file, sink, readyPattern, tailLines);
  }

  /** Calls `listener` once, on the first line that matches the ready pattern. */
  whenReady(listener: () => void): void {
    this.onReady = listener;
  }

  /** Reads a stream of the program to its end. */
  attach(stream: Readable): void {
    stream.setEncoding('utf8');
    this.partial.set(stream, '');
    stream.on('data', (chunk: string) => this.take(stream, chunk));
    this.ended.push(
      new Promise<void>((resolve) => {
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      }).then(() => this.flushPartial(stream)),
    );
  }

  private take(stream: Readable, chunk: string): void {
    if (this.fileError === null) this.file.write(chunk);
    if (this.sinkError === null) {
      try {
        this.sink.write(chunk);
      } catch (e) {
        // A broken log (EPIPE on a closed stdout) must not stop the run; the file keeps all.
        this.sinkError = e instanceof Error ? e : new Error(String(e));
      }
    }
    const text = (this.partial.get(stream) ?? '') + chunk;
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    const rest = text.slice(start, start + MAX_LINE);
    this.partial.set(stream, rest);
  }

  private flushPartial(stream: Readable): void {
    const rest = this.partial.get(stream) ?? '';
    if (rest !== '') this.line(rest);
    this.partial.set(stream, '');
  }

  private line(raw: string): void {
    const text = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).slice(0, MAX_LINE);
    this.ring.push(text);
    if (this.ring.length > this.tailLines) this.ring.shift();
    if (this.onReady !== null && this.readyPattern !== null && this.readyPattern.test(text)) {
      const listener = this.onReady;
      this.onReady = null;
      listener();
    }
  }

  /** The last lines seen, oldest first. */
  tail(): string[] {
    return [...this.ring];
  }

  /** Flushes and closes the output file. */
  async close(): Promise<void> {
    for (const stream of this.partial.keys()) this.flushPartial(stream);
    if (this.file.closed || this.file.destroyed) return;
    const closed = new Promise<void>((resolve) => {
      this.file.once('close', resolve);
      this.file.once('error', () => resolve());
    });
    this.file.end();
    await closed;
  }
}
