import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes the FIFOs and shared-memory file that Valgrind's gdbserver makes for each
 * process (`vgdb-pipe-from-vgdb-to-PID-by-USER-on-HOST` and two more) in its temp
 * directory. Valgrind removes them itself on a normal exit; a SIGKILL leaves them behind,
 * and a self-hosted runner would pile them up. Only the given process ids are touched.
 */
export async function removeVgdbPipes(pids: number[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = env.TMPDIR || '/tmp';
  const ids = new Set(pids.map(String));
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^vgdb-pipe-.*?-(\d+)-by-/.exec(name)?.[1];
    if (pid !== undefined && ids.has(pid)) await rm(path.join(dir, name), { force: true });
  }
}
