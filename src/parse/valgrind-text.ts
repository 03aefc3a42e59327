/**
 * Sentences Valgrind writes in both its text log and its XML (`<xwhat><text>`):
 * loss-record headlines, summary amounts, numbers with thousands separators and deltas.
 */
import type { Amount, LeakKind } from '../model/report.ts';

/** `4,734,567` or `4,734,567 (+2,000)` → 4734567; NaN when not a number (e.g. filtered `x`). */
export function parseCount(s: string): number {
  const m = /^\s*([\d,]+)/.exec(s);
  return m?.[1] !== undefined ? Number(m[1].replaceAll(',', '')) : Number.NaN;
}

/** Removes the ` (+2,000)` / `(-10)` deltas of program-requested leak checks. */
export function stripDeltas(s: string): string {
  return s.includes('(+') || s.includes('(-') ? s.replace(/\s?\([+-][\d,x.]*\)/g, '') : s;
}

const KIND_WORDS: Record<string, LeakKind> = {
  'definitely lost': 'definitelyLost',
  'indirectly lost': 'indirectlyLost',
  'possibly lost': 'possiblyLost',
  'still reachable': 'stillReachable',
};

/** Valgrind's XML kinds of leak records. */
export const XML_LEAK_KINDS: Record<string, LeakKind> = {
  Leak_DefinitelyLost: 'definitelyLost',
  Leak_IndirectlyLost: 'indirectlyLost',
  Leak_PossiblyLost: 'possiblyLost',
  Leak_StillReachable: 'stillReachable',
};

/** What a loss record's headline says. */
export interface LossRecordLine {
  kind: LeakKind;
  /** Direct bytes: what LEAK SUMMARY counts for this kind. */
  direct: number;
  indirect: number;
  blocks: number;
}

const LOSS_RECORD =
  /^([\d,]+) (?:\(([\d,]+) direct, ([\d,]+) indirect\) )?bytes in ([\d,]+) blocks are (definitely lost|indirectly lost|possibly lost|still reachable) in (?:new |increased |decreased )?loss record /;

/**
 * Parses "116 (16 direct, 100 indirect) bytes in 1 blocks are definitely lost in loss
 * record 3 of 9" (deltas allowed). Returns undefined for any other sentence.
 */
export function parseLossRecord(line: string): LossRecordLine | undefined {
  const m = LOSS_RECORD.exec(stripDeltas(line));
  if (!m) return undefined;
  const kind = KIND_WORDS[m[5] ?? ''];
  if (kind === undefined) return undefined;
  const total = parseCount(m[1] ?? '');
  const direct = m[2] !== undefined ? parseCount(m[2]) : total;
  const indirect = m[3] !== undefined ? parseCount(m[3]) : 0;
  return { kind, direct, indirect, blocks: parseCount(m[4] ?? '') };
}

const SUMMARY_LINE = /^\s*(definitely lost|indirectly lost|possibly lost|still reachable|suppressed): ([\d,]+).*? bytes in ([\d,]+)/;

/** Parses a LEAK SUMMARY line ("   definitely lost: 2,010 (+2,000) bytes in 2 (+1) blocks"). */
export function parseSummaryLine(line: string): { key: LeakKind | 'suppressed'; amount: Amount } | undefined {
  const m = SUMMARY_LINE.exec(stripDeltas(line));
  if (!m) return undefined;
  const key = m[1] === 'suppressed' ? 'suppressed' : KIND_WORDS[m[1] ?? ''];
  if (key === undefined) return undefined;
  return { key, amount: { bytes: parseCount(m[2] ?? ''), blocks: parseCount(m[3] ?? '') } };
}

/** "Using Valgrind-3.19.0 and LibVEX; ..." / "Using valgrind-3.3.0.SVN, ..." → "3.19.0". */
export function parseVersionLine(line: string): string | undefined {
  return /Using [Vv]algrind-([^\s,;]+)/.exec(line)?.[1];
}

/** Valgrind's memory-error kinds from the first line of a text error record. */
export function errorKindOf(what: string): string {
  if (what.startsWith('Invalid read')) return 'InvalidRead';
  if (what.startsWith('Invalid write')) return 'InvalidWrite';
  if (what.startsWith('Invalid free')) return 'InvalidFree';
  if (what.startsWith('Mismatched free')) return 'MismatchedFree';
  if (what.startsWith('Conditional jump or move depends on uninitialised')) return 'UninitCondition';
  if (what.startsWith('Use of uninitialised value')) return 'UninitValue';
  if (what.startsWith('Syscall param')) return 'SyscallParam';
  if (what.startsWith('Source and destination overlap')) return 'Overlap';
  if (what.startsWith('Jump to the invalid address')) return 'InvalidJump';
  if (what.includes('has a fishy')) return 'FishyValue';
  if (what.startsWith('Invalid alignment') || what.includes('alignment value')) return 'InvalidAlignment';
  if (what.startsWith('Invalid size value')) return 'InvalidSize';
  if (what.startsWith('Illegal memory pool') || what.includes('memory pool')) return 'InvalidMemPool';
  if (what.startsWith('Unaddressable byte(s) found during client check')) return 'ClientCheck';
  if (what.startsWith('Uninitialised byte(s) found during client check')) return 'ClientCheck';
  if (what.startsWith('Realloc size') || what.includes('realloc() with size 0')) return 'ReallocSizeZero';
  if (/^File descriptor \d+ .*already closed/.test(what)) return 'FdBadClose';
  if (/^Open (file descriptor|AF_\w+ socket)/.test(what)) return 'FdNotClosed';
  return 'Other';
}
