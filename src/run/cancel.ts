/**
 * Turns SIGINT and SIGTERM to our own process into an abort of `controller`, so a
 * cancelled workflow (the runner sends SIGINT, then SIGTERM) or Ctrl-C stops the program
 * under Valgrind: it runs in its own process group, which no terminal or runner signal
 * reaches. Returns a function that removes the handlers. Call it from an entry point,
 * never at import time.
 */
export function installCancelHandlers(controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    // Later signals find the abort under way; the runner bounds it with SIGKILL.
    if (!controller.signal.aborted) controller.abort(new Error(`Cancelled by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
