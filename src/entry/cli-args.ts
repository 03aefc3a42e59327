import { INPUTS, type InputSpec } from '../settings/inputs.ts';

/** A command line the CLI could not make sense of; the CLI exits 2 with this message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type Command = 'run' | 'report';

export interface CliArgs {
  /** null: no command was given (top-level help). */
  command: Command | null;
  help: boolean;
  /** Input values by input name, as the action would receive them. */
  inputs: Map<string, string>;
  /** `report`: the Valgrind files to judge. */
  files: string[];
  json: string | null;
  markdown: string | null;
}

const CLI_INPUTS = INPUTS.filter((i) => i.cli);
/** Only the judge's flags and out-dir make sense when judging existing files. */
const REPORT_GROUPS: readonly InputSpec['group'][] = ['judge'];

/**
 * Parses `flb-valgrind COMMAND [--flag VALUE | --flag=VALUE | --bool | --no-bool]... [-- PROGRAM ARGS...]`.
 * Flags are the action's inputs in --kebab-case; a repeated multiline flag adds a line.
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { command: null, help: true, inputs: new Map(), files: [], json: null, markdown: null };
  }
  if (command !== 'run' && command !== 'report') {
    throw new UsageError(`unknown command '${command}': use 'flb-valgrind run [options] -- PROGRAM [ARGS...]' or 'flb-valgrind report [options] FILE...'`);
  }
  const args: CliArgs & { command: Command } = { command, help: false, inputs: new Map(), files: [], json: null, markdown: null };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      args.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (command === 'run') throw new UsageError(`unexpected '${arg}': put the program after '--', as in 'flb-valgrind run --duration 30 -- ./fluent-bit -i dummy -o null'`);
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = rest[i + 1];
      if (next === undefined) throw new UsageError(`--${name} needs a value`);
      i++;
      return next;
    };
    if (name === 'json' || name === 'markdown') {
      args[name] = takeValue();
      continue;
    }
    const negated = name.startsWith('no-') ? cliInput(name.slice(3), command) : undefined;
    if (negated?.kind === 'boolean' && inline === undefined) {
      args.inputs.set(negated.name, 'false');
      continue;
    }
    const input = cliInput(name, command);
    if (!input) throw new UsageError(`unknown option --${name} for '${command}'; see 'flb-valgrind ${command} --help'`);
    if (input.kind === 'boolean') {
      args.inputs.set(name, inline ?? 'true');
    } else if (input.kind === 'multiline' && args.inputs.has(name)) {
      args.inputs.set(name, `${args.inputs.get(name)}\n${takeValue()}`);
    } else {
      args.inputs.set(name, takeValue());
    }
  }
  if (command === 'run' && positional.length > 0) {
    if (args.inputs.has('binary') || args.inputs.has('args')) {
      throw new UsageError("give the program either after '--' or with --binary/--args, not both");
    }
    // With --build the program is the built fluent-bit: every word after '--' is an argument.
    const building = args.inputs.get('build') === 'true';
    if (!building) args.inputs.set('binary', positional[0] as string);
    // Already split by the user's shell: keep each word whole by quoting it for our splitter.
    args.inputs.set('args', positional.slice(building ? 0 : 1).map(quoteWord).join(' '));
  }
  if (command === 'report') args.files = positional;
  if (!args.help && command === 'report' && args.files.length === 0) {
    throw new UsageError("'report' needs at least one Valgrind XML or text file: flb-valgrind report valgrind.1234.xml");
  }
  return args;
}

function cliInput(name: string, command: Command): InputSpec | undefined {
  const input = CLI_INPUTS.find((i) => i.name === name);
  if (!input) return undefined;
  return command === 'run' || REPORT_GROUPS.includes(input.group) ? input : undefined;
}

/** Single-quotes a word so that splitShellWords gives it back unchanged. */
function quoteWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The --help text of a command, made from the input list so it never drifts. */
export function helpText(command: Command | null): string {
  const flags = (groups: readonly InputSpec['group'][]): string =>
    CLI_INPUTS.filter((i) => groups.includes(i.group))
      .map((i) => {
        const head = i.kind === 'boolean' ? `  --${i.name}, --no-${i.name}` : `  --${i.name} ${i.kind === 'multiline' ? 'VALUE (repeatable)' : 'VALUE'}`;
        const def = i.default ? ` [default: ${i.default}]` : '';
        return `${head}\n      ${i.description.replaceAll('`', '')}${def}`;
      })
      .join('\n');
  const common = `  --json FILE\n      Write the report (JSON) to FILE.\n  --markdown FILE\n      Write the summary (Markdown, as in the job summary) to FILE.\n  -h, --help\n      This help.`;
  const exits = 'Exit codes: 0 pass, 1 fail or incomplete, 2 bad input or usage.';
  if (command === 'report') {
    return `Usage: flb-valgrind report [options] FILE...\n\nJudges existing Valgrind output (XML or text, one file per process).\n\nOptions:\n${flags(REPORT_GROUPS)}\n${common}\n\n${exits}\n`;
  }
  if (command === 'run') {
    return `Usage: flb-valgrind run [options] -- PROGRAM [ARGS...]\n       flb-valgrind run --build [options] -- [ARGS...]\n\nRuns PROGRAM (with --build: the fluent-bit it builds) under Valgrind memcheck for\n--duration seconds after it is ready, stops it with one signal, and judges the leak report.\n\nOptions:\n${flags(['run', 'judge', 'build'])}\n${common}\n\n${exits}\n`;
  }
  return `Usage:\n  flb-valgrind run [options] -- PROGRAM [ARGS...]   run under Valgrind and judge\n  flb-valgrind report [options] FILE...            judge existing Valgrind output\n\n'flb-valgrind COMMAND --help' lists the options.\n${exits}\n`;
}
