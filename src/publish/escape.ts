/**
 * Escaping for every untrusted string the publish stage prints: function and file
 * names from Valgrind (C++ templates and `operator|` are normal), paths, the
 * program's output. One function per output context, because each context has
 * different rules:
 * - markdown text and table cells (`|` splits a cell even inside a code span, so
 *   code in a cell is `<code>` around backslash-escaped text);
 * - raw HTML (`<summary>`, where markdown is not parsed);
 * - fenced code blocks (the fence must be longer than any backtick run inside);
 * - GitHub's workflow-command syntax for annotations (`::error file=..::msg`).
 * GitHub turns `@name` into a mention and `#123` into a cross-reference in text
 * and bare URLs into links (not inside code), so text gets a zero-width space after
 * those characters.
 */

const ZWSP = '\u200B';

/** Bidirectional overrides and isolates ("Trojan Source", CVE-2021-42574). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/** Folds a string onto one line: line breaks and tabs become spaces, control and bidi characters become U+FFFD. */
export function oneLine(s: string): string {
  return s.replace(LINE_BREAK, ' ').replace(/\t/g, ' ').replace(CONTROL, '\uFFFD').replace(BIDI, '\uFFFD');
}

/** Cuts a string to at most `max` characters (code points), ending in `…` when it was cut. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Breaks `@mention`, `#123` references and bare URLs in text, which GitHub would link. */
function defuseReferences(s: string): string {
  return s
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`);
}

const alnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/**
 * Plain text for markdown (paragraphs, list items, table cells): every markdown
 * metacharacter shown as itself. Only what can start markup is escaped, so the raw
 * markdown stays readable: `_` between letters or digits cannot open emphasis in GFM,
 * and `#`, `+`, `-`, `1.` matter only at the start of a block.
 */
export function mdText(s: string): string {
  const t = defuseReferences(oneLine(s));
  const inline = t
    .replace(/[\\`*[\]<>|~]|_/g, (c, i: number) => (c === '_' && alnum(t[i - 1]) && alnum(t[i + 1]) ? c : `\\${c}`))
    .replace(/&/g, '&amp;');
  return inline.replace(/^(\s*)(?:([#+\-=])|(\d+)([.)]))/, (_m, sp: string, mark?: string, num?: string, dot?: string) => (mark ? `${sp}\\${mark}` : `${sp}${num}\\${dot}`));
}

/**
 * An inline code span showing `s` exactly: the fence is one backtick longer than the
 * longest run inside, padded when `s` starts or ends with a backtick or space.
 * Not for table cells: use `cellCode` there.
 */
export function codeSpan(s: string): string {
  let text = oneLine(s);
  if (text === '') text = ' ';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Code for a table cell: `<code>` around escaped text. A code span cannot hold `\|`
 * in a table (renderers disagree on which pipe splits the cell, and a code span shows
 * the escaping backslash), while escaped text in `<code>` means the same everywhere.
 */
export function cellCode(s: string): string {
  return `<code>${mdText(s)}</code>`;
}

/** Text for raw HTML (element content and attribute values). */
export function htmlText(s: string): string {
  return defuseReferences(oneLine(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `<code>` for raw HTML; GitHub does not link mentions inside code. */
export function htmlCode(s: string): string {
  const escaped = oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<code>${escaped}</code>`;
}

/** A fenced code block holding `text` verbatim (control characters replaced), whatever backticks it contains. */
export function fencedBlock(text: string, info = 'text'): string {
  const body = text.replace(/\r\n?/g, '\n').replace(CONTROL, '\uFFFD').replace(BIDI, '\uFFFD');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

/** A URL safe as a markdown link destination: no spaces, parentheses or angle brackets left raw. */
export function safeUrl(url: string): string {
  return url.replace(/[\s()<>"'`|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Percent-encodes each segment of a repository-relative path for a URL. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** A string safe inside an HTML comment (`<!-- ... -->`): no `--`, `>` or line breaks. */
export function commentSafe(s: string): string {
  return oneLine(s).replace(/-{2,}/g, '-').replace(/[<>]/g, '_');
}

/** Escapes the message of a workflow command (`::error ...::MESSAGE`), as the runner decodes it. */
export function escapeCommandData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (`file=`, `title=`): `:` and `,` too. */
export function escapeCommandProperty(s: string): string {
  return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
