import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import type { PipelineResult, Log } from '../pipeline/run-pipeline.ts';
import type { Settings } from '../settings/types.ts';
import { readPublishContext } from '../publish/context.ts';
import { publish } from '../publish/publish.ts';
import { actionsPublishDeps } from '../publish/actions-adapters.ts';

/**
 * Publishes the action's result: annotations, job summary, artifact, PR comment, and
 * the outputs that come from them. Faults there are warnings: the verdict stands.
 */
export async function publishResult(result: PipelineResult, settings: Settings, env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const event = readPublishContext(env, eventPayload(env), process.cwd());
  const context = { ...event, matrix: settings.report.matrix, prNumber: settings.report.prNumber ?? event.prNumber };
  const deps = actionsPublishDeps();
  // Outside an Actions job (the bundle run by hand) there is no artifact service to talk to.
  const inActions = Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL);
  if (!inActions && settings.report.uploadArtifact) log.info('No artifact upload: ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL are not set (not inside a GitHub Actions job).');
  // A published report.json keeps its own folder: the suppressions file goes beside it.
  const artifactRoot = settings.reportFile ? path.dirname(settings.reportFile) : settings.run.outDir;
  const files = [result.reportFile, result.run?.outputFile, ...(result.run?.xmlFiles ?? []), result.build?.logFile].filter(
    (f): f is string => typeof f === 'string' && existsSync(f),
  );
  const published = await publish(
    { ...result, policy: settings.policy, context },
    settings.report,
    { ...deps, artifacts: inActions ? deps.artifacts : null },
    { outDir: artifactRoot, files },
  );
  if (published.artifact) core.setOutput('artifact-id', published.artifact.id);
  if ('url' in published.comment) core.setOutput('comment-url', published.comment.url);
}

/** The event payload ($GITHUB_EVENT_PATH), or null when there is none or it cannot be read. */
function eventPayload(env: NodeJS.ProcessEnv): unknown {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
