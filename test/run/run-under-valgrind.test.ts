import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runSettings } from '../helpers/run-settings.ts';
import { compileProgram } from '../helpers/c-programs.ts';
import { liveGroupMembers, running } from '../helpers/processes.ts';
import { runUnderValgrind } from '../../src/run/run-under-valgrind.ts';
import { planFromSettings, type RunPlan } from '../../src/run/plan.ts';
import type { RunInfo } from '../../src/model/run.ts';

// Real valgrind and gcc on the small daemons in test/programs. Every case runs its own
// Valgrind; they run a few at a time to keep the file short on 2 cores. Timeouts are
// generous where the program cooperates (they cost nothing then) and short where it hangs.

interface Outcome {
  info: RunInfo;
  writes: string[];
  infos: string[];
  plan: RunPlan;
}

async function run(program: string, over: Partial<RunPlan> = {}, programArgs: string[] = [], onInfo?: (msg: string) => void): Promise<Outcome> {
  const binary = await compileProgram(program);
  const outDir = await mkdtemp(path.join(os.tmpdir(), `flb-vg-run-${program}-`));
  const base = planFromSettings(
    runSettings({
      binary,
      args: programArgs,
      workingDirectory: outDir,
      durationSeconds: 1,
      readyPattern: /stream processor started/,
      readyTimeoutSeconds: 20,
      shutdownTimeoutSeconds: 10,
      outDir,
    }),
    'valgrind',
    binary,
  );
  const plan: RunPlan = { ...base, escalateTimeoutMs: 10_000, ...over };
  const writes: string[] = [];
  const infos: string[] = [];
  const info = await runUnderValgrind(plan, { write: (c) => writes.push(c), info: (m) => (infos.push(m), onInfo?.(m)) });
  return { info, writes, infos, plan };
}

/** Fails while a process of the group led by `pid` still runs (zombies excepted, see liveGroupMembers). */
function assertGone(pid: number | undefined): void {
  assert.ok(pid !== undefined && pid > 0);
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `process ${pid} still exists`);
  assert.deepEqual(liveGroupMembers(pid), [], `process group ${pid} still has live processes`);
}

