/**
 * Splits a command line into words the way a POSIX shell would, without running a
 * shell: whitespace separates words, single quotes keep everything literally, double
 * quotes keep everything but `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes
 * escapes the next character. No variables, globs or operators are expanded: a `|` or
 * `$HOME` is passed on as written. (shell-quote would expand `$VAR` and turn `|`
 * into operator objects; we want the literal words.)
 * Returns the words, or an error message naming what is wrong.
 */
export function splitShellWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { error: 'ends with a lone backslash' };
      const next = line[++i] as string;
      // A backslash-newline is a line continuation, as in sh.
      if (next !== '\n') word += next;
      inWord = inWord || next !== '\n';
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { error: `has an unclosed ${quote === "'" ? 'single' : 'double'} quote` };
  if (inWord) words.push(word);
  return { words };
}
