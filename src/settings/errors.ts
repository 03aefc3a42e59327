/** A bad input or flag: the message names the input, the value and what is accepted. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? (problems[0] as string) : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'SettingsError';
  }
}
