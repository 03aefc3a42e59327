/**
 * The job summary (and the CLI's `--markdown FILE`): verdict, totals against the
 * thresholds, the top leaks and errors with stacks linked to the source at the commit,
 * the processes and how the program ran. Pure; renders without a GitHub context too
 * (no links then).
 */

import { fitToLimit, cutNote } from './fit.ts';
import { rankErrors, rankLeaks } from './ranking.ts';
import type { Detail } from './report-sections.ts';
import { artifactLine, errorsSection, leaksSection, processesSection, runSection, totalsTable, verdictSection } from './report-sections.ts';
import type { ReportView } from './report-view.ts';

export type { ReportView } from './report-view.ts';

/** GitHub's job summary holds 1 MiB per step; stay under it with room for others' lines. */
export const SUMMARY_MAX_BYTES = 1_000_000;

const SUMMARY_DETAIL: Detail = { leaks: 100, errors: 50, leakStacks: 100, errorStacks: 50, frames: 30 };
const TAIL_LINES = 40;

/** Clamps a detail to what the report has, so "what was cut" counts real items. */
export function clampDetail(d: Detail, leaks: number, errors: number): Detail {
  const l = Math.min(d.leaks, leaks);
  const e = Math.min(d.errors, errors);
  return { leaks: l, errors: e, leakStacks: Math.min(d.leakStacks, l), errorStacks: Math.min(d.errorStacks, e), frames: d.frames };
}

export interface SummaryOptions {
  /** Size limit in UTF-8 bytes (default SUMMARY_MAX_BYTES). */
  maxBytes?: number;
}

/** Renders the job summary markdown for a report, under GitHub's 1 MiB. */
export function renderSummary(input: ReportView, options: SummaryOptions = {}): string {
  const leaks = rankLeaks(input.report.leaks, input.verdict);
  const errors = rankErrors(input.report.errors);
  const full = clampDetail(SUMMARY_DETAIL, leaks.length, errors.length);
  const limit = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const render = (d: Detail): string =>
    [
      verdictSection(input, '##'),
      totalsTable(input),
      artifactLine(input),
      cutNote(full, d, "GitHub's 1 MiB job summary", 'All of them are in report.json.'),
      leaksSection(input, leaks, d, '###'),
      errorsSection(input, errors, d, '###'),
      processesSection(input, '###'),
      runSection(input, '###', TAIL_LINES),
    ]
      .filter((s) => s !== '')
      .join('\n');
  return fitToLimit(render, full, limit, (s) => Buffer.byteLength(s, 'utf8')).text;
}
