/**
 * A fake GitHub REST API on 127.0.0.1 with the calls the sticky comment uses: list an
 * issue's comments (paginated with a Link header, as GitHub does), create one, update
 * one, GET /user. Records every request and can answer with the faults GitHub gives.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody, sendJson, type RecordedRequest } from './http.ts';

export type GitHubFault =
  | 'ok'
  /** A fork PR's read-only GITHUB_TOKEN: reads work, writes get this 403. */
  | 'fork-403'
  | 'unauthorized-401'
  | 'not-found-404'
  | 'server-500'
  | 'rate-limit-403'
  | 'rate-limit-429'
  /** Accepts the request and never answers. */
  | 'hang';

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface FakeGitHubOptions {
  /** Comments per page when the client does not ask (GitHub: 30); the client asks for 100 but the fake caps at `maxPerPage`. */
  maxPerPage?: number;
  /** The login GET /user answers with; null: 403 as for GITHUB_TOKEN. */
  viewer?: string | null;
  /** Who new comments are by (default the workflow token's bot). */
  author?: { login: string; type: string };
}

export class FakeGitHub {
  url = '';
  readonly requests: RecordedRequest[] = [];
  readonly comments: StoredComment[] = [];
  fault: GitHubFault = 'ok';
  /** Which requests the fault applies to. */
  faultOn: 'all' | 'writes' = 'all';
  private nextId = 1000;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly options: FakeGitHubOptions = {}) {}

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }

  close(): Promise<void> {
    return close(this.server);
  }

  /** Adds a comment as if someone had posted it. */
  seed(issue: number, body: string, user = { login: 'github-actions[bot]', type: 'Bot' }): StoredComment {
    const c = { id: this.nextId++, issue, body, user, html_url: `https://github.com/o/r/pull/${issue}#issuecomment-${this.nextId}` };
    this.comments.push(c);
    return c;
  }

  private faultFor(method: string): GitHubFault {
    if (this.fault === 'ok') return 'ok';
    if (this.faultOn === 'writes' && method === 'GET') return 'ok';
    return this.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readBody(req)).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search, headers: req.headers, body });

    switch (this.faultFor(method)) {
      case 'hang':
        return;
      case 'fork-403':
        return sendJson(res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment', status: '403' });
      case 'unauthorized-401':
        return sendJson(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      case 'not-found-404':
        return sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      case 'server-500':
        return sendJson(res, 500, { message: 'Server Error' });
      case 'rate-limit-403':
        return sendJson(res, 403, { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' }, { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795000000' });
      case 'rate-limit-429':
        return sendJson(res, 429, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '60' });
      case 'ok':
        break;
    }

    let m: RegExpExecArray | null;
    if (method === 'GET' && url.pathname === '/user') {
      if (this.options.viewer) return sendJson(res, 200, { login: this.options.viewer, type: 'User' });
      return sendJson(res, 403, { message: 'Resource not accessible by integration', status: '403' });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const issue = Number(m[3]);
      if (method === 'GET') return this.list(res, url, issue);
      if (method === 'POST') {
        const { body: text } = JSON.parse(body) as { body: string };
        const c = this.seed(issue, text, this.options.author);
        return sendJson(res, 201, c);
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(m![3]));
      if (!c) return sendJson(res, 404, { message: 'Not Found' });
      c.body = (JSON.parse(body) as { body: string }).body;
      return sendJson(res, 200, c);
    }
    sendJson(res, 404, { message: `fake: no route for ${method} ${url.pathname}` });
  }

  private list(res: ServerResponse, url: URL, issue: number): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.options.maxPerPage ?? 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const all = this.comments.filter((c) => c.issue === issue);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number): string => {
      const u = new URL(url);
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(perPage));
      return u.toString();
    };
    const headers: Record<string, string> = {};
    if (page < last) headers['link'] = `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"`;
    sendJson(res, 200, all.slice((page - 1) * perPage, page * perPage), headers);
  }
}
