import type { RunSettings } from '../../src/settings/types.ts';

/** Valid RunSettings for a test, Fluent Bit-like, with `over` applied. */
export function runSettings(over: Partial<RunSettings> = {}): RunSettings {
  return {
    binary: '/opt/fluent-bit',
    args: ['-i', 'dummy', '-o', 'null'],
    config: null,
    workingDirectory: '/work/ws',
    durationSeconds: 60,
    readyPattern: null,
    readyTimeoutSeconds: 120,
    stopSignal: 'SIGTERM',
    shutdownTimeoutSeconds: 30,
    valgrindArgs: [],
    suppressions: [],
    outDir: '/work/ws/out',
    installValgrind: false,
    ...over,
  };
}
