import os from 'node:os';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { parseCliArgs, helpText, UsageError } from './cli-args.ts';
import { readSettings } from '../settings/read-settings.ts';
import { SettingsError } from '../settings/errors.ts';
import { settingsRules } from './rules.ts';
import { runPipeline, judgeFiles, reportFileOf, writeReportFile, type Log } from '../pipeline/run-pipeline.ts';
import { renderConsoleSummary } from '../publish/console.ts';
import { renderSummary } from '../publish/summary-markdown.ts';
import { installCancelHandlers } from '../run/cancel.ts';
import { buildFluentBit } from '../build/build-fluent-bit.ts';
import { nodeBuildIO } from '../build/node-io.ts';
import { describeError, isUserError } from './errors.ts';
import { localContext } from '../publish/context.ts';

/** Where the CLI writes; the real process streams, tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/**
 * The CLI: `flb-valgrind run|report ...`. Returns the exit code: 0 pass, 1 fail or
 * incomplete, 2 bad input or usage. Never exits the process itself.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout(helpText(args.command));
      return 0;
    }
    const settings = readSettings((n) => args.inputs.get(n), { workspace: io.cwd, cpuCount: os.availableParallelism() }, settingsRules, args.command ?? 'run');
    const log = cliLog(io);
    const controller = new AbortController();
    const uninstall = installCancelHandlers(controller);
    try {
      const result =
        args.command === 'report'
          ? await judgeFiles(args.files.map((f) => path.resolve(io.cwd, f)), settings.policy)
          : await runPipeline(settings, { log, abort: controller.signal, build: (b, outDir) => buildFluentBit(b, nodeBuildIO({ write: io.stderr }), outDir) });
      if (args.json) await writeReportFile(path.resolve(io.cwd, args.json), reportFileOf(result, settings.policy));
      if (args.markdown) {
        const view = { ...result, policy: settings.policy, context: localContext(io.cwd) };
        await writeFile(path.resolve(io.cwd, args.markdown), renderSummary(view));
      }
      io.stdout(renderConsoleSummary(result.report, result.verdict, result.reportFile));
      return result.verdict.outcome === 'pass' ? 0 : 1;
    } finally {
      uninstall();
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof SettingsError) {
      io.stderr(`flb-valgrind: ${e.message}\n`);
      return 2;
    }
    io.stderr(`flb-valgrind: ${describeError(e)}\n`);
    return isUserError(e) ? 2 : 1;
  }
}

function cliLog(io: CliIO): Log {
  return {
    info: (m) => io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
    group: async (name, fn) => {
      io.stderr(`--- ${name} ---\n`);
      try {
        return await fn();
      } finally {
        io.stderr(`--- end of ${name.toLowerCase()} ---\n`);
      }
    },
    output: (chunk) => io.stderr(chunk),
  };
}
