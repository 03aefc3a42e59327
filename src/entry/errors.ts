import { SettingsError } from '../settings/errors.ts';
import { RunError } from '../run/errors.ts';
import { BuildError } from '../build/types.ts';
import { UsageError } from './cli-args.ts';
import { ParseInputError } from '../parse/index.ts';
import { ReportFileError } from '../pipeline/read-report-file.ts';

/** Errors whose message is written for the user: shown as is, never with a stack. */
const KNOWN = [SettingsError, UsageError, RunError, BuildError, ParseInputError, ReportFileError];

/** The one line (or few) a user sees for an error; unknown errors say they are a bug to report. */
export function describeError(e: unknown): string {
  if (KNOWN.some((k) => e instanceof k)) return (e as Error).message;
  const message = e instanceof Error ? e.message : String(e);
  return `${message} (an unexpected error: please report it with the step's log)`;
}

/** Bad inputs or usage: the CLI exits 2 for these. */
export function isUserError(e: unknown): boolean {
  return e instanceof SettingsError || e instanceof UsageError || e instanceof ParseInputError || e instanceof ReportFileError;
}
