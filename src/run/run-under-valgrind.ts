import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RunEnd, RunInfo, SignalSent } from '../model/run.ts';
import { RunError } from './errors.ts';
import { OutputCapture, type OutputSink } from './output-capture.ts';
import { DEFAULT_CANCEL_GRACE_MS, OUTPUT_FILE, type RunPlan } from './plan.ts';
import { groupAlive, signalGroup, waitForGroupGone } from './process-group.ts';
import { listXmlFiles, pidOfXml, preflight } from './preflight.ts';
import { removeVgdbPipes } from './vgdb-pipes.ts';

/** Where the runner reports: the program's output as it comes, and its own progress lines. */
export interface RunSink extends OutputSink {
  info(msg: string): void;
}

/** How long SIGKILL may take to end the group (a process in uninterruptible sleep waits for its I/O). */
const KILL_WAIT_MS = 5_000;
/** After the group is gone, how long its pipes may stay open (a daemonised grandchild that left the group). */
const PIPE_DRAIN_MS = 500;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

type Wake = 'exit' | 'ready' | 'abort' | 'timeout';

/**
 * Runs the program under Valgrind in its own process group: waits for it to be ready,
 * lets it work for the duration, stops it with one signal, escalates a hung shutdown,
 * and leaves no process behind. Resolves with what happened; throws RunError only when
 * the program could not be started.
 */
export async function runUnderValgrind(plan: RunPlan, sink: RunSink): Promise<RunInfo> {
  await preflight(plan);
  const command = [plan.valgrind, ...plan.valgrindArgs, plan.program, ...plan.args];
  const outputFile = path.join(plan.outDir, OUTPUT_FILE);
  const output = await OutputCapture.open(outputFile, sink, plan.readyPattern, plan.tailLines ?? 50);
  const run = new Run(plan, sink, output);
  try {
    if (plan.abort?.aborted) {
      sink.info('Cancelled before the program started.');
      return await run.info(command, outputFile, 'cancelled');
    }
    await run.start(command);
    const end = await run.supervise();
    const info = await run.info(command, outputFile, end);
    if (output.fileError !== null) sink.info(`Could not keep the whole output in ${outputFile}: ${output.fileError.message}`);
    if (output.sinkError !== null) sink.info(`Streaming the program's output to the log stopped: ${output.sinkError.message}; ${outputFile} has all of it.`);
    return info;
  } finally {
    await run.cleanUp();
  }
}

class Run {
  private child: ChildProcess | null = null;
  private t0 = 0;
  private exit: Exit | null = null;
  private exitAtMs: number | null = null;
  private readonly exited: Promise<Wake>;
  private resolveExit: (w: Wake) => void = () => {};
  private readonly ready: Promise<Wake>;
  private readyAtMs: number | null = null;
  private readonly aborted: Promise<Wake>;
  private abortListener: (() => void) | null = null;
  private killOnExit: (() => void) | null = null;
  private readonly signals: SignalSent[] = [];
  private stopAtMs: number | null = null;
  private stopDelayMs: number | null = null;

  constructor(
    private readonly plan: RunPlan,
    private readonly sink: RunSink,
    private readonly output: OutputCapture,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.ready = new Promise((resolve) =>
      output.whenReady(() => {
        this.readyAtMs = this.now();
        resolve('ready');
      }),
    );
    this.aborted = new Promise((resolve) => {
      const signal = plan.abort;
      if (signal === undefined) return;
      this.abortListener = () => resolve('abort');
      signal.addEventListener('abort', this.abortListener, { once: true });
    });
  }

  private now(): number {
    return performance.now() - this.t0;
  }

