/** The real adapters for the action's entry: the runner's log and summary, Octokit, the artifact client. */

import { EOL } from 'node:os';
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { annotationCommand } from './annotations.ts';
import { createOctokit, octokitCommentClient } from './github-client.ts';
import type { PublishDeps, PublishSink } from './publish.ts';

/** Annotations as workflow commands on stdout; the summary through core.summary. */
export function actionsSink(): PublishSink {
  return {
    annotate: (a) => process.stdout.write(annotationCommand(a) + EOL),
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    warning: (m) => core.warning(m),
    info: (m) => core.info(m),
  };
}

/** Everything publish() needs inside a GitHub Actions job. Call core.setSecret(token) before. */
export function actionsPublishDeps(timeouts: { githubMs: number; artifactMs: number } = { githubMs: 30_000, artifactMs: 300_000 }): PublishDeps {
  return {
    sink: actionsSink(),
    commentClient: (token) => octokitCommentClient(createOctokit(token, { timeoutMs: timeouts.githubMs })),
    artifacts: new DefaultArtifactClient(),
    timeouts,
  };
}
