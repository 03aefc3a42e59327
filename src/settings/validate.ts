import { splitShellWords } from './shell-words.ts';
import { inputSpec } from './inputs.ts';

/** The signals a user may choose to stop the program with. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'] as const;

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/**
 * Reads inputs through `get` and validates each with one small rule. A bad value is
 * recorded as a problem (naming the input, the value and what is accepted) and a
 * fallback is returned, so that every problem is found in one pass.
 */
export class InputReader {
  readonly problems: string[] = [];

  /** `get` returns undefined for an input that was not given at all. */
  constructor(private readonly get: (name: string) => string | undefined) {}

  /** The trimmed value, or the input's default when empty. */
  raw(name: string): string {
    const value = (this.get(name) ?? '').trim();
    return value === '' ? inputSpec(name).default : value;
  }

  /** A problem for `name`, in the one format every message uses. */
  fail(name: string, value: string, accepted: string): void {
    this.problems.push(`'${name}' must be ${accepted}, got '${value}'`);
  }

  optional(name: string): string | null {
    const value = this.raw(name);
    return value === '' ? null : value;
  }

  wholeNumber(name: string, min: number, max: number, unit = ''): number {
    return this.optionalWholeNumber(name, min, max, unit) ?? min;
  }

  optionalWholeNumber(name: string, min: number, max: number, unit = ''): number | null {
    const value = this.raw(name);
    if (value === '') return null;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const what = unit ? `a whole number of ${unit}` : 'a whole number';
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      this.fail(name, value, `${what} ${range}`);
      return null;
    }
    return n;
  }

  boolean(name: string): boolean {
    const value = this.raw(name);
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    this.fail(name, value, 'true or false');
    return inputSpec(name).default === 'true';
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.raw(name);
    const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (found) return found;
    this.fail(name, value, `one of ${values.join(', ')}`);
    return values[0] as T;
  }

  regex(name: string): RegExp | null {
    const value = this.get(name) === undefined ? inputSpec(name).default : this.rawAllowEmpty(name);
    if (value === '') return null;
    try {
      return new RegExp(value);
    } catch (e) {
      this.fail(name, value, `a valid JavaScript regular expression (${(e as Error).message})`);
      return null;
    }
  }

  /** A signal name, with or without the SIG prefix, in any case. */
  signal(name: string, allowed: readonly string[]): NodeJS.Signals {
    const value = this.raw(name);
    const upper = value.toUpperCase();
    const full = upper.startsWith('SIG') ? upper : `SIG${upper}`;
    if (allowed.includes(full)) return full as NodeJS.Signals;
    this.fail(name, value, `one of ${allowed.join(', ')}`);
    return allowed[0] as NodeJS.Signals;
  }

  words(name: string): string[] {
    const value = this.raw(name);
    const split = splitShellWords(value);
    if ('error' in split) {
      this.problems.push(`'${name}' ${split.error}: got '${value}'; quote words the way a shell would`);
      return [];
    }
    return split.words;
  }

  /** Non-empty lines, trimmed; `#` starts a comment line. */
  lines(name: string): string[] {
    return this.raw(name)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
  }

  /** The value as given, where an explicitly empty value means "none" rather than "default". */
  private rawAllowEmpty(name: string): string {
    return (this.get(name) ?? '').trim();
  }
}
