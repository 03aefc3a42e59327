/**
 * Fits rendered markdown under a size limit by cutting detail: stacks first, then
 * rows, and says what was cut. Rendering is pure and fast, so it simply re-renders
 * with less detail until the text fits.
 */

import { count } from './format.ts';
import type { Detail } from './report-sections.ts';

export interface Fitted {
  text: string;
  detail: Detail;
}

/** Halves a number, reaching 0 from 1. */
const half = (n: number): number => (n <= 1 ? 0 : Math.floor(n / 2));

/** The sentence saying what `detail` leaves out compared with `full`; '' when nothing was cut. */
export function cutNote(full: Detail, detail: Detail, limitText: string, whereElse: string): string {
  const cut: string[] = [];
  const stacks = full.leakStacks - detail.leakStacks + (full.errorStacks - detail.errorStacks);
  if (stacks > 0) cut.push(`${count(stacks)} stack${stacks === 1 ? '' : 's'}`);
  const rows = full.leaks - detail.leaks + (full.errors - detail.errors);
  if (rows > 0) cut.push(`${count(rows)} table row${rows === 1 ? '' : 's'}`);
  if (detail.frames < full.frames) cut.push(`stack frames past the ${count(detail.frames)}th`);
  if (cut.length === 0) return '';
  return `> ✂️ Cut to fit ${limitText}: ${cut.join(', ')}. ${whereElse}\n`;
}

/**
 * Renders with `full` detail, then with less until `measure(text) <= limit`:
 * stacks are halved first, then rows, then frames. If even no detail does not fit,
 * the text is cut hard at the limit with a last line saying so.
 */
export function fitToLimit(render: (d: Detail) => string, full: Detail, limit: number, measure: (s: string) => number): Fitted {
  let d: Detail = { ...full };
  for (;;) {
    const text = render(d);
    if (measure(text) <= limit) return { text, detail: d };
    if (d.leakStacks + d.errorStacks > 0) d = { ...d, leakStacks: half(d.leakStacks), errorStacks: half(d.errorStacks) };
    else if (d.leaks + d.errors > 0) d = { ...d, leaks: half(d.leaks), errors: half(d.errors) };
    else break;
  }
  const note = '\n\n> ✂️ Cut at the size limit; the full report is in report.json.\n';
  let text = render(d);
  let end = Math.max(0, limit - note.length - 16);
  while (end > 0 && measure(text.slice(0, end) + note) > limit) end = Math.floor(end * 0.9);
  text = text.slice(0, end) + note;
  return { text, detail: d };
}
