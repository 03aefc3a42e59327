import path from 'node:path';
import type { RunSettings } from '../settings/types.ts';
import { buildValgrindArgs } from './valgrind-args.ts';

/**
 * The default `ready-pattern`, for Fluent Bit. `[sp] stream processor started` is
 * logged by the engine once every input and output is initialised, in every Fluent Bit
 * run of the corpus (4.1 and 5.1, classic and YAML configs, `--supervisor`), and never
 * by a startup that fails. `Shutdown Grace Period=` is logged right after it and is the
 * fallback for builds without the stream processor (`-DFLB_STREAM_PROCESSOR=Off`).
 * Neither appears with `log_level` warn or error: such runs need their own pattern.
 */
export const DEFAULT_READY_PATTERN = String.raw`\[sp\] stream processor started|\[engine\] Shutdown Grace Period=`;

/** The file name of Valgrind's XML logs in the out-dir; `%p` is the process id. */
export const XML_FILE_PATTERN = 'valgrind.%p.xml';
/** The file in the out-dir that keeps the program's whole output (stdout and stderr). */
export const OUTPUT_FILE = 'program-output.log';

/** After a hung shutdown: SIGUSR1 has no handler in Fluent Bit, so it dies and Valgrind still writes a full report. */
export const DEFAULT_ESCALATE_SIGNAL: NodeJS.Signals = 'SIGUSR1';
/**
 * Time Valgrind gets to write its report after the escalation signal. Fluent Bit took
 * 0.1-0.2 s under memcheck; the leak scan grows with the heap, so leave ample room.
 */
export const DEFAULT_ESCALATE_TIMEOUT_MS = 20_000;
/**
 * On cancellation, time between the stop signal and SIGKILL. GitHub sends SIGINT, then
 * SIGTERM 7.5 s later, then kills 2.5 s after that; 2 s keeps us well inside that.
 */
export const DEFAULT_CANCEL_GRACE_MS = 2_000;

/** Everything the runner needs, as plain data; all times in milliseconds. */
export interface RunPlan {
  valgrind: string;
  valgrindArgs: string[];
  /** Recorded in RunInfo; not used to run. */
  valgrindVersion?: string;
  program: string;
  args: string[];
  cwd: string;
  /** Default: our own environment. */
  env?: NodeJS.ProcessEnv;
  outDir: string;
  /** How long the program works once it is ready, before the stop signal. */
  durationMs: number;
  /** Matched line by line against stdout and stderr; null: ready at start. */
  readyPattern: RegExp | null;
  readyTimeoutMs: number;
  stopSignal: NodeJS.Signals;
  /** Time from the stop signal until the whole process group must be gone. */
  shutdownTimeoutMs: number;
  /** Sent after a hung shutdown; null: go straight to SIGKILL. */
  escalateSignal: NodeJS.Signals | null;
  escalateTimeoutMs: number;
  /** On abort: the stop signal, this long to exit, then SIGKILL. Default DEFAULT_CANCEL_GRACE_MS. */
  cancelGraceMs?: number;
  /** Lines kept for RunInfo.outputTail. Default 50. */
  tailLines?: number;
  abort?: AbortSignal;
}

/** The escalation signal for a stop signal: none when the stop already is what escalation would send. */
export function escalateSignalFor(stopSignal: NodeJS.Signals): NodeJS.Signals | null {
  return stopSignal === DEFAULT_ESCALATE_SIGNAL || stopSignal === 'SIGKILL' ? null : DEFAULT_ESCALATE_SIGNAL;
}

/** The run plan for validated settings; program args are `-c CONFIG` (when set) then `args`. */
export function planFromSettings(settings: RunSettings, valgrind: string, program: string): RunPlan {
  const config = settings.config === null ? [] : ['-c', settings.config];
  return {
    valgrind,
    valgrindArgs: buildValgrindArgs(settings, path.join(settings.outDir, XML_FILE_PATTERN)),
    program,
    args: [...config, ...settings.args],
    cwd: settings.workingDirectory,
    outDir: settings.outDir,
    durationMs: settings.durationSeconds * 1000,
    readyPattern: settings.readyPattern,
    readyTimeoutMs: settings.readyTimeoutSeconds * 1000,
    stopSignal: settings.stopSignal,
    shutdownTimeoutMs: settings.shutdownTimeoutSeconds * 1000,
    escalateSignal: escalateSignalFor(settings.stopSignal),
    escalateTimeoutMs: DEFAULT_ESCALATE_TIMEOUT_MS,
  };
}
