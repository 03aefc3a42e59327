/**
 * The publish stage: annotations, the artifact, the job summary and the sticky PR
 * comment, in that order (the summary and comment link to the artifact). Never throws
 * for a GitHub or artifact fault: each becomes one warning, and the verdict stays as
 * the judge made it.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportSettings } from '../settings/types.ts';
import { buildAnnotations, type Annotation } from './annotations.ts';
import { stageArtifactFiles, uploadReportArtifact, type ArtifactUploader } from './artifact-upload.ts';
import { defaultArtifactName, defaultCommentKey } from './context.ts';
import { describeFault, redact } from './faults.ts';
import { renderComment } from './pr-comment.ts';
import type { ReportView } from './report-view.ts';
import { upsertComment, type CommentClient, type UpsertPolicy } from './sticky-comment.ts';
import { renderSummary } from './summary-markdown.ts';
import { renderSuppressions } from './suppressions.ts';

/** Where publish writes what it shows: the Actions runner (see actions-adapters.ts) or a test recorder. */
export interface PublishSink {
  annotate(a: Annotation): void;
  appendSummary(markdown: string): Promise<void>;
  warning(message: string): void;
  info(message: string): void;
}

export interface PublishDeps {
  sink: PublishSink;
  /** Makes the comment client for a token; null: no comments (the CLI). */
  commentClient: ((token: string) => CommentClient) | null;
  /** null: no artifact (the CLI, or outside Actions). */
  artifacts: ArtifactUploader | null;
  /** For the fault messages; the clients enforce them. Default 30 s and 300 s. */
  timeouts?: { githubMs?: number; artifactMs?: number };
}

export interface PublishFiles {
  /** The run's output directory: the artifact's root; `suppressions.supp` is written here. */
  outDir: string;
  /** report.json, the XML logs, the program's output, the build log; missing ones are left out. */
  files: string[];
}

export type CommentOutcome =
  | { action: 'created' | 'updated' | 'unchanged'; url: string }
  | { action: 'skipped'; reason: string }
  | { action: 'failed'; reason: string };

export interface PublishResult {
  annotations: number;
  summary: boolean;
  artifact: { id: number; url: string | null } | null;
  comment: CommentOutcome;
  suppressionsFile: string | null;
  warnings: string[];
}

export const SUPPRESSIONS_FILE = 'suppressions.supp';

/** Why no comment is posted, or null when one may be. */
function commentSkipReason(view: ReportView, settings: ReportSettings, deps: PublishDeps): string | null {
  if (settings.comment === 'never') return '`comment` is never';
  if (view.context.prNumber === null || view.context.repository === null) return 'this event has no pull request';
  if (deps.commentClient === null) return 'comments are not posted from here';
  if (settings.githubToken === '') return 'no `github-token`';
  return null;
}

/**
 * What each comment mode does on a PR (a comment whose body would not change is never
 * rewritten):
 * - always: create or update the comment on every run;
 * - on-failure: create it only when the verdict is not pass; once it exists, keep it
 *   up to date, so a fixed PR shows the pass;
 * - on-change: create it, then update it only when the outcome or totals change.
 */
export function upsertPolicy(mode: ReportSettings['comment'], outcome: ReportView['verdict']['outcome']): UpsertPolicy {
  if (mode === 'on-failure') return { create: outcome !== 'pass', changedWhen: 'body' };
  if (mode === 'on-change') return { create: true, changedWhen: 'state' };
  return { create: true, changedWhen: 'body' };
}

/** Publishes a judged report; see the module comment. */
export async function publish(view: ReportView, settings: ReportSettings, deps: PublishDeps, files: PublishFiles): Promise<PublishResult> {
  const { sink, context } = { sink: deps.sink, context: view.context };
  const secrets = [settings.githubToken];
  const warnings: string[] = [];
  const warn = (message: string): void => {
    const safe = redact(message, secrets);
    warnings.push(safe);
    sink.warning(safe);
  };
  const githubMs = deps.timeouts?.githubMs ?? 30_000;
  const artifactMs = deps.timeouts?.artifactMs ?? 300_000;

  let suppressionsFile: string | null = join(files.outDir, SUPPRESSIONS_FILE);
  try {
    writeFileSync(suppressionsFile, renderSuppressions(view.report));
  } catch (e) {
    warn(`Could not write ${suppressionsFile}: ${e instanceof Error ? e.message : String(e)}. The verdict does not depend on it.`);
    suppressionsFile = null;
  }

  const annotations = settings.annotations ? buildAnnotations(view) : [];
  for (const a of annotations) sink.annotate(a);

  let artifact: PublishResult['artifact'] = null;
  if (settings.uploadArtifact && deps.artifacts) {
    const name = settings.artifactName ?? defaultArtifactName(context);
    try {
      const staged = stageArtifactFiles(files.outDir, suppressionsFile ? [...files.files, suppressionsFile] : files.files);
      const up = await uploadReportArtifact(deps.artifacts, name, staged, files.outDir, settings.retentionDays, artifactMs);
      artifact = { id: up.id, url: context.runUrl ? `${context.runUrl}/artifacts/${up.id}` : null };
      sink.info(`Uploaded artifact '${name}' (id ${up.id}) with ${staged.length} files.`);
    } catch (e) {
      warn(describeFault('artifact', e, { fromFork: context.fromFork === true, secrets, timeoutMs: artifactMs, artifactName: name }));
    }
  }
  const linked: ReportView = { ...view, artifactUrl: artifact?.url ?? view.artifactUrl ?? null };

  let summary = false;
  try {
    await sink.appendSummary(renderSummary(linked));
    summary = true;
  } catch (e) {
    warn(`Could not write the job summary: ${e instanceof Error ? e.message : String(e)}. The verdict does not depend on it.`);
  }

  let comment: CommentOutcome;
  const skip = commentSkipReason(view, settings, deps);
  if (skip !== null || deps.commentClient === null || context.prNumber === null || context.repository === null) {
    comment = { action: 'skipped', reason: skip ?? 'no pull request' };
  } else {
    const [owner = '', repo = ''] = context.repository.split('/');
    const target = { owner, repo, issueNumber: context.prNumber };
    const key = settings.commentKey ?? defaultCommentKey(context);
    try {
      const res = await upsertComment(deps.commentClient(settings.githubToken), target, key, renderComment(linked, key), upsertPolicy(settings.comment, view.verdict.outcome));
      comment = res.action === 'skipped' ? { action: 'skipped', reason: 'the verdict is pass and no comment exists yet (comment: on-failure)' } : res;
      sink.info(res.action === 'skipped' ? 'No PR comment: the verdict is pass (comment: on-failure).' : `PR comment ${res.action}: ${res.url}`);
    } catch (e) {
      const message = describeFault('comment', e, { fromFork: context.fromFork === true, secrets, timeoutMs: githubMs, target: `PR #${context.prNumber} in ${context.repository}` });
      warn(message);
      comment = { action: 'failed', reason: message };
    }
  }
  return { annotations: annotations.length, summary, artifact, comment, suppressionsFile, warnings };
}
