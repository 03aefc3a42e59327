// Run-stage benchmark: runs the free-everything daemon (test/programs/clean-daemon.c)
// under real Valgrind BENCH_RUN_TIMES times (default 5) with a 1 s duration, and prints
// how late the stop signal came after the duration's end (goal: at most 100 ms) and the
// time from Valgrind's exit until runUnderValgrind resolved (group gone, output flushed,
// XML files listed). Needs gcc and valgrind.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileProgram } from '../test/helpers/c-programs.ts';
import { findValgrind } from '../src/run/find-valgrind.ts';
import { defaultValgrindArgs } from '../src/run/valgrind-args.ts';
import { DEFAULT_READY_PATTERN } from '../src/run/plan.ts';
import { runUnderValgrind } from '../src/run/run-under-valgrind.ts';

const times = Number(process.env.BENCH_RUN_TIMES ?? 5);
const valgrind = await findValgrind();
const program = await compileProgram('clean-daemon');
const stopDelays: number[] = [];
const finishes: number[] = [];
const shutdowns: number[] = [];
const readies: number[] = [];

for (let i = 0; i < times; i++) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-bench-run-'));
  const info = await runUnderValgrind(
    {
      valgrind: valgrind.path,
      valgrindArgs: defaultValgrindArgs(path.join(outDir, 'valgrind.%p.xml')),
      program,
      args: [],
      cwd: outDir,
      outDir,
      durationMs: 1000,
      readyPattern: new RegExp(DEFAULT_READY_PATTERN),
      readyTimeoutMs: 30_000,
      stopSignal: 'SIGTERM',
      shutdownTimeoutMs: 30_000,
      escalateSignal: 'SIGUSR1',
      escalateTimeoutMs: 30_000,
    },
    { write: () => {}, info: () => {} },
  );
  await rm(outDir, { recursive: true, force: true });
  if (info.end !== 'stopped' || info.stopDelayMs == null || info.finishMs == null || info.shutdownMs === null || info.readyAfterMs === null) {
    throw new Error(`run ${i + 1} ended ${info.end}; expected 'stopped'`);
  }
  stopDelays.push(info.stopDelayMs);
  finishes.push(info.finishMs);
  shutdowns.push(info.shutdownMs);
  readies.push(info.readyAfterMs);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const row = (name: string, xs: number[]): string => `| ${name} | ${median(xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;

console.log(`Valgrind ${valgrind.version}, clean-daemon, 1 s duration, ${times} runs (ms)\n`);
console.log('| measure | median | max |');
console.log('| --- | ---: | ---: |');
console.log(row('duration end → stop signal', stopDelays));
console.log(row('valgrind exit → runUnderValgrind resolved', finishes));
console.log(row('stop signal → valgrind exit', shutdowns));
console.log(row('start → ready line', readies));
