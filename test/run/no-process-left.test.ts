import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProgram } from '../helpers/c-programs.ts';
import { waitGroupGone } from '../helpers/processes.ts';

// Our own process is the one stopped here, so each case runs a small script in a child
// node: it runs a daemon under Valgrind and prints the daemon's process id.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const runner = fileURLToPath(new URL('../../src/run/run-under-valgrind.ts', import.meta.url));
const cancel = fileURLToPath(new URL('../../src/run/cancel.ts', import.meta.url));

const script = (binary: string, outDir: string, body: string): string => `
import { runUnderValgrind } from ${JSON.stringify(runner)};
import { installCancelHandlers } from ${JSON.stringify(cancel)};
const plan = {
  valgrind: 'valgrind', valgrindArgs: [], program: ${JSON.stringify(binary)}, args: [], cwd: ${JSON.stringify(outDir)},
  outDir: ${JSON.stringify(outDir)}, durationMs: 60_000, readyPattern: /stream processor started/, readyTimeoutMs: 20_000,
  stopSignal: 'SIGTERM', shutdownTimeoutMs: 10_000, escalateSignal: 'SIGUSR1', escalateTimeoutMs: 10_000, cancelGraceMs: 1000,
};
const sink = { write: () => {}, info: (m) => { const pid = /pid (\\d+)/.exec(m)?.[1]; if (m.startsWith('Started') && pid) console.log('PID ' + pid); if (m.startsWith('Ready')) console.log('READY'); } };
${body}
`;

/** Runs the script; calls `onLine` for each line it prints; resolves with its exit and output. */
async function node(source: string, onLine: (line: string, child: ReturnType<typeof spawn>) => void) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-node-'));
  const file = path.join(dir, 'script.mts');
  await writeFile(file, source);
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) onLine(line, child);
    out += chunk;
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  return { code, signal, out, pid: Number(/PID (\d+)/.exec(out)?.[1]) };
}

/** The group may take a moment to die after our child node exits: SIGKILL is asynchronous. */
async function assertGroupGone(pid: number): Promise<void> {
  assert.ok(pid > 0);
  assert.deepEqual(await waitGroupGone(pid, 1000), [], `process group ${pid} still runs`);
}

test('SIGTERM to our process (a cancelled workflow): the run ends cancelled and no process is left', async () => {
  const binary = await compileProgram('leaky-daemon');
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-cancel-'));
  const body = `
const controller = new AbortController();
const uninstall = installCancelHandlers(controller);
const info = await runUnderValgrind({ ...plan, abort: controller.signal }, sink);
uninstall();
console.log('END ' + info.end + ' ' + info.signals.map((s) => s.reason + ':' + s.signal).join(','));
`;
  const { code, out, pid } = await node(script(binary, outDir, body), (line, child) => {
    if (line === 'READY') child.kill('SIGTERM');
  });
  assert.equal(code, 0);
  assert.match(out, /^END cancelled cancel:SIGTERM$/m);
  await assertGroupGone(pid);
});

test('process.exit mid-run: the safety net kills the group', async () => {
  // /bin/sleep prints nothing, so it cannot die of SIGPIPE once our pipes close: only
  // the safety net can end it before its 30 s are up.
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-exit-'));
  const body = `
void runUnderValgrind({ ...plan, program: '/bin/sleep', args: ['30'], readyPattern: null }, sink);
setTimeout(() => process.exit(7), 700);
`;
  const { code, pid } = await node(script('/bin/sleep', outDir, body), () => {});
  assert.equal(code, 7);
  await assertGroupGone(pid);
});
