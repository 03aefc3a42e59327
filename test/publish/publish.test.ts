/**
 * publish() end to end: the real @actions/github and @actions/artifact clients talking
 * HTTP to fake GitHub and artifact services on 127.0.0.1, a recording sink for the
 * runner's log and summary. Faults end in one warning each, never a throw.
 */

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DefaultArtifactClient } from '@actions/artifact';
import type { ReportSettings } from '../../src/settings/types.ts';
import type { Annotation } from '../../src/publish/annotations.ts';
import { createOctokit, octokitCommentClient } from '../../src/publish/github-client.ts';
import { publish, type PublishDeps, type PublishSink } from '../../src/publish/publish.ts';
import type { ReportView } from '../../src/publish/report-view.ts';
import { FakeArtifactService, BLOB_SIG } from './fakes/artifact-server.ts';
import { FakeGitHub } from './fakes/github-server.ts';
import { typicalView } from './fixtures.ts';

const TOKEN = 'ghs_publishTestToken0123456789abcdefXYZ';

// Every assert.ok here has a message: without one, Node 20 builds the message from the
// source under tsx, and a failing assertion hung the test file (seen while writing these).

class RecordingSink implements PublishSink {
  annotations: Annotation[] = [];
  summaries: string[] = [];
  warnings: string[] = [];
  infos: string[] = [];
  failSummary = false;
  annotate(a: Annotation): void {
    this.annotations.push(a);
  }
  async appendSummary(md: string): Promise<void> {
    if (this.failSummary) throw new Error('GITHUB_STEP_SUMMARY is not writable');
    this.summaries.push(md);
  }
  warning(m: string): void {
    this.warnings.push(m);
  }
  info(m: string): void {
    this.infos.push(m);
  }
  all(): string {
    return [...this.summaries, ...this.warnings, ...this.infos, ...this.annotations.map((a) => JSON.stringify(a))].join('\n');
  }
}

const settings = (patch: Partial<ReportSettings> = {}): ReportSettings => ({
  prNumber: null,
  comment: 'always',
  commentKey: null,
  matrix: null,
  githubToken: TOKEN,
  annotations: true,
  uploadArtifact: true,
  artifactName: null,
  retentionDays: 5,
  ...patch,
});

