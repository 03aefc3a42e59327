/**
 * Where the report is published: plain data the renderers take instead of reading the
 * environment. `readPublishContext` is the one adapter that reads GITHUB_* variables
 * and the event payload; everything else receives a PublishContext.
 */

import { commentSafe } from './escape.ts';

export interface PublishContext {
  /** Absolute path of the checkout; stack frames under it become repository-relative links. '' when unknown. */
  workspace: string;
  serverUrl: string;
  /** owner/name; null outside GitHub Actions (no links are made). */
  repository: string | null;
  sha: string | null;
  /** `$SERVER/$REPO/actions/runs/$RUN_ID`: the run page, where the job summary is. */
  runUrl: string | null;
  eventName: string | null;
  /** The pull request the comment goes to, when the event names one. */
  prNumber: number | null;
  workflow: string | null;
  job: string | null;
  /** `toJSON(matrix)` of the job, when it has one. */
  matrix: string | null;
  /** The pull request's head is in another repository (a fork): its token is read-only. */
  fromFork?: boolean;
}

/** A context with nothing known: the CLI outside GitHub Actions. Renderers make no links. */
export function localContext(workspace: string): PublishContext {
  return {
    workspace,
    serverUrl: 'https://github.com',
    repository: null,
    sha: null,
    runUrl: null,
    eventName: null,
    prNumber: null,
    workflow: null,
    job: null,
    matrix: null,
  };
}

const nonEmpty = (s: string | undefined): string | null => (s && s.trim() !== '' ? s : null);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function field(x: unknown, ...path: (string | number)[]): unknown {
  let cur = x;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[key];
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[key];
    }
  }
  return cur;
}

const positiveInt = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : null);

/**
 * The pull request number of an event payload: `pull_request.number` (pull_request,
 * pull_request_target, pull_request_review...), `issue.number` when the issue is a PR,
 * or `workflow_run.pull_requests[0].number`. GitHub leaves `workflow_run.pull_requests`
 * empty for PRs from forks: see docs/forks.md for how the second workflow finds it.
 */
export function prNumberFromPayload(payload: unknown): number | null {
  return (
    positiveInt(field(payload, 'pull_request', 'number')) ??
    (field(payload, 'issue', 'pull_request') !== undefined ? positiveInt(field(payload, 'issue', 'number')) : null) ??
    positiveInt(field(payload, 'workflow_run', 'pull_requests', 0, 'number'))
  );
}

/** True when the payload's pull request comes from another repository than its base. */
export function isForkPayload(payload: unknown): boolean {
  const head = field(payload, 'pull_request', 'head', 'repo', 'full_name') ?? field(payload, 'workflow_run', 'head_repository', 'full_name');
  const base = field(payload, 'pull_request', 'base', 'repo', 'full_name') ?? field(payload, 'workflow_run', 'repository', 'full_name');
  return typeof head === 'string' && typeof base === 'string' && head !== base;
}

/**
 * Reads the context from the Actions environment and the parsed event payload
 * (the JSON in `$GITHUB_EVENT_PATH`; pass null when there is none). `cwd` is the
 * workspace when GITHUB_WORKSPACE is not set (the CLI).
 */
export function readPublishContext(env: NodeJS.ProcessEnv, payload: unknown, cwd = ''): PublishContext {
  const serverUrl = (nonEmpty(env['GITHUB_SERVER_URL']) ?? 'https://github.com').replace(/\/+$/, '');
  const repository = nonEmpty(env['GITHUB_REPOSITORY']);
  const runId = nonEmpty(env['GITHUB_RUN_ID']);
  return {
    workspace: nonEmpty(env['GITHUB_WORKSPACE']) ?? cwd,
    serverUrl,
    repository,
    sha: nonEmpty(env['GITHUB_SHA']),
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : null,
    eventName: nonEmpty(env['GITHUB_EVENT_NAME']),
    prNumber: prNumberFromPayload(payload),
    workflow: nonEmpty(env['GITHUB_WORKFLOW']),
    job: nonEmpty(env['GITHUB_JOB']),
    matrix: null,
    fromFork: isForkPayload(payload),
  };
}

/** The values of a `toJSON(matrix)` string, in order, joined with ', '; null when there is no matrix. */
export function matrixValues(matrix: string | null): string | null {
  if (!matrix || matrix.trim() === '' || matrix.trim() === 'null') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(matrix);
  } catch {
    return matrix.trim();
  }
  if (!isRecord(parsed)) return String(parsed);
  const values = Object.values(parsed).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > 0 ? values.join(', ') : null;
}

/**
 * The default comment key: workflow, job and matrix values, so two jobs (or matrix
 * legs) of one PR keep one comment each. Safe inside an HTML comment.
 */
export function defaultCommentKey(ctx: PublishContext): string {
  const parts = [ctx.workflow, ctx.job, matrixValues(ctx.matrix)].filter((p): p is string => p !== null && p !== '');
  return commentSafe(parts.length > 0 ? parts.join(' / ') : 'default');
}

/**
 * The default artifact name: `flb-valgrind-` plus the job and matrix values, so jobs
 * and matrix legs of one run do not collide; without the characters artifact names
 * may not hold (`" : < > | * ? \ /`, line breaks).
 */
export function defaultArtifactName(ctx: PublishContext): string {
  const parts = ['flb-valgrind', ctx.job, matrixValues(ctx.matrix)].filter((p): p is string => p !== null && p !== '');
  return parts
    .join('-')
    .replace(/[":<>|*?\\/\r\n]+/g, '_')
    .replace(/\s*,\s*/g, '-')
    .replace(/\s+/g, '_')
    .slice(0, 200);
}