async function xml(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

const closed = (text: string): boolean => text.trimEnd().endsWith('</valgrindoutput>');
const reasons = (info: RunInfo): string[] => info.signals.map((s) => `${s.reason}:${s.signal}`);

describe('runUnderValgrind', { concurrency: 4 }, () => {
  test('a cooperating daemon: ready, one SIGTERM after the duration, a closed XML with every leak kind', async () => {
    const { info, writes, plan } = await run('leaky-daemon');
    assert.equal(info.end, 'stopped');
    assert.equal(info.exitCode, 0);
    assert.equal(info.exitSignal, null);
    assert.deepEqual(reasons(info), ['stop:SIGTERM']);
    assert.ok(info.readyAfterMs !== null && info.readyAfterMs > 0);
    const stop = info.signals[0]!;
    // atMs and readyAfterMs are both rounded to whole milliseconds.
    assert.ok(stop.atMs >= info.readyAfterMs + 999, `stop at ${stop.atMs} ms, ready at ${info.readyAfterMs} ms`);
    assert.ok(info.stopDelayMs !== undefined && info.stopDelayMs !== null && info.stopDelayMs >= 0);
    assert.ok(info.shutdownMs !== null && info.shutdownMs >= 0);
    assert.equal(info.durationSeconds, 1);
    assert.deepEqual(info.command, [plan.valgrind, ...plan.valgrindArgs, plan.program]);
    assert.ok(info.outputTail.some((l) => l.includes('[sp] stream processor started (leaky-daemon')));
    assert.ok(info.outputTail.at(-1)?.includes('caught stop signal, leaky-daemon exiting'));
    assert.equal(await readFile(info.outputFile, 'utf8'), writes.join(''));
    assert.match(writes.join(''), /leaky-daemon tick 1/);
    assert.deepEqual(info.xmlFiles, [path.join(plan.outDir, `valgrind.${info.pid}.xml`)]);
    const text = await xml(info.xmlFiles[0]!);
    assert.ok(closed(text));
    for (const kind of ['Leak_DefinitelyLost', 'Leak_IndirectlyLost', 'Leak_PossiblyLost', 'Leak_StillReachable']) {
      assert.ok(text.includes(`<kind>${kind}</kind>`), kind);
    }
    assertGone(info.pid);
  });

  test('a daemon that frees everything: stopped, no leak records', async () => {
    const { info } = await run('clean-daemon');
    assert.equal(info.end, 'stopped');
    assert.equal(info.exitCode, 0);
    assert.equal(info.signals.length, 1);
    const text = await xml(info.xmlFiles[0]!);
    assert.ok(closed(text));
    assert.ok(!text.includes('<kind>Leak_'));
    assertGone(info.pid);
  });

  test('a hung shutdown escalates to SIGUSR1: Valgrind still writes a whole report', async () => {
    const { info, infos } = await run('hung-daemon', { shutdownTimeoutMs: 1000 });
    assert.equal(info.end, 'hung-escalated');
    assert.equal(info.exitSignal, 'SIGUSR1');
    assert.equal(info.exitCode, null);
    assert.deepEqual(reasons(info), ['stop:SIGTERM', 'escalate:SIGUSR1']);
    assert.ok(info.signals[1]!.atMs - info.signals[0]!.atMs >= 999);
    assert.ok(info.outputTail.some((l) => l.includes('waiting for a plugin that never returns')));
    assert.ok(infos.some((m) => m.startsWith('Hung shutdown')));
    const text = await xml(info.xmlFiles[0]!);
    assert.ok(closed(text));
    assert.ok(text.includes('<kind>Leak_DefinitelyLost</kind>'));
    assertGone(info.pid);
  });

  test('a program that also ignores SIGUSR1 is killed: hung-killed, the XML truncated', async () => {
    const { info } = await run('hung-daemon', { shutdownTimeoutMs: 700, escalateTimeoutMs: 700 }, ['--ignore-usr1']);
    assert.equal(info.end, 'hung-killed');
    assert.equal(info.exitSignal, 'SIGKILL');
    assert.deepEqual(reasons(info), ['stop:SIGTERM', 'escalate:SIGUSR1', 'kill:SIGKILL']);
    assert.equal(info.xmlFiles.length, 1);
    assert.ok(!closed(await xml(info.xmlFiles[0]!)));
    const pipes = (await readdir(process.env.TMPDIR || '/tmp')).filter((n) => n.startsWith('vgdb-pipe-') && n.includes(`-${info.pid}-by-`));
    assert.deepEqual(pipes, [], 'the gdbserver FIFOs a SIGKILL leaves behind are removed');
    assertGone(info.pid);
  });

  test('without an escalation signal a hung shutdown goes straight to SIGKILL', async () => {
    const { info } = await run('hung-daemon', { shutdownTimeoutMs: 700, escalateSignal: null });
    assert.equal(info.end, 'hung-killed');
    assert.deepEqual(reasons(info), ['stop:SIGTERM', 'kill:SIGKILL']);
    assertGone(info.pid);
  });

  test('a crash during the run: exited-early with SIGSEGV, no signal sent, the report written', async () => {
    const { info } = await run('crash-daemon', { durationMs: 5000 });
    assert.equal(info.end, 'exited-early');
    assert.equal(info.exitSignal, 'SIGSEGV');
    assert.equal(info.exitCode, null);
    assert.deepEqual(info.signals, []);
    assert.ok(info.readyAfterMs !== null);
    assert.equal(info.shutdownMs, null);
    assert.ok(info.outputTail.some((l) => l.includes('crash-daemon: about to crash')));
    const text = await xml(info.xmlFiles[0]!);
    assert.ok(closed(text));
    assert.ok(text.includes('<fatal_signal>'));
    assertGone(info.pid);
  });

  test('a program that fails at startup: exited-early with its exit status and its last words', async () => {
    const { info } = await run('exit-early');
    assert.equal(info.end, 'exited-early');
    assert.equal(info.exitCode, 3, 'Valgrind passes the exit status through');
    assert.equal(info.exitSignal, null);
    assert.equal(info.readyAfterMs, null);
    assert.deepEqual(info.signals, []);
    assert.deepEqual(info.outputTail.slice(-2), [
      "[error] [config] section 'no_such_plugin' tried to instance a plugin name that doesn't exist",
      '[error] configuration file contains errors, aborting.',
    ]);
    assertGone(info.pid);
  });

  test('a forked child (no exec) gets its own closed XML; the run waits for the whole group', async () => {
    const { info } = await run('forking-daemon');
    assert.equal(info.end, 'stopped');
    assert.deepEqual(reasons(info), ['stop:SIGTERM']);
    assert.equal(info.xmlFiles.length, 2);
    assert.equal(info.xmlFiles[0], path.join(path.dirname(info.outputFile), `valgrind.${info.pid}.xml`));
    for (const file of info.xmlFiles) assert.ok(closed(await xml(file)), file);
    const child = await xml(info.xmlFiles[1]!);
    assert.match(child, /<ppid>\d+<\/ppid>/);
    assert.ok(child.includes(`<ppid>${info.pid}</ppid>`));
    assert.ok(child.includes('<kind>Leak_DefinitelyLost</kind>'));
    // The child exits 300 ms after its parent: the run waited for it.
    assert.ok(info.finishMs !== null && info.finishMs !== undefined && info.finishMs >= 250, `finishMs ${info.finishMs}`);
    const childPid = Number(/valgrind\.(\d+)\.xml$/.exec(info.xmlFiles[1]!)?.[1]);
    assert.ok(childPid > 0 && !running(childPid), `child ${childPid} still runs`);
    assertGone(info.pid);
  });

  test('the top process exits early but its forked child runs on: the child is stopped too', async () => {
    const { info } = await run('forking-daemon', { durationMs: 10_000 }, ['--parent-fails']);
    assert.equal(info.end, 'exited-early');
    assert.equal(info.exitCode, 3);
    assert.deepEqual(reasons(info), ['stop:SIGTERM']);
    assert.equal(info.xmlFiles.length, 2);
    for (const file of info.xmlFiles) assert.ok(closed(await xml(file)), file);
    assert.ok(info.outputTail.some((l) => l.includes('forking-daemon child exiting')));
    assertGone(info.pid);
  });

  test('SIGINT as the stop signal', async () => {
    const { info } = await run('leaky-daemon', { stopSignal: 'SIGINT' });
    assert.equal(info.end, 'stopped');
    assert.equal(info.stopSignal, 'SIGINT');
    assert.deepEqual(reasons(info), ['stop:SIGINT']);
    assertGone(info.pid);
  });

  test('not ready and deaf to the stop signal: killed after shutdown-timeout', async () => {
    const { info } = await run('hung-daemon', { readyPattern: /never/, readyTimeoutMs: 800, shutdownTimeoutMs: 500 }, ['--ignore-usr1']);
    assert.equal(info.end, 'not-ready');
    assert.deepEqual(reasons(info), ['stop:SIGTERM', 'kill:SIGKILL']);
    assert.equal(info.exitSignal, 'SIGKILL');
    assertGone(info.pid);
  });

  test('not ready: a pattern that never matches stops the program after ready-timeout', async () => {
    const { info, infos } = await run('leaky-daemon', { readyPattern: /this line never comes/, readyTimeoutMs: 1500 });
    assert.equal(info.end, 'not-ready');
    assert.equal(info.readyAfterMs, null);
    assert.deepEqual(reasons(info), ['stop:SIGTERM']);
    assert.ok(info.signals[0]!.atMs >= 1499);
    assert.ok(info.shutdownMs !== null && info.shutdownMs >= 0, 'measured from the stop signal');
    assert.ok(infos.some((m) => m.includes("'ready-pattern'")));
    assertGone(info.pid);
  });

  test('no ready pattern: the clock starts at launch', async () => {
    const { info } = await run('clean-daemon', { readyPattern: null });
    assert.equal(info.end, 'stopped');
    assert.equal(info.readyAfterMs, 0);
    assert.ok(info.signals[0]!.atMs >= 999);
    assertGone(info.pid);
  });

  test('cancelled during the run: the stop signal, then done', async () => {
    const controller = new AbortController();
    const abortWhenReady = (m: string): void => void (m.startsWith('Ready after') && setTimeout(() => controller.abort(), 200));
    const { info } = await run('leaky-daemon', { durationMs: 30_000, abort: controller.signal }, [], abortWhenReady);
    assert.equal(info.end, 'cancelled');
    assert.equal(info.exitCode, 0, 'the program stopped gracefully');
    assert.deepEqual(reasons(info), ['cancel:SIGTERM']);
    assert.ok(info.readyAfterMs !== null && info.signals[0]!.atMs >= info.readyAfterMs + 199 && info.signals[0]!.atMs < 30_000);
    assert.equal(info.stopDelayMs, null);
    assertGone(info.pid);
  });

  test('cancelled during a hung shutdown: SIGKILL after the cancel grace', async () => {
    const controller = new AbortController();
    const abortWhenHung = (m: string): void => void (m.startsWith('Duration over') && setTimeout(() => controller.abort(), 300));
    const plan = { shutdownTimeoutMs: 30_000, abort: controller.signal, cancelGraceMs: 300 };
    const { info } = await run('hung-daemon', plan, ['--ignore-usr1'], abortWhenHung);
    assert.equal(info.end, 'cancelled');
    assert.deepEqual(reasons(info), ['stop:SIGTERM', 'kill:SIGKILL']);
    assert.equal(info.exitSignal, 'SIGKILL');
    assertGone(info.pid);
  });

  test('already cancelled: nothing starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const { info } = await run('leaky-daemon', { abort: controller.signal });
    assert.equal(info.end, 'cancelled');
    assert.equal(info.pid, undefined);
    assert.deepEqual(info.signals, []);
    assert.deepEqual(info.xmlFiles, []);
  });
});

