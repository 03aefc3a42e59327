/**
 * Every input of the action, in one place: name, default and description.
 * action.yml, the README tables and the CLI's flags are checked against this list
 * by test/settings/docs-sync.test.ts, so a new input is added here first.
 */

export type InputKind = 'string' | 'boolean' | 'multiline';

export interface InputSpec {
  name: string;
  /** The default as action.yml states it ('' = none). */
  default: string;
  description: string;
  kind: InputKind;
  /** Also a flag of the CLI (`--NAME`). The GitHub-only inputs are not. */
  cli: boolean;
  group: 'run' | 'judge' | 'build' | 'report';
}

import { DEFAULT_READY_PATTERN } from '../run/plan.ts';

export { DEFAULT_READY_PATTERN };

const spec = (
  group: InputSpec['group'],
  name: string,
  def: string,
  description: string,
  kind: InputKind = 'string',
  cli = true,
): InputSpec => ({ name, default: def, description, kind, cli, group });

export const INPUTS: readonly InputSpec[] = [
  spec('run', 'binary', '', 'Program to run under Valgrind, e.g. build/bin/fluent-bit. Required unless `build` is true (then the built bin/fluent-bit).'),
  spec('run', 'args', '', 'Arguments for the program, split the way a shell would (quotes honoured), never run through a shell. E.g. `-i dummy -o null`.'),
  spec('run', 'config', '', 'A Fluent Bit configuration file, passed as `-c FILE`.'),
  spec('run', 'working-directory', '.', 'Directory the program runs in; relative paths of the other inputs are taken from the workspace.'),
  spec('run', 'duration', '60', 'Seconds the program runs after it is ready, before the stop signal (1 to 21600).'),
  spec('run', 'ready-pattern', DEFAULT_READY_PATTERN, "Regular expression matched against the program's output; the duration starts when it matches. Empty: start at launch."),
  spec('run', 'ready-timeout', '120', 'Seconds to wait for `ready-pattern` before giving up (the run is then incomplete).'),
  spec('run', 'stop-signal', 'SIGTERM', 'The one signal sent after the duration: SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1 or SIGUSR2.'),
  spec('run', 'shutdown-timeout', '60', 'Seconds to wait for the program to exit after the stop signal. Past it the shutdown is hung: SIGUSR1 makes Valgrind write its report, then SIGKILL.'),
  spec('run', 'valgrind-args', '', 'Extra Valgrind flags, e.g. `--track-origins=yes`. A flag given here replaces the default of the same name; flags that would break the report (`-q`, `--xml=no`, `--log-file`, ...) are refused.'),
  spec('run', 'suppressions', '', 'Valgrind suppression files, one per line.', 'multiline'),
  spec('run', 'out-dir', 'flb-valgrind-out', "Where the XML logs, the program's output, report.json and the build log go."),
  spec('run', 'install-valgrind', 'false', 'Install Valgrind with apt-get (through sudo when not root) if it is missing.', 'boolean'),
  spec('judge', 'max-definitely-lost-bytes', '0', 'Fail when more bytes than this are definitely lost.'),
  spec('judge', 'max-possibly-lost-bytes', '0', 'Fail when more bytes than this are possibly lost.'),
  spec('judge', 'max-indirectly-lost-bytes', '', 'Fail when more bytes than this are indirectly lost. Empty: reported, not checked.'),
  spec('judge', 'max-errors', '0', 'Fail when Valgrind reports more memory errors than this (invalid reads and writes, uninitialised values, bad frees...).'),
  spec('judge', 'fail-on-threshold', 'true', 'Fail the step when a threshold is exceeded or the run could not be judged. `false`: report only.', 'boolean'),
  spec('build', 'build', 'false', 'Compile Fluent Bit with `-DFLB_VALGRIND=On -DFLB_JEMALLOC=Off` before the run.', 'boolean'),
  spec('build', 'source-dir', '.', 'The Fluent Bit source tree to build.'),
  spec('build', 'build-dir', '', 'The CMake build directory. Empty: `build-valgrind` inside `source-dir`.'),
  spec('build', 'build-type', 'Debug', 'CMAKE_BUILD_TYPE: Debug, RelWithDebInfo, Release or MinSizeRel.'),
  spec('build', 'cmake-options', '', 'Extra CMake options, e.g. `-DFLB_OUT_KAFKA=Off`. Options that turn FLB_VALGRIND off or FLB_JEMALLOC on are refused.'),
  spec('build', 'build-jobs', '', "Parallel compile jobs. Empty: the runner's CPU count."),
  spec('build', 'ccache', 'auto', 'Use ccache: `auto` (when installed), `true` (install it if missing) or `false`.'),
  spec('build', 'install-deps', 'false', 'Install missing build dependencies with apt-get on Debian/Ubuntu runners (through sudo when not root).', 'boolean'),
  spec('build', 'cache', 'true', "Cache ccache's directory and the built binary across workflow runs with the Actions cache.", 'boolean', false),
  spec('report', 'report-file', '', 'Publish an existing report.json (from an earlier run\'s artifact) instead of running anything: re-judged with this step\'s thresholds. For PRs from forks, see docs/forks.md.', 'string', false),
  spec('report', 'pr-number', '', 'The pull request to comment on. Empty: the one of the triggering event.', 'string', false),
  spec('report', 'comment', 'always', 'The sticky PR comment: `always`, `on-failure` (only when the verdict is not pass, and kept up to date once posted), `on-change` (only when the totals differ from the comment already there) or `never`.', 'string', false),
  spec('report', 'comment-key', '', 'Tells this step\'s comment apart from others on the same PR. Empty: derived from workflow, job and `matrix`.', 'string', false),
  spec('report', 'matrix', '', 'In a matrix job, `${{ toJSON(matrix) }}`: an action cannot see the matrix, and its values keep each leg\'s comment and artifact apart.', 'string', false),
  spec('report', 'github-token', '${{ github.token }}', 'Token for the PR comment. PRs from forks get a read-only token: see the README for the two-workflow pattern.', 'string', false),
  spec('report', 'annotations', 'true', 'Annotate the source lines that allocated each leak or error.', 'boolean', false),
  spec('report', 'upload-artifact', 'true', 'Upload report.json, the XML logs, the output, the build log and a suppressions file as an artifact.', 'boolean', false),
  spec('report', 'artifact-name', '', 'Name of the artifact. Empty: `flb-valgrind-` plus the job and the `matrix` values (names must be unique in a run).', 'string', false),
  spec('report', 'retention-days', '', "Days to keep the artifact (1 to 90). Empty: the repository's default.", 'string', false),
];

export interface OutputSpec {
  name: string;
  description: string;
}

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'verdict', description: '`pass`, `fail` or `incomplete` (the run could not be judged).' },
  { name: 'definitely-lost-bytes', description: 'Bytes definitely lost (direct), summed over processes.' },
  { name: 'indirectly-lost-bytes', description: 'Bytes indirectly lost.' },
  { name: 'possibly-lost-bytes', description: 'Bytes possibly lost.' },
  { name: 'still-reachable-bytes', description: 'Bytes still reachable at exit.' },
  { name: 'suppressed-bytes', description: 'Bytes in suppressed leaks.' },
  { name: 'errors', description: 'Memory errors other than leaks.' },
  { name: 'report', description: 'Path of report.json.' },
  { name: 'binary', description: 'The program that ran (the built one when `build` is true).' },
  { name: 'artifact-id', description: 'ID of the uploaded artifact, when one was uploaded.' },
  { name: 'comment-url', description: 'URL of the PR comment, when one was posted or updated.' },
];

/** Looks an input up by name; throws for a name that is not in INPUTS (a programming error). */
export function inputSpec(name: string): InputSpec {
  const found = INPUTS.find((i) => i.name === name);
  if (!found) throw new Error(`unknown input '${name}'`);
  return found;
}
