/** What the run stage measured: how the program ran and stopped. Plain data, JSON-safe. */

export interface SignalSent {
  signal: string;
  /** Milliseconds since the program was started. */
  atMs: number;
  /** Why it was sent: the planned stop, or an escalation after a hung shutdown. */
  reason: 'stop' | 'escalate' | 'kill' | 'cancel';
}

/** How the run ended, from the runner's point of view. */
export type RunEnd =
  /** Stopped by the stop signal after the duration, exited within shutdown-timeout. */
  | 'stopped'
  /** Did not exit within shutdown-timeout: escalated (report written without the program's cooperation). */
  | 'hung-escalated'
  /** Did not exit even after escalation: killed, no report. */
  | 'hung-killed'
  /** Exited (or crashed) on its own before the duration ended. */
  | 'exited-early'
  /** The ready pattern never matched within ready-timeout. */
  | 'not-ready'
  /** The action or CLI was cancelled (SIGINT/SIGTERM to us). */
  | 'cancelled';

export interface RunInfo {
  command: string[];
  cwd: string;
  durationSeconds: number;
  stopSignal: string;
  end: RunEnd;
  exitCode: number | null;
  /** The signal that ended the top process, if any (e.g. SIGUSR1 after escalation, SIGSEGV on crash). */
  exitSignal: string | null;
  signals: SignalSent[];
  /** Milliseconds from start until the ready pattern matched (or the start, with no pattern). */
  readyAfterMs: number | null;
  /** Milliseconds from the stop signal to the exit. */
  shutdownMs: number | null;
  /** Milliseconds from start to exit. */
  totalMs: number;
  /** The last lines the program and Valgrind printed (stdout and stderr interleaved). */
  outputTail: string[];
  /** Where the whole output was kept. */
  outputFile: string;
  xmlFiles: string[];
  valgrindVersion?: string;
  /** Process id of Valgrind (the top process), which also leads the process group. */
  pid?: number;
  /** Milliseconds between the end of the duration and the stop signal (timer lateness); null: no planned stop. */
  stopDelayMs?: number | null;
  /** Milliseconds from the top process's exit until the run stage was done (group gone, output flushed). */
  finishMs?: number | null;
}

export interface BuildInfo {
  sourceDir: string;
  buildDir: string;
  binary: string;
  /** `fluent-bit --version`'s first line, when it answered. */
  version?: string;
  cmakeOptions: string[];
  /** The build was skipped: a binary built from the same tree and options was restored. */
  cached: boolean;
  ccache: boolean;
  seconds: number;
  logFile: string;
  /** The binary cache key: source tree, cmake options and compiler. */
  cacheKey?: string;
  /** The C compiler's `--version` banner. */
  compiler?: string;
  /** This build's ccache hits and misses (absent without ccache, or when it was not built). */
  ccacheHits?: number;
  ccacheMisses?: number;
  /** Of the hits, those found without running the preprocessor (ccache's direct mode). */
  ccacheDirectHits?: number;
  /** Seconds of `cmake` configure and of `cmake --build`, when it was built (seconds is the whole stage). */
  configureSeconds?: number;
  compileSeconds?: number;
  /** Configure started from a cached CMakeCache.txt of the same CMake files and options (its checks were skipped). */
  configureFromCache?: boolean;
  /** `fluent-bit -h`'s Build Flags (FLB_HAVE_VALGRIND, ...), when it printed them. */
  buildFlags?: string[];
}
