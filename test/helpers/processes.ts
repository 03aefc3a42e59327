import { readdirSync, readFileSync } from 'node:fs';

/** Fields after "pid (comm) " of /proc/PID/stat: [state, ppid, pgrp, ...]; null when the process is gone. */
function statOf(pid: string | number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * Process ids of the group's members that still run. Zombies do not count: PID 1 of
 * this machine (and of some containers) reaps orphans late.
 */
export function liveGroupMembers(pgid: number): number[] {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return [];
  }
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      const f = statOf(entry);
      return f !== null && Number(f[2]) === pgid && f[0] !== 'Z';
    })
    .map(Number);
}

/** True while the process runs (a zombie does not). */
export function running(pid: number): boolean {
  const f = statOf(pid);
  return f !== null && f[0] !== 'Z';
}

/** Waits up to `timeoutMs` for the group to have no running member; returns those still running. */
export async function waitGroupGone(pgid: number, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = liveGroupMembers(pgid);
    if (live.length === 0 || Date.now() >= deadline) return live;
    await new Promise((r) => setTimeout(r, 20));
  }
}
