/**
 * The sticky comment: find this step's comment on the PR by its hidden marker among
 * comments by the same author, then create it, update it in place, or leave it alone
 * when nothing changed. Client first; the client is the small slice of Octokit used.
 */

import { commentMarker, stateOf } from './pr-comment.ts';

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface IssueComment {
  id: number;
  body: string;
  authorLogin: string | null;
  /** GitHub's `user.type`: 'User', 'Bot', 'Organization'. */
  authorType: string | null;
  url: string;
}

export interface CommentClient {
  /** The issue's comments, page by page, oldest first. */
  listComments(target: CommentTarget): AsyncIterable<IssueComment[]>;
  createComment(target: CommentTarget, body: string): Promise<IssueComment>;
  updateComment(target: CommentTarget, commentId: number, body: string): Promise<IssueComment>;
  /**
   * The login the token acts as, or null when the API will not say: the workflow's
   * GITHUB_TOKEN (an app installation token) gets 403 from GET /user.
   */
  viewerLogin(): Promise<string | null>;
}

export interface UpsertPolicy {
  /** Create the comment when there is none (false: only keep an existing one up to date). */
  create: boolean;
  /** What must differ for an update: the whole body, or only the state line (outcome and totals). */
  changedWhen: 'body' | 'state';
}

export type UpsertResult = { action: 'created' | 'updated' | 'unchanged'; url: string } | { action: 'skipped'; url: null };

/**
 * True when `c` is ours: it starts with the marker and was written by the token's
 * user, or, when the token cannot tell who it is, by a bot (a person cannot be type
 * Bot, so a user pasting the marker cannot take the comment over).
 */
function isOurs(c: IssueComment, marker: string, viewer: string | null): boolean {
  if (!c.body.trimStart().startsWith(marker)) return false;
  return viewer !== null ? c.authorLogin === viewer : c.authorType === 'Bot';
}

/** Finds the first comment with `key`'s marker by the same author; null when there is none. */
export async function findStickyComment(client: CommentClient, target: CommentTarget, key: string): Promise<IssueComment | null> {
  const marker = commentMarker(key);
  let viewer: string | null | undefined;
  for await (const page of client.listComments(target)) {
    for (const c of page) {
      if (!c.body.trimStart().startsWith(marker)) continue;
      // Ask who we are only when a candidate turns up: most runs find none.
      if (viewer === undefined) viewer = await client.viewerLogin();
      if (isOurs(c, marker, viewer)) return c;
    }
  }
  return null;
}

/** Creates or updates the comment for `key` with `body` (which starts with the marker), or leaves it. */
export async function upsertComment(
  client: CommentClient,
  target: CommentTarget,
  key: string,
  body: string,
  policy: UpsertPolicy = { create: true, changedWhen: 'body' },
): Promise<UpsertResult> {
  const existing = await findStickyComment(client, target, key);
  if (!existing) {
    if (!policy.create) return { action: 'skipped', url: null };
    const created = await client.createComment(target, body);
    return { action: 'created', url: created.url };
  }
  const same = policy.changedWhen === 'state' ? stateOf(existing.body) === stateOf(body) && stateOf(body) !== null : existing.body.trim() === body.trim();
  if (same) return { action: 'unchanged', url: existing.url };
  const updated = await client.updateComment(target, existing.id, body);
  return { action: 'updated', url: updated.url };
}
