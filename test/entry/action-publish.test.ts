// The action's bundle publishing to a fake GitHub on 127.0.0.1: a PR run that comments,
// a fork's read-only token (a warning, the verdict unchanged), and the second workflow of
// the fork pattern (docs/forks.md) publishing an earlier run's report.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileProgram } from '../helpers/c-programs.ts';
import { FakeGitHub } from '../publish/fakes/github-server.ts';
import { bundleMissing, runAction } from './bundle.ts';

const missing = bundleMissing();
const TOKEN = 'ghs_secretTokenThatMustNeverBePrinted';
/** The log without the runner's own masking command, which is how a token is hidden. */
const leaked = (r: { stdout: string; stderr: string }): boolean =>
  (r.stdout + r.stderr).split('\n').some((l) => l.includes(TOKEN) && l !== `::add-mask::${TOKEN}`);

const quick = { duration: '1', 'shutdown-timeout': '20', 'github-token': TOKEN };

async function prEnv(github: FakeGitHub, pr: number): Promise<NodeJS.ProcessEnv> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-event-'));
  const event = path.join(dir, 'event.json');
  await writeFile(event, JSON.stringify({ pull_request: { number: pr, head: { repo: { full_name: 'o/r' } }, base: { repo: { full_name: 'o/r' } } } }));
  return {
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_SHA: 'abc123',
    GITHUB_RUN_ID: '42',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_WORKFLOW: 'leaks',
    GITHUB_JOB: 'valgrind',
  };
}

test('on a pull request the action posts one sticky comment, then leaves it alone when nothing changed', { skip: missing ?? false }, async () => {
  const github = await new FakeGitHub().start();
  try {
    const binary = await compileProgram('leaky-daemon');
    const env = await prEnv(github, 7);
    const first = await runAction({ binary, ...quick }, env);
    assert.equal(first.code, 1, first.stdout);
    assert.equal(github.comments.length, 1);
    const comment = github.comments[0]!;
    assert.equal(comment.issue, 7);
    assert.match(comment.body, /<!-- flb-valgrind-action:leaks \/ valgrind -->/);
    assert.match(comment.body, /Definitely lost/);
    assert.equal(first.outputs.get('comment-url'), comment.html_url);
    assert.ok(!leaked(first), 'the token is never printed');
    assert.ok(first.stdout.startsWith(`::add-mask::${TOKEN}`), 'masked before anything else is logged');

    const second = await runAction({ binary, ...quick }, env);
    assert.equal(second.code, 1);
    assert.equal(github.comments.length, 1, 'updated in place, not posted again');
    assert.equal(github.requests.filter((r) => r.method === 'POST').length, 1);
  } finally {
    await github.close();
  }
});

test('matrix legs keep one comment each when the workflow passes the matrix', { skip: missing ?? false }, async () => {
  const github = await new FakeGitHub().start();
  try {
    const binary = await compileProgram('clean-daemon');
    const env = await prEnv(github, 11);
    for (const os of ['ubuntu-22.04', 'ubuntu-24.04']) {
      const r = await runAction({ binary, ...quick, matrix: JSON.stringify({ os }) }, env);
      assert.equal(r.code, 0, r.stdout);
    }
    assert.deepEqual(github.comments.map((c) => /<!-- flb-valgrind-action:(.*?) -->/.exec(c.body)?.[1]), ['leaks / valgrind / ubuntu-22.04', 'leaks / valgrind / ubuntu-24.04']);
  } finally {
    await github.close();
  }
});

test("a fork's read-only token: one warning that explains the two-workflow pattern; the verdict stands", { skip: missing ?? false }, async () => {
  const github = await new FakeGitHub().start();
  github.fault = 'fork-403';
  github.faultOn = 'writes';
  try {
    const binary = await compileProgram('clean-daemon');
    const r = await runAction({ binary, ...quick }, await prEnv(github, 8));
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.outputs.get('verdict'), 'pass');
    assert.match(r.stdout, /::warning::.*403.*docs\/forks\.md|::warning::.*fork.*two/i);
    assert.ok(!leaked(r), 'the token is never printed');
  } finally {
    await github.close();
  }
});

test('the second workflow publishes an earlier report.json with its own thresholds and pr-number', { skip: missing ?? false }, async () => {
  const github = await new FakeGitHub().start();
  try {
    const binary = await compileProgram('leaky-daemon');
    // The PR workflow: run, no comment.
    const pr = await runAction({ binary, ...quick, comment: 'never' });
    assert.equal(pr.code, 1);
    assert.equal(github.comments.length, 0);
    const reportFile = pr.outputs.get('report') as string;

    // The workflow_run workflow: nothing is run; the report is published on PR 9.
    const env = { ...(await prEnv(github, 1)), GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: '' };
    const publish = await runAction(
      { 'report-file': reportFile, 'pr-number': '9', 'max-definitely-lost-bytes': '1000', 'max-possibly-lost-bytes': '1000', 'github-token': TOKEN, 'comment-key': 'leaks' },
      env,
    );
    assert.equal(publish.code, 0, publish.stdout);
    assert.equal(publish.outputs.get('verdict'), 'pass', 'judged again with this step\'s thresholds');
    assert.equal(publish.outputs.get('definitely-lost-bytes'), '56');
    assert.doesNotMatch(publish.stdout, /::group::Program output/, 'nothing ran');
    assert.equal(github.comments.length, 1);
    assert.equal(github.comments[0]!.issue, 9);
    assert.match(github.comments[0]!.body, /<!-- flb-valgrind-action:leaks -->/);
  } finally {
    await github.close();
  }
});

test('a report-file that is not a report is refused with its name and the reason', { skip: missing ?? false }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-badreport-'));
  const file = path.join(dir, 'report.json');
  await writeFile(file, JSON.stringify({ schemaVersion: 1, complete: true, totals: { definitelyLost: { bytes: -1, blocks: 0 } } }));
  const r = await runAction({ 'report-file': file });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error::'report-file' .*report\.json is not a flb-valgrind report \(schemaVersion 1\): incompleteReasons not a list/);
  await writeFile(file, '{"schemaVersion": 1, ');
  const r2 = await runAction({ 'report-file': file });
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, /::error::'report-file' .*report\.json cannot be read as JSON/);
});
