// The oracle for exact totals: Valgrind's own text LEAK SUMMARY for the same program,
// run here in text mode (no XML) and stopped with SIGTERM once it printed its ready line.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TextSummary {
  definitelyLost: number;
  indirectlyLost: number;
  possiblyLost: number;
  stillReachable: number;
  suppressed: number;
}

/** Runs `valgrind --leak-check=full PROGRAM`, sends SIGTERM to its group after the ready line, and reads LEAK SUMMARY's bytes. */
export async function valgrindTextSummary(program: string, readyPattern = /stream processor started/): Promise<TextSummary> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-oracle-'));
  const log = path.join(dir, 'valgrind.txt');
  const child = spawn('valgrind', ['--leak-check=full', '--show-leak-kinds=all', `--log-file=${log}`, program], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer): void => {
      if (readyPattern.test(b.toString())) {
        // The whole group, as the action signals it: a forked child stops too.
        setTimeout(() => process.kill(-(child.pid as number), 'SIGTERM'), 300);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
  });
  await new Promise((resolve) => child.on('close', resolve));
  const text = await readFile(log, 'utf8');
  // One LEAK SUMMARY per process (a forked child writes its own into the same file): summed.
  const bytes = (label: string): number => {
    const all = [...text.matchAll(new RegExp(`${label}: ([\\d,]+) bytes in`, 'g'))];
    if (all.length === 0) throw new Error(`no '${label}' line in Valgrind's text summary:\n${text}`);
    return all.reduce((sum, m) => sum + Number((m[1] as string).replaceAll(',', '')), 0);
  };
  return {
    definitelyLost: bytes('definitely lost'),
    indirectlyLost: bytes('indirectly lost'),
    possiblyLost: bytes('possibly lost'),
    stillReachable: bytes('still reachable'),
    suppressed: bytes('suppressed'),
  };
}
