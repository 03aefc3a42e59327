/** The sticky comment through the real @actions/github Octokit, against a fake GitHub on 127.0.0.1. */

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createOctokit, octokitCommentClient } from '../../src/publish/github-client.ts';
import { commentMarker } from '../../src/publish/pr-comment.ts';
import { findStickyComment, upsertComment } from '../../src/publish/sticky-comment.ts';
import { FakeGitHub } from './fakes/github-server.ts';

const TOKEN = 'ghs_faketoken0123456789abcdefghijklmnop';
const target = { owner: 'fluent', repo: 'fluent-bit', issueNumber: 7 };
const body = (key: string, text: string): string => `${commentMarker(key)}\n${text}`;

describe('upsertComment with the real Octokit', () => {
  let gh: FakeGitHub;
  const client = () => octokitCommentClient(createOctokit(TOKEN, { baseUrl: gh.url, timeoutMs: 500 }));

  before(async () => {
    gh = await new FakeGitHub({ maxPerPage: 10 }).start();
  });
  after(() => gh.close());
  beforeEach(() => {
    gh.comments.length = 0;
    gh.requests.length = 0;
    gh.fault = 'ok';
  });

  it('creates the comment when there is none, sending the token only as a header', async () => {
    const res = await upsertComment(client(), target, 'k', body('k', 'hello'));
    assert.equal(res.action, 'created');
    assert.equal(gh.comments.length, 1);
    const post = gh.requests.find((r) => r.method === 'POST');
    assert.equal(post?.path, '/repos/fluent/fluent-bit/issues/7/comments');
    assert.equal(post?.headers.authorization, `token ${TOKEN}`);
    assert.ok(gh.requests.every((r) => !r.path.includes(TOKEN) && !r.body.includes(TOKEN)));
  });

  it('finds its comment on a later page among others, updates it in place', async () => {
    for (let i = 0; i < 25; i++) gh.seed(7, `chatter ${i}`, { login: 'someone', type: 'User' });
    const ours = gh.seed(7, body('k', 'old'));
    for (let i = 0; i < 5; i++) gh.seed(7, `more ${i}`, { login: 'someone', type: 'User' });
    const res = await upsertComment(client(), target, 'k', body('k', 'new'));
    assert.equal(res.action, 'updated');
    assert.equal(ours.body, body('k', 'new'));
    assert.equal(gh.comments.length, 31, 'no new comment');
    const pages = gh.requests.filter((r) => r.method === 'GET' && r.path.includes('/comments'));
    assert.equal(pages.length, 3, 'followed the Link header to page 3 and stopped');
    assert.ok(gh.requests.some((r) => r.method === 'PATCH' && r.path === `/repos/fluent/fluent-bit/issues/comments/${ours.id}`));
  });

  it('leaves an unchanged comment alone', async () => {
    gh.seed(7, body('k', 'same'));
    const res = await upsertComment(client(), target, 'k', body('k', 'same'));
    assert.equal(res.action, 'unchanged');
    assert.ok(gh.requests.every((r) => r.method === 'GET'));
  });

  it('keeps one comment per key', async () => {
    gh.seed(7, body('job-a', 'a'));
    const res = await upsertComment(client(), target, 'job-b', body('job-b', 'b'));
    assert.equal(res.action, 'created');
    assert.equal(gh.comments.length, 2);
  });

  it("ignores a person's comment that carries the marker (GITHUB_TOKEN cannot ask who it is: bots only)", async () => {
    gh.seed(7, body('k', 'pasted by a user'), { login: 'mallory', type: 'User' });
    const found = await findStickyComment(client(), target, 'k');
    assert.equal(found, null);
    assert.ok(gh.requests.some((r) => r.path === '/user'), 'asked once who it is');
  });

  it('with a token that can say who it is (a PAT), matches that login only', async () => {
    const pat = await new FakeGitHub({ viewer: 'ci-user', author: { login: 'ci-user', type: 'User' } }).start();
    try {
      const c = octokitCommentClient(createOctokit(TOKEN, { baseUrl: pat.url, timeoutMs: 500 }));
      pat.seed(7, body('k', 'bot'), { login: 'other-bot[bot]', type: 'Bot' });
      const mine = pat.seed(7, body('k', 'mine'), { login: 'ci-user', type: 'User' });
      const res = await upsertComment(c, target, 'k', body('k', 'updated'));
      assert.equal(res.action, 'updated');
      assert.equal(mine.body, body('k', 'updated'));
    } finally {
      await pat.close();
    }
  });

  it('on-failure with a pass: does not create, but updates an existing comment', async () => {
    const policy = { create: false, changedWhen: 'body' as const };
    assert.equal((await upsertComment(client(), target, 'k', body('k', 'pass'), policy)).action, 'skipped');
    assert.equal(gh.comments.length, 0);
    gh.seed(7, body('k', 'fail'));
    assert.equal((await upsertComment(client(), target, 'k', body('k', 'pass'), policy)).action, 'updated');
  });

  it('on-change: compares the state lines only', async () => {
    const policy = { create: true, changedWhen: 'state' as const };
    const state = (s: string): string => `<!-- flb-valgrind-state: ${s} -->`;
    gh.seed(7, body('k', `${state('fail definitelyLost=40/1')}\nrun 1`));
    assert.equal((await upsertComment(client(), target, 'k', body('k', `${state('fail definitelyLost=40/1')}\nrun 2`), policy)).action, 'unchanged');
    assert.equal((await upsertComment(client(), target, 'k', body('k', `${state('pass definitelyLost=0/0')}\nrun 3`), policy)).action, 'updated');
  });

  for (const fault of ['fork-403', 'unauthorized-401', 'not-found-404', 'server-500', 'rate-limit-403', 'rate-limit-429'] as const) {
    it(`passes a ${fault} on as Octokit's RequestError with its status`, async () => {
      gh.fault = fault;
      gh.faultOn = fault === 'fork-403' ? 'writes' : 'all';
      await assert.rejects(upsertComment(client(), target, 'k', body('k', 'x')), (e: { status?: number }) => typeof e.status === 'number' && e.status >= 400);
    });
  }

  it('gives up on a request that hangs after the timeout', async () => {
    gh.fault = 'hang';
    const t0 = Date.now();
    await assert.rejects(upsertComment(client(), target, 'k', body('k', 'x')), (e: Error) => /abort|timeout/i.test(`${e.name} ${e.message}`));
    assert.ok(Date.now() - t0 < 5_000);
  });
});
