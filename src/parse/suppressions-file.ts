/**
 * Suppressions that matched nothing: the names defined in the `--suppressions=` files
 * Valgrind was given, minus those `<suppcounts>` / "used_suppression" report as used.
 */
import { readFile } from 'node:fs/promises';
import type { UnusedSuppression } from '../model/report.ts';
import type { ProcessResult } from './process-builder.ts';

/** The names of the suppressions in a Valgrind suppressions file, in order. */
export function suppressionNames(text: string): string[] {
  const names: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() !== '{') continue;
    // The name is the first line after '{' that is not a comment.
    for (let j = i + 1; j < lines.length; j++) {
      const t = (lines[j] ?? '').trim();
      if (t === '' || t.startsWith('#')) continue;
      if (t !== '}') names.push(t);
      i = j;
      break;
    }
  }
  return names;
}

/**
 * Reads the suppressions files (paths as Valgrind got them; unreadable ones are skipped)
 * and lists the suppressions no process used. Undefined when no file could be read.
 */
export async function findUnusedSuppressions(
  files: readonly string[],
  results: readonly ProcessResult[],
): Promise<UnusedSuppression[] | undefined> {
  const used = new Set(results.flatMap((r) => r.suppressions.filter((s) => s.count > 0).map((s) => s.name)));
  let readAny = false;
  const unused: UnusedSuppression[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // relative to Valgrind's working directory, or gone: nothing to compare
    }
    readAny = true;
    for (const name of suppressionNames(text)) if (!used.has(name)) unused.push({ name, file });
  }
  return readAny ? unused : undefined;
}
