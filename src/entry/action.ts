import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { readSettings } from '../settings/read-settings.ts';
import { settingsRules } from './rules.ts';
import { rejudgeReportFile, runPipeline, type Log, type PipelineDeps, type PipelineResult } from '../pipeline/run-pipeline.ts';
import { installCancelHandlers } from '../run/cancel.ts';
import { OUTPUT_FILE } from '../run/plan.ts';
import { describeError } from './errors.ts';
import type { Settings } from '../settings/types.ts';

/**
 * The action: read inputs, run the pipeline, publish, set the step's result.
 * An input the workflow did not set reads as undefined, so that running the bundle
 * with only some INPUT_* variables behaves like the runner filling in action.yml's defaults.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const controller = new AbortController();
  const uninstall = installCancelHandlers(controller);
  try {
    const settings = readSettings(actionInput(env), { workspace: env.GITHUB_WORKSPACE || process.cwd(), cpuCount: os.availableParallelism() }, settingsRules);
    // Masked before anything is logged; `::add-mask::` itself is consumed by the runner.
    if (settings.report.githubToken) core.setSecret(settings.report.githubToken);
    const log = actionLog(path.join(settings.run.outDir, OUTPUT_FILE));
    const result = settings.reportFile
      ? await rejudgeReportFile(settings.reportFile, settings.policy)
      : await runPipeline(settings, { log, abort: controller.signal, build: lazyBuild(settings, env) });
    setOutputs(result, settings);
    // Loaded when needed: the GitHub, artifact and cache clients are most of the bundle's start-up time.
    const { publishResult } = await import('./publish-adapter.ts');
    await publishResult(result, settings, env, log);
    conclude(result, settings);
  } catch (e) {
    core.setFailed(describeError(e));
  } finally {
    uninstall();
  }
}

function lazyBuild(settings: Settings, env: NodeJS.ProcessEnv): NonNullable<PipelineDeps['build']> {
  return async (build, outDir) => (await import('./build-adapter.ts')).buildWithActionsTools(settings, env)(build, outDir);
}

function actionInput(env: NodeJS.ProcessEnv): (name: string) => string | undefined {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] === undefined ? undefined : core.getInput(name));
}

/** Past this much program output the step log only says where the rest is (it stays whole in out-dir). */
const LOG_OUTPUT_CAP = 4 << 20;

function actionLog(outputFile: string): Log {
  let written = 0;
  return {
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    group: async (name, fn) => {
      // The program's output is untrusted: stop workflow commands (::add-mask::, ::error::...) inside it.
      const token = randomUUID();
      core.startGroup(name);
      process.stdout.write(`::stop-commands::${token}\n`);
      try {
        return await fn();
      } finally {
        process.stdout.write(`\n::${token}::\n`);
        core.endGroup();
      }
    },
    output: (chunk) => {
      if (written > LOG_OUTPUT_CAP) return;
      written += chunk.length;
      process.stdout.write(chunk);
      if (written > LOG_OUTPUT_CAP) process.stdout.write(`\n[flb-valgrind: the log shows the first ${LOG_OUTPUT_CAP >> 20} MiB of output; all of it is in ${outputFile}]\n`);
    },
  };
}

function setOutputs(result: PipelineResult, settings: Settings): void {
  const t = result.report.totals;
  core.setOutput('verdict', result.verdict.outcome);
  core.setOutput('definitely-lost-bytes', t.definitelyLost.bytes);
  core.setOutput('indirectly-lost-bytes', t.indirectlyLost.bytes);
  core.setOutput('possibly-lost-bytes', t.possiblyLost.bytes);
  core.setOutput('still-reachable-bytes', t.stillReachable.bytes);
  core.setOutput('suppressed-bytes', t.suppressed.bytes);
  core.setOutput('errors', t.errors);
  core.setOutput('report', result.reportFile ?? '');
  core.setOutput('binary', result.program ?? settings.run.binary ?? '');
}

function conclude(result: PipelineResult, settings: Settings): void {
  const { outcome, reasons } = result.verdict;
  if (outcome === 'pass') {
    core.info('Verdict: pass');
    return;
  }
  const message = `Verdict: ${outcome}\n- ${reasons.join('\n- ')}`;
  if (settings.failOnThreshold) core.setFailed(message);
  else core.warning(`${message}\n(fail-on-threshold is false: the step passes)`);
}
