/** The one typed, validated view of the action's inputs or the CLI's flags. */

export type CcacheMode = 'auto' | 'true' | 'false';
export type CommentMode = 'always' | 'on-failure' | 'on-change' | 'never';

export interface Policy {
  /** Direct bytes definitely lost above this fail the run. */
  maxDefinitelyLostBytes: number;
  maxPossiblyLostBytes: number;
  /** null: not checked. */
  maxIndirectlyLostBytes: number | null;
  /** Memory errors other than leaks (invalid reads/writes, ...). */
  maxErrors: number;
}

export interface RunSettings {
  /** Program to run; null when the build stage provides it. */
  binary: string | null;
  args: string[];
  /** Fluent Bit config file, passed as `-c FILE`. */
  config: string | null;
  workingDirectory: string;
  durationSeconds: number;
  /** null: the clock starts when the program starts. */
  readyPattern: RegExp | null;
  readyTimeoutSeconds: number;
  stopSignal: NodeJS.Signals;
  shutdownTimeoutSeconds: number;
  valgrindArgs: string[];
  suppressions: string[];
  /** Where the XML logs, the program's output and report.json go (absolute). */
  outDir: string;
  /** apt-get install valgrind when it is missing (Linux runners). */
  installValgrind: boolean;
}

export interface BuildSettings {
  enabled: boolean;
  sourceDir: string;
  buildDir: string;
  buildType: string;
  /** Extra `-D` options from the user, already split into words. */
  cmakeOptions: string[];
  jobs: number;
  ccache: CcacheMode;
  installDeps: boolean;
  /** Cache ccache's directory and the built binary across workflow runs (action only). */
  cache: boolean;
}

export interface ReportSettings {
  /** null: the triggering event's pull request. */
  prNumber: number | null;
  comment: CommentMode;
  /** null: derived from workflow, job and matrix. */
  commentKey: string | null;
  /** The job's `toJSON(matrix)`, when the workflow passes it. */
  matrix: string | null;
  githubToken: string;
  annotations: boolean;
  uploadArtifact: boolean;
  /** null: derived from the job (and matrix) so parallel jobs do not collide. */
  artifactName: string | null;
  /** null: the repository's default. */
  retentionDays: number | null;
}

export interface Settings {
  /** Publish this existing report.json instead of building and running (null: run). */
  reportFile: string | null;
  run: RunSettings;
  build: BuildSettings;
  policy: Policy;
  failOnThreshold: boolean;
  report: ReportSettings;
}
