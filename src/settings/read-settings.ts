import path from 'node:path';
import type { BuildSettings, CcacheMode, CommentMode, Policy, ReportSettings, RunSettings, Settings } from './types.ts';
import { InputReader, STOP_SIGNALS } from './validate.ts';
import { SettingsError } from './errors.ts';

/** Plain facts about where we run, handed in so that reading settings stays pure. */
export interface SettingsEnv {
  /** Relative paths in inputs are taken from here (GITHUB_WORKSPACE, or the CLI's cwd). */
  workspace: string;
  cpuCount: number;
}

/** Rules owned by other stages (their flags are theirs to know), run on the parsed words. */
export interface ExtraRules {
  valgrindArgs?: (args: string[]) => string | null;
  cmakeOptions?: (options: string[]) => string | null;
}

const MAX_SECONDS = 6 * 60 * 60;
const MAX_BYTES = Number.MAX_SAFE_INTEGER;

/**
 * Reads and validates every input into one typed Settings. `get` returns an input's
 * value, or undefined when it was not given. Throws SettingsError listing every problem.
 */
export function readSettings(
  get: (name: string) => string | undefined,
  env: SettingsEnv,
  rules: ExtraRules = {},
  purpose: 'run' | 'report' = 'run',
): Settings {
  const r = new InputReader(get);
  const fromWorkspace = (p: string): string => path.resolve(env.workspace, p);

  const build = readBuild(r, env, fromWorkspace);
  const run = readRun(r, fromWorkspace);
  const reportFile = r.optional('report-file');
  const settings: Settings = {
    reportFile: reportFile === null ? null : fromWorkspace(reportFile),
    run,
    build,
    policy: readPolicy(r),
    failOnThreshold: r.boolean('fail-on-threshold'),
    report: readReport(r),
  };

  // Judging existing files (the CLI's `report`) runs nothing.
  if (reportFile !== null && build.enabled) {
    r.problems.push("'report-file' publishes an existing report, so it cannot be combined with 'build: true'");
  }
  if (purpose === 'run' && reportFile === null && run.binary === null && !build.enabled) {
    r.problems.push("'binary' is required unless 'build' is true: set 'binary' to the program to run (e.g. build/bin/fluent-bit), or 'build: true' to compile Fluent Bit first");
  }
  checkRule(r, 'valgrind-args', run.valgrindArgs, rules.valgrindArgs);
  checkRule(r, 'cmake-options', build.cmakeOptions, rules.cmakeOptions);
  if (r.problems.length > 0) throw new SettingsError(r.problems);
  return settings;
}

function checkRule(r: InputReader, name: string, words: string[], rule?: (w: string[]) => string | null): void {
  const problem = rule?.(words);
  if (problem) r.problems.push(problem.includes(`'${name}'`) ? problem : `'${name}': ${problem}`);
}

function readRun(r: InputReader, fromWorkspace: (p: string) => string): RunSettings {
  const binary = r.optional('binary');
  const config = r.optional('config');
  return {
    // Like a shell: a bare name is looked up on PATH, a name with a slash is a path.
    binary: binary === null ? null : binary.includes('/') ? fromWorkspace(binary) : binary,
    args: r.words('args'),
    config: config === null ? null : fromWorkspace(config),
    workingDirectory: fromWorkspace(r.raw('working-directory')),
    durationSeconds: r.wholeNumber('duration', 1, MAX_SECONDS, 'seconds'),
    readyPattern: r.regex('ready-pattern'),
    readyTimeoutSeconds: r.wholeNumber('ready-timeout', 1, MAX_SECONDS, 'seconds'),
    stopSignal: r.signal('stop-signal', STOP_SIGNALS),
    shutdownTimeoutSeconds: r.wholeNumber('shutdown-timeout', 1, MAX_SECONDS, 'seconds'),
    valgrindArgs: r.words('valgrind-args'),
    suppressions: r.lines('suppressions').map(fromWorkspace),
    outDir: fromWorkspace(r.raw('out-dir')),
    installValgrind: r.boolean('install-valgrind'),
  };
}

function readPolicy(r: InputReader): Policy {
  return {
    maxDefinitelyLostBytes: r.wholeNumber('max-definitely-lost-bytes', 0, MAX_BYTES, 'bytes'),
    maxPossiblyLostBytes: r.wholeNumber('max-possibly-lost-bytes', 0, MAX_BYTES, 'bytes'),
    maxIndirectlyLostBytes: r.optionalWholeNumber('max-indirectly-lost-bytes', 0, MAX_BYTES, 'bytes'),
    maxErrors: r.wholeNumber('max-errors', 0, MAX_BYTES, 'errors'),
  };
}

function readBuild(r: InputReader, env: SettingsEnv, fromWorkspace: (p: string) => string): BuildSettings {
  const sourceDir = fromWorkspace(r.raw('source-dir'));
  const buildDir = r.optional('build-dir');
  return {
    enabled: r.boolean('build'),
    sourceDir,
    buildDir: buildDir === null ? path.join(sourceDir, 'build-valgrind') : fromWorkspace(buildDir),
    buildType: r.oneOf('build-type', ['Debug', 'RelWithDebInfo', 'Release', 'MinSizeRel']),
    cmakeOptions: r.words('cmake-options'),
    jobs: r.optionalWholeNumber('build-jobs', 1, 1024, 'jobs') ?? Math.max(1, env.cpuCount),
    ccache: r.oneOf<CcacheMode>('ccache', ['auto', 'true', 'false']),
    installDeps: r.boolean('install-deps'),
    cache: r.boolean('cache'),
  };
}

function readReport(r: InputReader): ReportSettings {
  return {
    prNumber: r.optionalWholeNumber('pr-number', 1, Number.MAX_SAFE_INTEGER),
    comment: r.oneOf<CommentMode>('comment', ['always', 'on-failure', 'on-change', 'never']),
    commentKey: r.optional('comment-key'),
    matrix: r.optional('matrix'),
    // Outside a workflow the default expression is not expanded: no token then.
    githubToken: r.raw('github-token').startsWith('${{') ? '' : r.raw('github-token'),
    annotations: r.boolean('annotations'),
    uploadArtifact: r.boolean('upload-artifact'),
    artifactName: artifactName(r),
    retentionDays: r.optionalWholeNumber('retention-days', 1, 90, 'days'),
  };
}

// The artifact service refuses these characters in names.
const BAD_ARTIFACT_CHARS = /[":<>|*?\r\n\\/]/;

function artifactName(r: InputReader): string | null {
  const name = r.optional('artifact-name');
  if (name !== null && BAD_ARTIFACT_CHARS.test(name)) {
    r.fail('artifact-name', name, 'a name without any of " : < > | * ? \\ / or line breaks');
    return null;
  }
  return name;
}
