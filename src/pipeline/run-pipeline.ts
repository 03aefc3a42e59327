import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LeakReport } from '../model/report.ts';
import type { ReportFile } from '../model/report-file.ts';
import type { BuildInfo, RunInfo } from '../model/run.ts';
import type { Verdict } from '../model/verdict.ts';
import type { BuildSettings, Policy, Settings } from '../settings/types.ts';
import { judge } from '../judge/judge.ts';
import { parseFiles } from '../parse/index.ts';
import { planFromSettings } from '../run/plan.ts';
import { runUnderValgrind } from '../run/run-under-valgrind.ts';
import { ensureProgram, ensureValgrind } from './preflight.ts';
import { readReportFile } from './read-report-file.ts';
import { warningsAfterRun } from '../build/run-warnings.ts';
import { SettingsError } from '../settings/errors.ts';

/** Where the pipeline reports progress; the action maps it to @actions/core, the CLI to stderr. */
export interface Log {
  info(message: string): void;
  warning(message: string): void;
  /** Runs `fn` inside a collapsible group of the log. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** The program's own output, streamed as it comes. */
  output(chunk: string): void;
}

export interface PipelineDeps {
  log: Log;
  /** Aborted when the action or CLI is cancelled: the run stops and cleans up. */
  abort?: AbortSignal;
  /** The build stage, bound to the entry point's process runner and cache. */
  build?: (settings: BuildSettings, outDir: string) => Promise<BuildInfo>;
}

export interface PipelineResult {
  report: LeakReport;
  verdict: Verdict;
  run?: RunInfo;
  build?: BuildInfo;
  /** The program that ran (the built one when building). */
  program?: string;
  /** Where report.json was written; null when nothing was written (the CLI's `report`). */
  reportFile: string | null;
}

/** settings → build? → run → parse → judge, writing report.json into out-dir. Publishing is the caller's. */
export async function runPipeline(settings: Settings, deps: PipelineDeps): Promise<PipelineResult> {
  const { log } = deps;
  const outDir = settings.run.outDir;
  await mkdir(outDir, { recursive: true });

  const build = settings.build.enabled ? await buildStage(settings.build, outDir, deps) : undefined;
  const program = await ensureProgram(settings.run, build?.binary ?? null);
  const valgrind = await ensureValgrind(settings.run.installValgrind, log);
  const plan = { ...planFromSettings(settings.run, valgrind.path, program), abort: deps.abort };

  log.info(`Running ${program} under Valgrind ${valgrind.version} for ${settings.run.durationSeconds} s after it is ready`);
  const run = await log.group('Program output', () => runUnderValgrind(plan, { write: (c) => log.output(c), info: (m) => log.info(m) }));
  run.valgrindVersion ??= valgrind.version;

  const report = await parseFiles(run.xmlFiles);
  if (run.xmlFiles.length === 0) {
    report.complete = false;
    report.incompleteReasons.push(`Valgrind wrote no XML file into ${outDir}`);
  }
  for (const w of warningsAfterRun(report, await linesOfInterest(run.outputFile), build)) {
    report.warnings.push(w);
    log.warning(w);
  }
  const verdict = judge(report, settings.policy, run);
  const result = { report, verdict, run, ...(build ? { build } : {}) };
  const reportFile = await writeReportFile(path.join(outDir, 'report.json'), reportFileOf(result, settings.policy));
  return { ...result, program, reportFile };
}

/**
 * Judges output that already exists (the CLI's `report`): Valgrind XML or text files,
 * one per process, or a single report.json of an earlier run.
 */
export async function judgeFiles(files: string[], policy: Policy): Promise<PipelineResult> {
  const first = files[0];
  if (first !== undefined && (await looksLikeJson(first))) {
    if (files.length > 1) throw new SettingsError([`give either one report.json or Valgrind output files, not both: got ${files.length} files`]);
    return rejudgeReportFile(first, policy);
  }
  const report = await parseFiles(files);
  return { report, verdict: judge(report, policy), reportFile: null };
}

/** A report.json of an earlier run, judged again with `policy` (and the run it records). */
export async function rejudgeReportFile(file: string, policy: Policy): Promise<PipelineResult> {
  const { verdict: _previous, policy: _previousPolicy, run, build, ...report } = await readReportFile(file);
  return { report, verdict: judge(report, policy, run), ...(run ? { run } : {}), ...(build ? { build } : {}), reportFile: file };
}

/** The output lines the run warnings look at, read line by line: the whole output may be large. */
async function linesOfInterest(file: string): Promise<string[]> {
  const wanted = /client switching stacks\?|total heap usage|^Fluent Bit v\d/;
  const lines: string[] = [];
  const stream = createReadStream(file, { encoding: 'utf8' });
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) if (wanted.test(line)) lines.push(line);
  } catch {
    // No output file (the program never started): nothing to look at.
  }
  return lines;
}

async function looksLikeJson(file: string): Promise<boolean> {
  const handle = await open(file).catch(() => null);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{');
  } finally {
    await handle.close();
  }
}

/** The report.json view of a result. */
export function reportFileOf(result: Omit<PipelineResult, 'reportFile'>, policy: Policy): ReportFile {
  const { report, verdict, run, build } = result;
  return { ...report, verdict, policy, ...(run ? { run } : {}), ...(build ? { build } : {}) };
}

async function buildStage(settings: BuildSettings, outDir: string, deps: PipelineDeps): Promise<BuildInfo> {
  if (!deps.build) throw new Error('the build stage is not available here');
  return deps.build(settings, outDir);
}

/** Writes a report.json (pretty: people read it too) and returns its path. */
export async function writeReportFile(target: string, file: ReportFile): Promise<string> {
  await writeFile(target, `${JSON.stringify(file, null, 2)}\n`);
  return target;
}
