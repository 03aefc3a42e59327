/** Number and label formatting shared by the renderers; locale-independent. */

import type { LeakKind } from '../model/report.ts';
import type { Checked, Outcome } from '../model/verdict.ts';

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [int, frac] = Math.abs(n).toString().split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${sign}${grouped}.${frac}` : `${sign}${grouped}`;
}

/** "1 block", "2 blocks". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "27,712 bytes (27.1 KiB)"; the binary unit only from 1 KiB. */
export function bytes(n: number): string {
  const base = plural(n, 'byte');
  if (n < 1024) return base;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${base} (${v.toFixed(1)} ${units[u]})`;
}

/** Milliseconds as "1.2 s", "3 min 04 s". */
export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export const KIND_LABEL: Record<LeakKind | 'suppressed', string> = {
  definitelyLost: 'definitely lost',
  indirectlyLost: 'indirectly lost',
  possiblyLost: 'possibly lost',
  stillReachable: 'still reachable',
  suppressed: 'suppressed',
};

export const CHECK_LABEL: Record<Checked, string> = {
  definitelyLost: 'Definitely lost',
  indirectlyLost: 'Indirectly lost',
  possiblyLost: 'Possibly lost',
  errors: 'Memory errors',
};

export const OUTCOME_ICON: Record<Outcome, string> = { pass: '✅', fail: '❌', incomplete: '⚠️' };
export const OUTCOME_WORD: Record<Outcome, string> = { pass: 'Pass', fail: 'Fail', incomplete: 'Incomplete' };

/** First letter upper case. */
export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
