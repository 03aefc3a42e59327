import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultArtifactName, defaultCommentKey, localContext, matrixValues, readPublishContext } from '../../src/publish/context.ts';

const ENV = {
  GITHUB_WORKSPACE: '/home/runner/work/fb/fb',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'fluent/fluent-bit',
  GITHUB_SHA: 'abc123',
  GITHUB_RUN_ID: '42',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_WORKFLOW: 'leaks',
  GITHUB_JOB: 'valgrind',
};

describe('readPublishContext', () => {
  it('reads the Actions variables and the PR number of a pull_request payload', () => {
    const payload = { pull_request: { number: 7, head: { repo: { full_name: 'fluent/fluent-bit' } }, base: { repo: { full_name: 'fluent/fluent-bit' } } } };
    assert.deepEqual(readPublishContext(ENV, payload), {
      workspace: '/home/runner/work/fb/fb',
      serverUrl: 'https://github.com',
      repository: 'fluent/fluent-bit',
      sha: 'abc123',
      runUrl: 'https://github.com/fluent/fluent-bit/actions/runs/42',
      eventName: 'pull_request',
      prNumber: 7,
      workflow: 'leaks',
      job: 'valgrind',
      matrix: null,
      fromFork: false,
    });
  });

  it('tells a fork PR apart', () => {
    const payload = { pull_request: { number: 7, head: { repo: { full_name: 'someone/fluent-bit' } }, base: { repo: { full_name: 'fluent/fluent-bit' } } } };
    assert.equal(readPublishContext(ENV, payload).fromFork, true);
  });

  it('takes the PR of a workflow_run from pull_requests[0], and knows a fork run by its head repository', () => {
    const run = { workflow_run: { pull_requests: [{ number: 12 }], head_repository: { full_name: 'someone/fluent-bit' }, repository: { full_name: 'fluent/fluent-bit' } } };
    const ctx = readPublishContext({ ...ENV, GITHUB_EVENT_NAME: 'workflow_run' }, run);
    assert.equal(ctx.prNumber, 12);
    assert.equal(ctx.fromFork, true);
    assert.equal(readPublishContext(ENV, { workflow_run: { pull_requests: [] } }).prNumber, null, 'GitHub leaves it empty for forks');
  });

  it('a PR comment event (issue_comment on a PR) and a push', () => {
    assert.equal(readPublishContext(ENV, { issue: { number: 3, pull_request: { url: 'x' } } }).prNumber, 3);
    assert.equal(readPublishContext(ENV, { issue: { number: 3 } }).prNumber, null, 'an issue is not a PR');
    assert.equal(readPublishContext({ ...ENV, GITHUB_EVENT_NAME: 'push' }, { ref: 'refs/heads/main' }).prNumber, null);
  });

  it('outside Actions: nothing known, the given directory as workspace, no links', () => {
    const ctx = readPublishContext({}, null, '/src/fluent-bit');
    assert.deepEqual(ctx, { ...localContext('/src/fluent-bit'), fromFork: false });
  });
});

describe('default names', () => {
  const ctx = { ...localContext('/w'), workflow: 'leaks', job: 'valgrind' };

  it('comment key: workflow / job / matrix values, safe in an HTML comment', () => {
    assert.equal(defaultCommentKey(ctx), 'leaks / valgrind');
    assert.equal(defaultCommentKey({ ...ctx, matrix: '{"os":"ubuntu-24.04","flb":"5.1"}' }), 'leaks / valgrind / ubuntu-24.04, 5.1');
    assert.equal(defaultCommentKey({ ...ctx, workflow: 'a --> b' }), 'a -_ b / valgrind');
    assert.equal(defaultCommentKey(localContext('/w')), 'default');
  });

  it('artifact name: flb-valgrind- plus job and matrix values, without forbidden characters', () => {
    assert.equal(defaultArtifactName(ctx), 'flb-valgrind-valgrind');
    assert.equal(defaultArtifactName({ ...ctx, matrix: '{"os":"ubuntu-24.04","cc":"gcc/12"}' }), 'flb-valgrind-valgrind-ubuntu-24.04-gcc_12');
    assert.equal(defaultArtifactName(localContext('/w')), 'flb-valgrind');
  });

  it('matrix values: JSON object values in order; null and empty mean none', () => {
    assert.equal(matrixValues('{"a":1,"b":{"c":true}}'), '1, {"c":true}');
    assert.equal(matrixValues('null'), null);
    assert.equal(matrixValues(''), null);
    assert.equal(matrixValues('not json'), 'not json');
  });
});
