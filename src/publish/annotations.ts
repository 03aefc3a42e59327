/**
 * Source annotations: one per distinct leak or memory error, at the first stack frame
 * inside the workspace. GitHub shows at most 10 annotations of each level per step, so
 * the most important ten of each level are kept and one notice says how many more
 * there are. Pure; `annotationCommand` formats one as a workflow command.
 */

import type { Frame, Leak, MemError } from '../model/report.ts';
import { escapeCommandData, escapeCommandProperty, oneLine, truncate } from './escape.ts';
import { KIND_LABEL, bytes, capital, count, plural } from './format.ts';
import { errorsExceeded, leakKindExceeded, rankErrors, rankLeaks } from './ranking.ts';
import type { ReportView } from './report-view.ts';
import { firstWorkspaceFrame, frameWhere, isAllocatorFrame, workspacePath } from './source-location.ts';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Plain text; may span lines. */
  message: string;
  title: string;
  /** Repository-relative path; absent when no frame is inside the workspace. */
  file?: string;
  line?: number;
}

/** GitHub shows at most this many annotations of each level per step (50 per job): DESIGN.md. */
export const ANNOTATIONS_PER_LEVEL = 10;
const STACK_LINES = 6;

function shortStack(stack: Frame[], workspace: string): string {
  const start = stack.findIndex((f) => !isAllocatorFrame(f));
  const frames = stack.slice(Math.max(0, start), Math.max(0, start) + STACK_LINES);
  const lines = frames.map((f) => {
    const where = workspacePath(f, workspace) ?? frameWhere(f);
    const at = where && f.line && !where.endsWith(`:${f.line}`) ? `${where}:${f.line}` : where;
    return `  at ${truncate(oneLine(f.fn ?? '???'), 200)}${at ? ` (${truncate(oneLine(at), 200)})` : ''}`;
  });
  const rest = stack.length - Math.max(0, start) - frames.length;
  if (rest > 0) lines.push(`  …${count(rest)} more frames`);
  return lines.join('\n');
}

function place(stack: Frame[], workspace: string): Pick<Annotation, 'file' | 'line'> {
  const site = firstWorkspaceFrame(stack, workspace);
  if (!site) return {};
  return site.line ? { file: site.path, line: site.line } : { file: site.path };
}

function leakAnnotation(view: ReportView, l: Leak): Annotation {
  const indirect = l.indirectBytes > 0 ? ` (+${count(l.indirectBytes)} indirect)` : '';
  const title = `${capital(KIND_LABEL[l.kind])}: ${bytes(l.bytes)}${indirect} in ${plural(l.blocks, 'block')}`;
  const over = leakKindExceeded(view.verdict, l.kind);
  const head = over ? `Memory ${KIND_LABEL[l.kind]} over the threshold, allocated here:` : `Memory ${KIND_LABEL[l.kind]} (within the threshold or not checked), allocated here:`;
  return { level: over ? 'error' : 'warning', title, message: `${head}\n${shortStack(l.stack, view.context.workspace)}`, ...place(l.stack, view.context.workspace) };
}

function errorAnnotation(view: ReportView, e: MemError): Annotation {
  const title = `${truncate(oneLine(e.kind), 60)}${e.count > 1 ? ` ×${count(e.count)}` : ''}: ${truncate(oneLine(e.what), 150)}`;
  const aux = e.auxwhat ? `\n${truncate(oneLine(e.auxwhat), 300)}` : '';
  const level = errorsExceeded(view.verdict) ? 'error' : 'warning';
  return { level, title, message: `${truncate(oneLine(e.what), 300)}\n${shortStack(e.stack, view.context.workspace)}${aux}`, ...place(e.stack, view.context.workspace) };
}

/**
 * The annotations for a report: at most ten errors (over-threshold kinds) and ten
 * warnings (the rest), memory errors before leaks within a level (they corrupt memory;
 * a leak only grows), then one notice when some did not fit. Still-reachable memory is
 * not annotated: it is not lost, and Fluent Bit keeps much of it by design.
 */
export function buildAnnotations(view: ReportView): Annotation[] {
  const seen = new Set<string>();
  const distinct = <T extends { fingerprint: string }>(xs: T[]): T[] =>
    xs.filter((x) => {
      if (seen.has(x.fingerprint)) return false;
      seen.add(x.fingerprint);
      return true;
    });
  const all = [
    ...distinct(rankErrors(view.report.errors)).map((e) => errorAnnotation(view, e)),
    ...distinct(rankLeaks(view.report.leaks, view.verdict).filter((l) => l.kind !== 'stillReachable')).map((l) => leakAnnotation(view, l)),
  ];
  const errors = all.filter((a) => a.level === 'error');
  const warnings = all.filter((a) => a.level === 'warning');
  const out = [...errors.slice(0, ANNOTATIONS_PER_LEVEL), ...warnings.slice(0, ANNOTATIONS_PER_LEVEL)];
  const moreErrors = Math.max(0, errors.length - ANNOTATIONS_PER_LEVEL);
  const moreWarnings = Math.max(0, warnings.length - ANNOTATIONS_PER_LEVEL);
  if (moreErrors + moreWarnings > 0) {
    const parts = [moreErrors > 0 ? `${count(moreErrors)} over the threshold` : '', moreWarnings > 0 ? `${count(moreWarnings)} within it or not checked` : ''].filter(Boolean);
    out.push({
      level: 'notice',
      title: `${plural(moreErrors + moreWarnings, 'more leak or error', 'more leaks and errors')} not annotated`,
      message: `GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step; ${parts.join(' and ')} are listed in the job summary and in report.json.`,
    });
  }
  return out;
}

/** The workflow command that makes the runner show `a`: `::error file=F,line=L,title=T::MESSAGE`. */
export function annotationCommand(a: Annotation): string {
  const props: string[] = [];
  if (a.file !== undefined) props.push(`file=${escapeCommandProperty(a.file)}`);
  if (a.line !== undefined) props.push(`line=${a.line}`);
  props.push(`title=${escapeCommandProperty(a.title)}`);
  return `::${a.level} ${props.join(',')}::${escapeCommandData(a.message)}`;
}