  private get pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined) throw new RunError('internal: the program has no process id');
    return pid;
  }

  /** Spawns Valgrind as the leader of a new process group, so the whole group can be signalled. */
  async start(command: string[]): Promise<void> {
    const [file, ...args] = command as [string, ...string[]];
    this.t0 = performance.now();
    const child = spawn(file, args, {
      cwd: this.plan.cwd,
      env: this.plan.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const spawned = new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', resolve);
    });
    child.once('exit', (code, signal) => {
      this.exit = { code, signal };
      this.exitAtMs = this.now();
      this.resolveExit('exit');
    });
    const error = await spawned;
    if (error !== null) {
      this.child = null;
      throw new RunError(`Could not start Valgrind ('${file}' in '${this.plan.cwd}'): ${error.message}`);
    }
    this.output.attach(child.stdout!);
    this.output.attach(child.stderr!);
    // A safety net should our process exit mid-run (process.exit, an uncaught error):
    // the group is detached, so nothing else would stop it. Signals to us are the
    // entry points' business (installCancelHandlers).
    const pid = this.pid;
    this.killOnExit = () => void signalGroup(pid, 'SIGKILL');
    process.once('exit', this.killOnExit);
    this.sink.info(`Started Valgrind (pid ${this.pid}): ${command.join(' ')}`);
  }

  /** Waits for the first of the given events, or the timeout (null: none). */
  private async wait(timeoutMs: number | null, events: Promise<Wake>[]): Promise<Wake> {
    let timer: NodeJS.Timeout | undefined;
    const all = [...events];
    if (timeoutMs !== null) all.push(new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, timeoutMs), 'timeout'))));
    try {
      return await Promise.race(all);
    } finally {
      clearTimeout(timer);
    }
  }

  private send(signal: NodeJS.Signals, reason: SignalSent['reason']): void {
    const atMs = this.now();
    if (!signalGroup(this.pid, signal)) return;
    this.signals.push({ signal, atMs: Math.round(atMs), reason });
    if ((reason === 'stop' || reason === 'cancel') && this.exit === null) this.stopAtMs ??= atMs;
  }

  /**
   * Waits until the top process has exited and the rest of its group is gone.
   * 'abort' when cancelled meanwhile (if `abortable`).
   */
  private async waitGone(timeoutMs: number, abortable: boolean): Promise<'gone' | 'timeout' | 'abort'> {
    const deadline = this.now() + timeoutMs;
    const events = abortable ? [this.exited, this.aborted] : [this.exited];
    const woke = await this.wait(timeoutMs, events);
    if (woke !== 'exit') return woke === 'abort' ? 'abort' : 'timeout';
    let abort = false;
    void this.aborted.then(() => (abort = abortable));
    const gone = await waitForGroupGone(this.pid, deadline - this.now(), () => abort);
    if (gone) return 'gone';
    return abort ? 'abort' : 'timeout';
  }

  /** The whole run after the spawn; returns how it ended. */
  async supervise(): Promise<RunEnd> {
    const { plan, sink } = this;
    let readyAt: number;
    if (plan.readyPattern === null) {
      readyAt = 0;
    } else {
      const woke = await this.wait(plan.readyTimeoutMs, [this.ready, this.exited, this.aborted]);
      if (woke === 'exit') return this.exitedEarly();
      if (woke === 'abort') return this.cancel();
      if (woke === 'timeout') return this.notReady();
      readyAt = this.readyAtMs ?? this.now();
      sink.info(`Ready after ${seconds(readyAt)}: running for ${seconds(plan.durationMs)}.`);
    }
    this.readyAtMs = readyAt;

    const stopAt = readyAt + plan.durationMs;
    const woke = await this.wait(stopAt - this.now(), [this.exited, this.aborted]);
    if (woke === 'exit') return this.exitedEarly();
    if (woke === 'abort') return this.cancel();
    this.send(plan.stopSignal, 'stop');
    // A timer may fire a fraction of a millisecond early by performance.now()'s clock.
    this.stopDelayMs = Math.max(0, (this.stopAtMs ?? stopAt) - stopAt);
    sink.info(`Duration over: sent ${plan.stopSignal}; waiting up to ${seconds(plan.shutdownTimeoutMs)} for the program to exit.`);
    return this.shutDown();
  }

  private async shutDown(): Promise<RunEnd> {
    const { plan, sink } = this;
    const first = await this.waitGone(plan.shutdownTimeoutMs, true);
    if (first === 'gone') return 'stopped';
    if (first === 'abort') return this.cancel();
    if (plan.escalateSignal === null) {
      sink.info(`Hung shutdown: still running ${seconds(plan.shutdownTimeoutMs)} after ${plan.stopSignal}; sending SIGKILL (no report).`);
      await this.kill();
      return 'hung-killed';
    }
    sink.info(
      `Hung shutdown: still running ${seconds(plan.shutdownTimeoutMs)} after ${plan.stopSignal}; ` +
        `sending ${plan.escalateSignal} so Valgrind writes its report without the program's cooperation.`,
    );
    this.send(plan.escalateSignal, 'escalate');
    const second = await this.waitGone(plan.escalateTimeoutMs, true);
    if (second === 'gone') return 'hung-escalated';
    if (second === 'abort') return this.cancel();
    sink.info(`Still running ${seconds(plan.escalateTimeoutMs)} after ${plan.escalateSignal}; sending SIGKILL (no report).`);
    await this.kill();
    return 'hung-killed';
  }

  /** The top process exited before the duration ended; stops what remains of its group. */
  private async exitedEarly(): Promise<RunEnd> {
    const { plan, sink } = this;
    const when = this.readyAtMs === null && plan.readyPattern !== null ? 'before it was ready' : 'before the duration ended';
    sink.info(`The program exited ${when} (${describeExit(this.exit)}).`);
    if (await groupAlive(this.pid)) {
      sink.info(`Processes of its group still run: sending ${plan.stopSignal}.`);
      this.send(plan.stopSignal, 'stop');
      if ((await this.waitGone(plan.shutdownTimeoutMs, false)) !== 'gone') await this.kill();
    }
    return 'exited-early';
  }

  private async notReady(): Promise<RunEnd> {
    const { plan, sink } = this;
    sink.info(
      `Not ready: no output line matched the ready pattern /${plan.readyPattern?.source}/ within ${seconds(plan.readyTimeoutMs)}; ` +
        `sending ${plan.stopSignal}. Set 'ready-pattern' to a line the program prints once it works (empty: start the clock at launch), or raise 'ready-timeout'.`,
    );
    this.send(plan.stopSignal, 'stop');
    if ((await this.waitGone(plan.shutdownTimeoutMs, false)) !== 'gone') await this.kill();
    return 'not-ready';
  }

  private async cancel(): Promise<RunEnd> {
    const grace = this.plan.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    // A program already told to stop (a hung shutdown, not ready) gets no second stop signal.
    const stopSent = this.signals.length > 0;
    this.sink.info(`Cancelled: ${stopSent || this.exit !== null ? '' : `sending ${this.plan.stopSignal}, then `}SIGKILL after ${seconds(grace)} if still running.`);
    if (this.exit === null && !stopSent) this.send(this.plan.stopSignal, 'cancel');
    if ((await this.waitGone(grace, false)) !== 'gone') await this.kill();
    return 'cancelled';
  }

  private async kill(): Promise<void> {
    this.send('SIGKILL', 'kill');
    if ((await this.waitGone(KILL_WAIT_MS, false)) !== 'gone') {
      this.sink.info(`Processes of group ${this.pid} survived SIGKILL for ${seconds(KILL_WAIT_MS)}.`);
    }
  }

  /** Kills whatever is left of the group (also after an exception) and closes the output. */
  async cleanUp(): Promise<void> {
    if (this.abortListener !== null) this.plan.abort?.removeEventListener('abort', this.abortListener);
    if (this.child !== null && (await groupAlive(this.pid))) await this.kill();
    if (this.killOnExit !== null) process.off('exit', this.killOnExit);
    await this.output.close();
    const killed = this.signals.some((s) => s.signal === 'SIGKILL');
    if (killed && !this.plan.valgrindArgs.some((a) => a.startsWith('--vgdb-prefix='))) {
      const pids = [this.pid, ...(await listXmlFiles(this.plan.outDir)).map(pidOfXml)];
      await removeVgdbPipes(pids, this.plan.env ?? process.env);
    }
  }

  /** Collects RunInfo once the group is gone; waits briefly for the pipes to drain. */
  async info(command: string[], outputFile: string, end: RunEnd): Promise<RunInfo> {
    if (this.child !== null) {
      const drained = await this.wait(PIPE_DRAIN_MS, [Promise.all(this.output.ended).then((): Wake => 'exit')]);
      if (drained === 'timeout') {
        this.sink.info(
          'The output stayed open after the process group ended: a process left the group (daemonised, e.g. `fluent-bit -d`?) ' +
            'and was not stopped. Run the program in the foreground.',
        );
        this.child.stdout?.destroy();
        this.child.stderr?.destroy();
      }
    }
    await this.output.close();
    const xmlFiles = await listXmlFiles(this.plan.outDir);
    const doneAtMs = this.now();
    const exit = this.exit;
    return {
      command,
      cwd: this.plan.cwd,
      durationSeconds: this.plan.durationMs / 1000,
      stopSignal: this.plan.stopSignal,
      end,
      exitCode: exit?.code ?? null,
      exitSignal: exit?.signal ?? null,
      signals: [...this.signals],
      readyAfterMs: this.readyAtMs === null ? null : Math.round(this.readyAtMs),
      shutdownMs: this.stopAtMs !== null && this.exitAtMs !== null ? Math.round(this.exitAtMs - this.stopAtMs) : null,
      totalMs: Math.round(this.exitAtMs ?? (this.child === null ? 0 : doneAtMs)),
      outputTail: this.output.tail(),
      outputFile,
      xmlFiles,
      ...(this.plan.valgrindVersion === undefined ? {} : { valgrindVersion: this.plan.valgrindVersion }),
      ...(this.child === null ? {} : { pid: this.pid }),
      stopDelayMs: this.stopDelayMs === null ? null : round1(this.stopDelayMs),
      finishMs: this.exitAtMs === null ? null : round1(doneAtMs - this.exitAtMs),
    };
  }
}

function describeExit(exit: Exit | null): string {
  if (exit === null) return 'still running';
  return exit.signal !== null ? `killed by ${exit.signal}` : `exit status ${exit.code}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
