/** Errors of the run stage, with messages a user can act on. */

/** The run could not be started or carried out (bad program path, spawn failure, ...). */
export class RunError extends Error {
  override name = 'RunError';
}

/** Valgrind is not installed (or not runnable) and installing it was not allowed. */
export class ValgrindNotFoundError extends RunError {
  override name = 'ValgrindNotFoundError';
}
