/**
 * Turns a failure of GitHub's API or the artifact service into one warning that says
 * what happened and what to do. Publishing never changes the verdict, and no message
 * carries the token or a signed URL.
 */

export type Service = 'comment' | 'artifact';

export interface FaultContext {
  /** The pull request comes from a fork: its token is read-only. */
  fromFork: boolean;
  /** Secrets to strip from any text that reaches a message. */
  secrets: string[];
  timeoutMs: number;
  target?: string;
  artifactName?: string;
}

/** The error a timeout wrapper throws. */
export class PublishTimeoutError extends Error {
  override name = 'TimeoutError';
}

const WHAT: Record<Service, string> = { comment: 'The PR comment was not posted', artifact: 'The report artifact was not uploaded' };
const NOT_VERDICT = 'The verdict does not depend on it.';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

interface Facts {
  status: number | null;
  message: string;
  headers: Record<string, string>;
  timeout: boolean;
  network: string | null;
}

function facts(err: unknown): Facts {
  const e = isRecord(err) ? err : {};
  const message = typeof e['message'] === 'string' ? e['message'] : String(err);
  const cause = isRecord(e['cause']) ? e['cause'] : {};
  const name = typeof e['name'] === 'string' ? e['name'] : '';
  const causeName = typeof cause['name'] === 'string' ? cause['name'] : '';
  const timeout = ['TimeoutError', 'AbortError'].includes(name) || ['TimeoutError', 'AbortError'].includes(causeName);
  const codeOf = (x: Record<string, unknown>): string | null => (typeof x['code'] === 'string' && /^E[A-Z]+$/.test(x['code']) ? x['code'] : null);
  const innerCause = isRecord(cause['cause']) ? cause['cause'] : {};
  const network = codeOf(e) ?? codeOf(cause) ?? codeOf(innerCause) ?? (/\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH)\b/.exec(message)?.[1] ?? null);
  // Octokit: RequestError.status; @actions/artifact: "Failed request: (403) Forbidden: ...".
  const direct = typeof e['status'] === 'number' ? e['status'] : null;
  const parsed = /\((\d{3})\)/.exec(message)?.[1];
  // Octokit reports fetch failures (timeouts, refused connections) as status 500 with a cause.
  const status = timeout || (network && direct === 500) ? null : direct ?? (parsed ? Number(parsed) : null);
  const response = isRecord(e['response']) ? e['response'] : {};
  const rawHeaders = isRecord(response['headers']) ? response['headers'] : {};
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawHeaders)) if (typeof v === 'string' || typeof v === 'number') headers[k.toLowerCase()] = String(v);
  return { status, message, headers, timeout, network };
}

/** Removes secrets and signed-URL signatures from text. */
export function redact(text: string, secrets: string[]): string {
  let out = text.replace(/([?&](?:sig|se|sv|st|sp|skoid|sktid)=)[^&\s"']+/gi, '$1***');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out.replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***');
}

/** GitHub's message: the first line, without its documentation link, at most 300 characters. */
function gist(message: string): string {
  const first = message.split('\n')[0] ?? '';
  return first.replace(/ - https:\/\/docs\.github\.com\S*/, '').slice(0, 300);
}

function resetTime(headers: Record<string, string>): string {
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return ` (it resets at ${new Date(reset * 1000).toISOString().replace('.000Z', 'Z')})`;
  const after = Number(headers['retry-after']);
  return Number.isFinite(after) && after > 0 ? ` (retry after ${after} s)` : '';
}

/** The warning for a failed comment or artifact upload. */
export function describeFault(service: Service, err: unknown, ctx: FaultContext): string {
  const f = facts(err);
  const what = WHAT[service];
  const said = f.status !== null ? `${service === 'comment' ? 'GitHub' : 'The artifact service'} answered ${f.status}: "${gist(f.message)}"` : '';
  const github = service === 'comment';
  let advice: string;
  if (f.timeout) {
    const secs = `${(ctx.timeoutMs / 1000).toFixed(ctx.timeoutMs < 10_000 ? 1 : 0)} s`;
    // The artifact client retries 5xx and 429 itself, so a persistent server error ends here too.
    const late = github ? `GitHub did not answer within ${secs}` : `The artifact service did not answer within ${secs} (its client retries server errors and rate limits until then)`;
    advice = `${late}. It is usually temporary: re-run the job, and check https://www.githubstatus.com.`;
  } else if (f.network) {
    advice = `${github ? 'GitHub' : 'The artifact service'} could not be reached (${f.network}). On a self-hosted runner, check its network access to GitHub.`;
  } else if (f.status === 429 || (f.status === 403 && (f.headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(f.message)))) {
    advice = `${said}. The API rate limit was hit${resetTime(f.headers)}: re-run the job after that.`;
  } else if (github && f.status === 403 && ctx.fromFork) {
    advice = `${said}. This pull request comes from a fork, and GitHub gives workflows of fork PRs a read-only token. The report is in the job summary and the artifact. To comment on fork PRs, set \`comment: never\` here and post from a second workflow on \`workflow_run\`: see docs/forks.md (the two-workflow pattern).`;
  } else if (github && f.status === 403) {
    advice = `${said}. The token may not write comments: give the job \`permissions: pull-requests: write\`, or pass a \`github-token\` that can. If this PR comes from a fork, see docs/forks.md (the two-workflow pattern).`;
  } else if (github && f.status === 401) {
    advice = `${said}. The token was rejected: check the \`github-token\` input.`;
  } else if (f.status === 404) {
    advice = github
      ? `${said}. ${ctx.target ?? 'The pull request'} or its comment was not found, or the token cannot see the repository (a token for another repository?).`
      : `${said}. The workflow run was not found by the artifact service; re-run the job.`;
  } else if (!github && f.status === 409) {
    advice = `${said}. An artifact named '${ctx.artifactName ?? ''}' already exists in this run: give each job and matrix leg its own \`artifact-name\`.`;
  } else if (github && f.status === 422) {
    advice = `${said}. GitHub refused the comment body.`;
  } else if (f.status !== null && f.status >= 500) {
    advice = `${said}. This is an error on GitHub's side, usually temporary: re-run the job, and check https://www.githubstatus.com.`;
  } else if (f.status !== null) {
    advice = `${said}.`;
  } else if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(f.message)) {
    advice = 'Artifacts can only be uploaded from a step of a GitHub Actions job (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set). Outside Actions, set `upload-artifact: false`.';
  } else if (/quota|insufficient usage/i.test(f.message)) {
    advice = "The account's artifact storage quota is used up: delete old artifacts or lower `retention-days`.";
  } else {
    advice = `${gist(f.message)}.`;
  }
  return redact(`${what}. ${advice} ${NOT_VERDICT}`, ctx.secrets);
}

/** Resolves like `p`, or rejects with PublishTimeoutError after `ms`; `p`'s late rejection is ignored. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishTimeoutError(`${what} did not finish within ${ms} ms`)), ms);
  });
  p.catch(() => undefined);
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