describe('publish', () => {
  let gh: FakeGitHub;
  let art: FakeArtifactService;
  let outDir: string;
  let buildDir: string;
  let sink: RecordingSink;
  const saved = { ...process.env };

  const deps = (patch: Partial<PublishDeps> = {}, githubMs = 2_000, artifactMs = 10_000): PublishDeps => ({
    sink,
    commentClient: (token) => octokitCommentClient(createOctokit(token, { baseUrl: gh.url, timeoutMs: githubMs })),
    artifacts: new DefaultArtifactClient(),
    timeouts: { githubMs, artifactMs },
    ...patch,
  });
  const files = (): { outDir: string; files: string[] } => ({
    outDir,
    files: [join(outDir, 'report.json'), join(outDir, 'valgrind-4242.xml'), join(outDir, 'output.log'), join(buildDir, 'build.log'), join(outDir, 'missing.xml')],
  });
  const view = (): ReportView => typicalView();
  const assertNoSecrets = (): void => {
    const text = sink.all();
    assert.ok(!text.includes(TOKEN), 'the token never appears');
    assert.ok(!text.includes(BLOB_SIG), 'the blob signature never appears');
  };

  before(async () => {
    gh = await new FakeGitHub().start();
    art = await new FakeArtifactService().start();
    process.env['ACTIONS_RESULTS_URL'] = `${art.url}/`;
    process.env['ACTIONS_RUNTIME_TOKEN'] = FakeArtifactService.runtimeToken();
    delete process.env['GITHUB_SERVER_URL'];
    const root = mkdtempSync(join(tmpdir(), 'publish-'));
    outDir = join(root, 'out');
    buildDir = join(root, 'build');
    mkdirSync(outDir);
    mkdirSync(buildDir);
    writeFileSync(join(outDir, 'report.json'), JSON.stringify(typicalView().report));
    writeFileSync(join(outDir, 'valgrind-4242.xml'), '<valgrindoutput></valgrindoutput>');
    writeFileSync(join(outDir, 'output.log'), 'fluent-bit output\n');
    writeFileSync(join(buildDir, 'build.log'), 'cmake output\n');
  });
  after(async () => {
    process.env = saved;
    await gh.close();
    await art.close();
    rmSync(join(outDir, '..'), { recursive: true, force: true });
  });
  beforeEach(() => {
    sink = new RecordingSink();
    gh.comments.length = 0;
    gh.requests.length = 0;
    gh.fault = 'ok';
    gh.faultOn = 'all';
    art.fault = 'ok';
    art.faultCount = Infinity;
    art.requests.length = 0;
    art.blobs.clear();
  });

  it('annotates, uploads the artifact, writes the summary and creates the comment, all linked', async () => {
    const res = await publish(view(), settings(), deps(), files());
    assert.deepEqual(sink.warnings, []);
    assert.equal(res.annotations, 4);
    assert.equal(sink.annotations.length, 4);

    assert.ok(res.artifact, 'uploaded');
    assert.equal(res.artifact.url, `https://github.com/fluent/fluent-bit/actions/runs/42/artifacts/${res.artifact.id}`);
    const created = JSON.parse(art.requests[0]!.body) as { name: string; expires_at?: string };
    assert.equal(created.name, 'flb-valgrind-valgrind', 'the default name: flb-valgrind- plus the job');
    assert.ok(created.expires_at !== undefined, 'retention-days sets an expiry');
    const zip = [...art.blobs.values()][0]!.toString('latin1');
    for (const name of ['report.json', 'valgrind-4242.xml', 'output.log', 'attachments/build.log', 'suppressions.supp']) assert.ok(zip.includes(name), `the zip holds ${name}`);
    assert.ok(!zip.includes('missing.xml'), 'missing files are left out');
    assert.match(readFileSync(join(outDir, 'suppressions.supp'), 'utf8'), /Memcheck:Leak/);

    assert.equal(sink.summaries.length, 1);
    assert.ok(sink.summaries[0]!.includes(res.artifact.url!), 'the summary links the artifact');

    assert.equal(res.comment.action, 'created');
    assert.equal(gh.comments.length, 1);
    assert.ok(gh.comments[0]!.body.startsWith('<!-- flb-valgrind-action:leaks / valgrind -->'), 'the marker comes first');
    assert.ok(gh.comments[0]!.body.includes(res.artifact.url!), 'the comment links the artifact');
    assertNoSecrets();
  });

  it('a second identical run leaves the comment alone; a changed one updates it in place', async () => {
    const noArtifact = settings({ uploadArtifact: false });
    await publish(view(), noArtifact, deps(), files());
    const again = await publish(view(), noArtifact, deps(), files());
    assert.equal(again.comment.action, 'unchanged');
    assert.ok(!gh.requests.some((r) => r.method === 'PATCH'), 'no PATCH for an unchanged body');
    const v = view();
    const changed = { ...v, report: { ...v.report, leaks: v.report.leaks.slice(1) } };
    const third = await publish(changed, noArtifact, deps(), files());
    assert.equal(third.comment.action, 'updated');
    assert.equal(gh.comments.length, 1);
  });

  it('a PR from a fork: a warning that explains the two-workflow pattern; the rest is published', async () => {
    gh.fault = 'fork-403';
    gh.faultOn = 'writes';
    const v = view();
    const res = await publish({ ...v, context: { ...v.context, fromFork: true } }, settings(), deps(), files());
    assert.equal(res.comment.action, 'failed');
    assert.equal(sink.warnings.length, 1);
    assert.match(sink.warnings[0]!, /^The PR comment was not posted\. GitHub answered 403: "Resource not accessible by integration"\. This pull request comes from a fork/);
    assert.match(sink.warnings[0]!, /docs\/forks\.md/);
    assert.match(sink.warnings[0]!, /The verdict does not depend on it\.$/);
    assert.equal(sink.summaries.length, 1);
    assert.ok(res.artifact, 'the artifact is still uploaded');
    assert.equal(v.verdict.outcome, 'fail', 'the verdict is untouched');
    assertNoSecrets();
  });

  const githubFaults = [
    ['fork-403', /token may not write comments: give the job `permissions: pull-requests: write`/],
    ['unauthorized-401', /answered 401: "Bad credentials"\. The token was rejected/],
    ['not-found-404', /answered 404: "Not Found"\. PR #7 in fluent\/fluent-bit or its comment was not found/],
    ['server-500', /answered 500: "Server Error"\. This is an error on GitHub's side/],
    ['rate-limit-403', /answered 403: "API rate limit exceeded for installation ID 1\."\. The API rate limit was hit \(it resets at 2026-11-18T11:06:40Z\)/],
    ['rate-limit-429', /answered 429: "You have exceeded a secondary rate limit\."\. The API rate limit was hit \(retry after 60 s\)/],
    ['hang', /GitHub did not answer within 0\.3 s\. It is usually temporary/],
  ] as const;
  for (const [fault, message] of githubFaults) {
    it(`GitHub ${fault}: one warning saying what happened and what to do`, async () => {
      gh.fault = fault;
      const res = await publish(view(), settings({ uploadArtifact: false }), deps({}, 300), files());
      assert.equal(res.comment.action, 'failed');
      assert.equal(sink.warnings.length, 1, sink.warnings.join('\n'));
      assert.match(sink.warnings[0]!, message);
      assert.equal(sink.summaries.length, 1, 'the summary is still written');
      assertNoSecrets();
    });
  }

  const artifactFaults = [
    ['forbidden-403', /^The report artifact was not uploaded\. The artifact service answered 403: "Failed to CreateArtifact: Received non-retryable error: Failed request: \(403\) Forbidden: the token is not allowed/],
    ['not-found-404', /answered 404: .*The workflow run was not found by the artifact service/],
    ['conflict-409', /An artifact named 'flb-valgrind-valgrind' already exists in this run: give each job and matrix leg its own `artifact-name`/],
    ['hang', /The artifact service did not answer within 1\.0 s/],
    ['blob-403', /not uploaded\. .*(403|AuthenticationFailed|Signature)/],
  ] as const;
  for (const [fault, message] of artifactFaults) {
    it(`artifact service ${fault}: one warning; summary and comment go out without the link`, async () => {
      art.fault = fault;
      const res = await publish({ ...view(), artifactUrl: null }, settings(), deps({}, 2_000, 1_000), files());
      assert.equal(res.artifact, null);
      assert.equal(sink.warnings.length, 1, sink.warnings.join('\n'));
      assert.match(sink.warnings[0]!, message);
      assert.equal(res.comment.action, 'created');
      assert.ok(!sink.summaries[0]!.includes('/artifacts/'), 'no artifact link in the summary');
      assertNoSecrets();
    });
  }

  it('a 500 from the artifact service is retried by the client and recovers', async () => {
    art.fault = 'server-500';
    art.faultCount = 1;
    const res = await publish(view(), settings({ comment: 'never' }), deps({}, 2_000, 20_000), files());
    assert.deepEqual(sink.warnings, []);
    assert.ok(res.artifact, 'uploaded after the retry');
  });

  it('outside Actions (no runtime token): a warning that says to turn the upload off', async () => {
    const token = process.env['ACTIONS_RUNTIME_TOKEN'];
    delete process.env['ACTIONS_RUNTIME_TOKEN'];
    try {
      await publish(view(), settings({ comment: 'never' }), deps(), files());
    } finally {
      process.env['ACTIONS_RUNTIME_TOKEN'] = token;
    }
    assert.equal(sink.warnings.length, 1);
    assert.match(sink.warnings[0]!, /only be uploaded from a step of a GitHub Actions job .*set `upload-artifact: false`/);
  });

  it('comment: never, a push event, no token: no GitHub request at all', async () => {
    const v = view();
    const cases: [ReportView, ReportSettings][] = [
      [v, settings({ comment: 'never', uploadArtifact: false })],
      [{ ...v, context: { ...v.context, eventName: 'push', prNumber: null } }, settings({ uploadArtifact: false })],
      [v, settings({ githubToken: '', uploadArtifact: false })],
    ];
    for (const [view_, s] of cases) {
      const res = await publish(view_, s, deps(), files());
      assert.equal(res.comment.action, 'skipped');
    }
    assert.equal(gh.requests.length, 0);
  });

  it('comment: on-failure does not create a comment for a pass', async () => {
    const v = view();
    const pass = { ...v, verdict: { ...v.verdict, outcome: 'pass' as const, reasons: [] } };
    const res = await publish(pass, settings({ comment: 'on-failure', uploadArtifact: false }), deps(), files());
    assert.equal(res.comment.action, 'skipped');
    assert.equal(gh.comments.length, 0);
  });

  it('annotations: false writes none; a summary that cannot be written is a warning', async () => {
    sink.failSummary = true;
    const res = await publish(view(), settings({ annotations: false, uploadArtifact: false, comment: 'never' }), deps(), files());
    assert.equal(res.annotations, 0);
    assert.equal(sink.annotations.length, 0);
    assert.equal(res.summary, false);
    assert.match(sink.warnings[0]!, /Could not write the job summary: GITHUB_STEP_SUMMARY is not writable/);
  });
});
