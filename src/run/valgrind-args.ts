import path from 'node:path';
import type { RunSettings } from '../settings/types.ts';
import { RunError } from './errors.ts';

/**
 * Memcheck flags the report depends on. Why each one:
 * - XML to one file per process: `%p` gives a forked child (`fluent-bit --supervisor`
 *   forks without exec) its own complete file; checked with Valgrind 3.19.
 * - `--show-leak-kinds=all`: indirect and still-reachable records only appear with it.
 * - `--errors-for-leak-kinds=definite,possible`: what counts as an error for Valgrind's
 *   own ERROR SUMMARY; the judge applies its own thresholds anyway.
 * - `--num-callers=40`: Fluent Bit's stacks (coroutines, plugin callbacks, event loop)
 *   run deeper than the default 12 frames, and fingerprints need the caller frames.
 * - `--error-limit=no`: after 1,000 distinct errors Valgrind stops reporting new ones.
 * - `--trace-children=no`: forks are followed anyway; exec'd helpers (`/bin/sh` from
 *   the exec input) would only add noise files. `--child-silent-after-fork=no` keeps
 *   the supervisor's worker child, the real Fluent Bit, in the report.
 * Never `-q`: it removes the summary blocks (protocol 6).
 */
export function defaultValgrindArgs(xmlPattern: string): string[] {
  return [
    '--tool=memcheck',
    '--xml=yes',
    `--xml-file=${xmlPattern}`,
    '--leak-check=full',
    '--show-leak-kinds=all',
    '--errors-for-leak-kinds=definite,possible',
    '--num-callers=40',
    '--error-limit=no',
    '--trace-children=no',
    '--child-silent-after-fork=no',
  ];
}

/** The name part of a Valgrind flag: `--num-callers=50` → `--num-callers`. */
export function flagName(arg: string): string {
  const eq = arg.indexOf('=');
  return eq === -1 ? arg : arg.slice(0, eq);
}

/**
 * Valgrind's command line: the defaults, then the user's `valgrind-args` (a user flag
 * replaces the default of the same name), then one `--suppressions=` per file
 * (relative paths resolved against the working directory).
 */
export function buildValgrindArgs(settings: RunSettings, xmlPattern: string): string[] {
  const problem = validateValgrindArgs(settings.valgrindArgs);
  if (problem !== null) throw new RunError(problem);
  const userNames = new Set(settings.valgrindArgs.map(flagName));
  const defaults = defaultValgrindArgs(xmlPattern).filter((arg) => !userNames.has(flagName(arg)));
  const suppressions = settings.suppressions.map(
    (file) => `--suppressions=${path.resolve(settings.workingDirectory, file)}`,
  );
  return [...defaults, ...settings.valgrindArgs, ...suppressions];
}

const OWNED_BY_ACTION = new Set(['--xml-file', '--xml-fd', '--xml-socket', '--log-file', '--log-fd', '--log-socket']);
const EXITS_AT_ONCE = new Set(['-h', '--help', '--help-debug', '--help-dyn-options', '--version']);

/**
 * Checks the user's `valgrind-args`; returns a message naming the input, the value and
 * what is accepted, or null when every flag is fine.
 */
export function validateValgrindArgs(args: string[]): string | null {
  for (const arg of args) {
    const problem = checkOne(arg);
    if (problem !== null) return `'valgrind-args' ${problem}`;
  }
  return null;
}

function checkOne(arg: string): string | null {
  const name = flagName(arg);
  const value = arg.slice(name.length + 1);
  if (!arg.startsWith('-') || arg === '-' || arg === '--') {
    return `takes only Valgrind options starting with '-', got '${arg}'; put the program's own arguments in 'args'`;
  }
  if (arg === '-q' || name === '--quiet') {
    return `cannot contain '${arg}': quiet mode removes the leak and error summaries the report needs; remove it (-v and other options are accepted)`;
  }
  if (name === '--xml') {
    return value === 'yes' ? null : `cannot contain '${arg}': the report is read from Valgrind's XML; accepted: '--xml=yes' or leaving it out`;
  }
  if (OWNED_BY_ACTION.has(name)) {
    return `cannot contain '${arg}': the action writes Valgrind's output itself, one XML file per process in 'out-dir'; remove it`;
  }
  if (name === '--tool') {
    return value === 'memcheck' ? null : `cannot contain '${arg}': only memcheck writes leak reports; accepted: '--tool=memcheck' or leaving it out`;
  }
  if (name === '--leak-check' && value === 'no') {
    return `cannot contain '${arg}': without a leak check every run would pass; accepted: '--leak-check=full' or '--leak-check=summary'`;
  }
  if (EXITS_AT_ONCE.has(name)) {
    return `cannot contain '${arg}': Valgrind would print it and exit without running the program; remove it`;
  }
  return null;
}
