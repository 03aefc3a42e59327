import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { installCancelHandlers } from '../../src/run/cancel.ts';

/** Waits for the abort; a timer keeps the event loop up while the signal is on its way. */
async function abortOf(signal: AbortSignal): Promise<void> {
  const keepAlive = setTimeout(() => {}, 5000);
  try {
    await once(signal, 'abort');
  } finally {
    clearTimeout(keepAlive);
  }
}

test('SIGTERM to our process aborts the controller; uninstall removes the handlers', async () => {
  const before = process.listenerCount('SIGTERM');
  const beforeInt = process.listenerCount('SIGINT');
  const controller = new AbortController();
  const uninstall = installCancelHandlers(controller);
  assert.equal(process.listenerCount('SIGTERM'), before + 1);
  assert.equal(process.listenerCount('SIGINT'), beforeInt + 1);
  const aborted = abortOf(controller.signal);
  process.kill(process.pid, 'SIGTERM');
  await aborted;
  assert.equal(controller.signal.aborted, true);
  assert.match(String((controller.signal.reason as Error).message), /Cancelled by SIGTERM/);
  uninstall();
  assert.equal(process.listenerCount('SIGTERM'), before);
  assert.equal(process.listenerCount('SIGINT'), beforeInt);
});

test('a second signal while aborting changes nothing', async () => {
  const controller = new AbortController();
  const uninstall = installCancelHandlers(controller);
  const aborted = abortOf(controller.signal);
  process.kill(process.pid, 'SIGINT');
  await aborted;
  const reason = controller.signal.reason;
  process.kill(process.pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(controller.signal.reason, reason);
  uninstall();
});
