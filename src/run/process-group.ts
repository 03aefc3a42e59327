import { readdir, readFile } from 'node:fs/promises';

/** Sends a signal to every process in a group; false when the group is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/**
 * Whether any process of the group still runs. kill(0) also succeeds for zombies, which
 * linger where PID 1 does not reap orphans (some containers), so on Linux the group's
 * members are read from /proc and zombies are not counted.
 */
export async function groupAlive(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    // EPERM: a member exists that we may not signal (it changed its uid): still alive.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** Polls until the group is gone; true when it went within `timeoutMs`, false on timeout or `stop()`. */
export async function waitForGroupGone(
  pgid: number,
  timeoutMs: number,
  stopped: () => boolean = () => false,
  pollMs = 20,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (!(await groupAlive(pgid))) return true;
    if (stopped() || performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - performance.now()))));
  }
}