describe('runUnderValgrind refuses what cannot run', () => {
  test('a missing program, a missing suppressions file, a missing valgrind', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-run-missing-'));
    const binary = await compileProgram('clean-daemon');
    const plan: RunPlan = {
      valgrind: 'valgrind', valgrindArgs: [], program: path.join(outDir, 'no-such-program'), args: [], cwd: outDir, outDir,
      durationMs: 1000, readyPattern: null, readyTimeoutMs: 1000, stopSignal: 'SIGTERM', shutdownTimeoutMs: 1000,
      escalateSignal: 'SIGUSR1', escalateTimeoutMs: 1000,
    };
    const sink = { write: () => {}, info: () => {} };
    await assert.rejects(runUnderValgrind(plan, sink), { name: 'RunError', message: /no-such-program' does not exist or is not executable/ });
    await assert.rejects(runUnderValgrind({ ...plan, program: binary, valgrindArgs: ['--suppressions=gone.supp'] }, sink), {
      name: 'RunError',
      message: new RegExp(`suppressions file '${outDir}/gone.supp' does not exist`),
    });
    await assert.rejects(runUnderValgrind({ ...plan, program: binary, valgrind: path.join(outDir, 'valgrind') }, sink), {
      name: 'RunError',
      message: /Could not start Valgrind .*ENOENT/,
    });
  });

  test('XML files of an earlier run in the out-dir are removed, other files kept', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-run-stale-'));
    await writeFile(path.join(outDir, 'valgrind.1.xml'), '<stale/>');
    await writeFile(path.join(outDir, 'notes.txt'), 'keep');
    const binary = await compileProgram('exit-early');
    const info = await runUnderValgrind(
      {
        valgrind: 'valgrind', valgrindArgs: ['--xml=yes', `--xml-file=${outDir}/valgrind.%p.xml`], program: binary, args: [], cwd: outDir, outDir,
        durationMs: 1000, readyPattern: null, readyTimeoutMs: 1000, stopSignal: 'SIGTERM', shutdownTimeoutMs: 5000,
        escalateSignal: 'SIGUSR1', escalateTimeoutMs: 1000,
      },
      { write: () => {}, info: () => {} },
    );
    assert.deepEqual(info.xmlFiles, [path.join(outDir, `valgrind.${info.pid}.xml`)]);
    assert.equal(await readFile(path.join(outDir, 'notes.txt'), 'utf8'), 'keep');
  });
});
