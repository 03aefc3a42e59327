/**
 * A streaming tokenizer specialised to the XML Valgrind writes: elements and text, no
 * attributes that matter, CDATA in `<rawtext>`, comments. It is not a validating parser:
 * it never throws, and the report builder decides what a missing or stray tag means.
 *
 * Why not a general XML library: Valgrind's XML is a few hundred bytes of tiny leaf
 * elements per frame, so the cost is per tag. Each chunk is decoded once as latin1 (a
 * byte-for-byte copy) and scanned with `String#indexOf`, which V8 runs with SIMD; names
 * and texts are short slices. Text is decoded as UTF-8 and entities are expanded only
 * when the builder asks for it. Figures in bench/parse.ts.
 */

import { isAscii } from 'node:buffer';

/** The text before the current end tag, decoded on demand. */
export interface XmlText {
  text(): string;
}

/** Receives elements as the scanner finds them. */
export interface XmlSink {
  open(name: string): void;
  close(name: string, content: XmlText): void;
}

/** Longest unfinished tail kept between chunks; beyond it the input is not Valgrind XML. */
const MAX_CARRY = 4 * 1024 * 1024;

const NON_ASCII = /[\x80-\xff]/;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Expands the five XML entities and numeric character references. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? m;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Latin1 text back to the UTF-8 it was (invalid bytes become U+FFFD; never throws). */
function utf8(s: string): string {
  return NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Which slow paths a chunk can skip: most chunks are pure ASCII without entities. */
function plainAscii(chunk: Buffer): boolean {
  return isAscii(chunk) && chunk.indexOf(38) < 0; // no '&'
}

function nameEnd(s: string, from: number, limit: number): number {
  let k = from;
  while (k < limit) {
    const c = s.charCodeAt(k);
    if (c <= 32 || c === 47 || c === 62) break; // space, '/', '>'
    k++;
  }
  return k;
}

/** Feed it Buffers split anywhere; it calls the sink for each complete tag. */
export class XmlScanner implements XmlText {
  private carry = '';
  private s = '';
  private textStart = 0;
  private textEnd = 0;
  private cdata: string | undefined;
  private plain = true;
  private lastOpen = '';
  private carryPlain = true;
  /** Bytes dropped because a tag or a text never ended within MAX_CARRY. */
  overflowed = false;

  constructor(private readonly sink: XmlSink) {}

  text(): string {
    if (this.cdata !== undefined) return utf8(this.cdata);
    const t = this.s.slice(this.textStart, this.textEnd);
    return this.plain ? t.trim() : decodeEntities(utf8(t)).trim();
  }

  write(chunk: Buffer): void {
    const s = this.carry.length > 0 ? this.carry + chunk.toString('latin1') : chunk.toString('latin1');
    this.s = s;
    // The carry was checked with the chunk before: only a plain carry and chunk stay plain.
    this.plain = (this.carry.length === 0 || this.carryPlain) && plainAscii(chunk);
    const pos = this.scan(s);
    if (s.length - pos > MAX_CARRY) {
      this.overflowed = true;
      this.carry = '';
    } else {
      this.carry = s.slice(pos);
    }
    this.carryPlain = this.plain;
  }

  private scan(s: string): number {
    const sink = this.sink;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) return pos;
      const c = s.charCodeAt(lt + 1);
      if (c === 47) {
        // Most end tags close the element opened last (<fn>main</fn>): reuse its name.
        const last = this.lastOpen;
        const quick = s.charCodeAt(lt + 2 + last.length) === 62 && s.startsWith(last, lt + 2);
        const ne = quick ? lt + 2 + last.length : nameEnd(s, lt + 2, s.length);
        const gt = s.charCodeAt(ne) === 62 ? ne : s.indexOf('>', ne);
        if (gt < 0) return pos;
        this.textStart = pos;
        this.textEnd = lt;
        sink.close(quick ? last : s.slice(lt + 2, ne), this);
        this.cdata = undefined;
        pos = gt + 1;
      } else if (c === 33) {
        if (s.startsWith('<![CDATA[', lt)) {
          const e = s.indexOf(']]>', lt + 9);
          if (e < 0) return pos;
          this.cdata = (this.cdata ?? '') + s.slice(lt + 9, e);
          pos = e + 3;
        } else if (s.startsWith('<!--', lt)) {
          const e = s.indexOf('-->', lt + 4);
          if (e < 0) return pos;
          pos = e + 3;
        } else {
          const gt = s.indexOf('>', lt + 2);
          if (gt < 0 || lt + 9 > s.length) return pos;
          pos = gt + 1;
        }
      } else if (c === 63) {
        const e = s.indexOf('?>', lt + 2);
        if (e < 0) return pos;
        pos = e + 2;
      } else if (c === c) {
        const ne = nameEnd(s, lt + 1, s.length);
        const gt = s.charCodeAt(ne) === 62 ? ne : s.indexOf('>', ne);
        if (gt < 0) return pos;
        const name = s.slice(lt + 1, ne);
        this.lastOpen = name;
        this.cdata = undefined;
        sink.open(name);
        if (s.charCodeAt(gt - 1) === 47) {
          this.textStart = this.textEnd = gt;
          sink.close(name, this);
        }
        pos = gt + 1;
      } else {
        return pos; // '<' is the last character: wait for more
      }
    }
  }
}
