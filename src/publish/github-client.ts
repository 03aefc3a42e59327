/** The CommentClient over @actions/github's Octokit, with a timeout per request. */

import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import type { CommentClient, CommentTarget, IssueComment } from './sticky-comment.ts';

type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  /** The REST API root; default GITHUB_API_URL as @actions/github read it at import. Tests pass a local server. */
  baseUrl?: string;
  /** Per request; a request that takes longer fails with a TimeoutError. */
  timeoutMs: number;
}

interface RawComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login: string; type: string } | null;
}

function toComment(c: RawComment): IssueComment {
  return { id: c.id, body: c.body ?? '', authorLogin: c.user?.login ?? null, authorType: c.user?.type ?? null, url: c.html_url };
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * An Octokit whose every request is aborted after `timeoutMs`; it has no retries (a
 * fault is reported, not retried). The timeout wraps @actions/github's own fetch,
 * which carries the runner's proxy settings: a signal set from a request hook does
 * not reach fetch (measured: the request hung), so it is set here.
 */
export function createOctokit(token: string, options: GitHubClientOptions): Octokit {
  const base = (defaults.request?.fetch ?? fetch) as Fetch;
  const timed: Fetch = (url, init) => base(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  return getOctokit(token, { ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), request: { ...defaults.request, fetch: timed } });
}

/** The comment operations the sticky comment needs, on an Octokit. */
export function octokitCommentClient(octokit: Octokit): CommentClient {
  return {
    async *listComments(t: CommentTarget) {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner: t.owner, repo: t.repo, issue_number: t.issueNumber, per_page: 100 });
      for await (const page of pages) yield page.data.map(toComment);
    },
    async createComment(t, body) {
      const res = await octokit.rest.issues.createComment({ owner: t.owner, repo: t.repo, issue_number: t.issueNumber, body });
      return toComment(res.data);
    },
    async updateComment(t, commentId, body) {
      const res = await octokit.rest.issues.updateComment({ owner: t.owner, repo: t.repo, comment_id: commentId, body });
      return toComment(res.data);
    },
    async viewerLogin() {
      try {
        return (await octokit.rest.users.getAuthenticated()).data.login;
      } catch {
        // GITHUB_TOKEN: 403 "Resource not accessible by integration". Bots are matched instead.
        return null;
      }
    },
  };
}
