/**
 * The sticky PR comment: a compact form of the job summary under GitHub's 65,536
 * characters, found again by a hidden marker line. Pure.
 */

import { commentSafe, codeSpan, safeUrl } from './escape.ts';
import { cutNote, fitToLimit } from './fit.ts';
import { rankErrors, rankLeaks } from './ranking.ts';
import type { Detail } from './report-sections.ts';
import { artifactLine, errorsSection, leaksSection, outputTail, processesSection, runLine, totalsTable, verdictSection } from './report-sections.ts';
import type { ReportView } from './report-view.ts';
import { clampDetail } from './summary-markdown.ts';

/** GitHub refuses comment bodies longer than this (counted here in UTF-16 units, which is never fewer). */
export const COMMENT_MAX_CHARS = 65_536;

const COMMENT_DETAIL: Detail = { leaks: 20, errors: 10, leakStacks: 20, errorStacks: 10, frames: 16 };
/** Output lines shown when the run did not pass (why it did not start, crashed or hung). */
const TAIL_LINES = 20;

/** The hidden first line that identifies this step's comment among a PR's comments. */
export function commentMarker(key: string): string {
  return `<!-- flb-valgrind-action:${commentSafe(key)} -->`;
}

/** Everything after this line is about the run (links, commit), not the findings. */
export const FOOTER_MARKER = '<!-- flb-valgrind-action:footer -->';

const STATE_PREFIX = '<!-- flb-valgrind-state:';

/** A hidden line with the outcome and totals, so `comment: on-change` can compare without parsing markdown. */
export function stateLine(view: ReportView): string {
  const t = view.report.totals;
  const state = [
    view.verdict.outcome,
    `definitelyLost=${t.definitelyLost.bytes}/${t.definitelyLost.blocks}`,
    `indirectlyLost=${t.indirectlyLost.bytes}/${t.indirectlyLost.blocks}`,
    `possiblyLost=${t.possiblyLost.bytes}/${t.possiblyLost.blocks}`,
    `stillReachable=${t.stillReachable.bytes}/${t.stillReachable.blocks}`,
    `errors=${t.errors}`,
  ].join(' ');
  return `${STATE_PREFIX} ${state} -->`;
}

/** The state line of a posted comment's body, or null when it has none. */
export function stateOf(body: string): string | null {
  return body.split('\n').find((l) => l.startsWith(STATE_PREFIX))?.trim() ?? null;
}

export interface CommentOptions {
  /** Size limit in characters (default COMMENT_MAX_CHARS). */
  maxChars?: number;
}

function footer(view: ReportView, key: string): string {
  const { context } = view;
  const parts = ['flb-valgrind-action', codeSpan(key)];
  if (context.sha) parts.push(`commit ${codeSpan(context.sha.slice(0, 12))}`);
  if (context.runUrl) parts.push(`[run and job summary](${safeUrl(context.runUrl)})`);
  return `${FOOTER_MARKER}\n<sub>${parts.join(' · ')}</sub>\n`;
}

/** Renders the comment body for `key`: marker, verdict, totals, top leaks and errors, links; cut to fit. */
export function renderComment(view: ReportView, key: string, options: CommentOptions = {}): string {
  const leaks = rankLeaks(view.report.leaks, view.verdict);
  const errors = rankErrors(view.report.errors);
  const full = clampDetail(COMMENT_DETAIL, leaks.length, errors.length);
  const showProcesses = !view.report.complete || view.report.processes.some((p) => !p.complete);
  const where = view.context.runUrl ? `Everything is in the [job summary](${safeUrl(view.context.runUrl)}) and in report.json.` : 'Everything is in the job summary and in report.json.';
  const render = (d: Detail): string =>
    [
      `${commentMarker(key)}\n${stateLine(view)}\n`,
      verdictSection(view, '###'),
      totalsTable(view),
      artifactLine(view),
      cutNote(full, d, "GitHub's 65,536-character comment limit", where),
      leaksSection(view, leaks, d, '####'),
      errorsSection(view, errors, d, '####'),
      showProcesses ? processesSection(view, '####') : '',
      runLine(view),
      view.run && view.verdict.outcome !== 'pass' ? outputTail(view.run, TAIL_LINES) : '',
      footer(view, key),
    ]
      .filter((s) => s !== '')
      .join('\n');
  return fitToLimit(render, full, options.maxChars ?? COMMENT_MAX_CHARS, (s) => s.length).text;
}
