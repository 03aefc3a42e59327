/**
 * The build stage's side-effect interfaces and its error. Everything that runs a
 * process or logs goes through BuildIO, so the action (over @actions/exec and
 * core.group) and the CLI/tests (over node:child_process) share one core.
 */

export interface ExecOptions {
  cwd: string;
  /** The whole environment of the child (not merged again with process.env). */
  env?: NodeJS.ProcessEnv;
  /** Called with each line the child prints, stdout and stderr interleaved, without the newline. */
  onLine?: (line: string) => void;
}

/** A source annotation on the workflow run (at most 10 per level per step are shown). */
export interface Annotation {
  level: 'error' | 'warning';
  /** Relative to the workspace (the repository root) so GitHub can place it. */
  file: string;
  line: number;
  col?: number;
  message: string;
}

export interface BuildIO {
  /** Runs a command and resolves with its exit code; rejects only when it cannot start (e.g. not found). */
  exec(cmd: string, args: string[], opts: ExecOptions): Promise<number>;
  /** Runs fn inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  info(msg: string): void;
  warning(msg: string): void;
  annotate(a: Annotation): void;
}

/** A key/value store of directories and files, restored to the same paths (the Actions cache, or a local folder). */
export interface BuildCache {
  /** Restores paths from the first key that matches (exact key, then restoreKeys as prefixes); resolves with the key hit. */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<void>;
}

/** Which branch and commit a build belongs to, for cache keys (from GITHUB_* in the action, blank in the CLI). */
export interface CacheScope {
  /** The branch being built: GITHUB_HEAD_REF on a pull request, else GITHUB_REF_NAME. */
  ref: string;
  /** A pull request's base branch (GITHUB_BASE_REF), whose cache a PR may reuse. */
  baseRef?: string;
  /** Makes each saved ccache key unique (keys are immutable): e.g. `${GITHUB_SHA}-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}`. */
  unique: string;
}

/** Why the build stage stopped, in words a user can act on. */
export class BuildError extends Error {
  constructor(
    message: string,
    /** Where the whole build log is, when there is one. */
    readonly logFile?: string,
  ) {
    super(message);
    this.name = 'BuildError';
  }
}
