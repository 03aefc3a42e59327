import * as core from '@actions/core';
import { exec } from '@actions/exec';
import type { BuildIO } from './types.ts';

/** The action's BuildIO: @actions/exec for processes, core.group for log groups, core.error/warning for annotations. */
export function actionsBuildIO(): BuildIO {
  return {
    exec: (cmd, args, opts) =>
      exec(cmd, args, {
        cwd: opts.cwd,
        ...(opts.env ? { env: stringEnv(opts.env) } : {}),
        silent: true,
        ignoreReturnCode: true,
        listeners: {
          stdline: (l) => opts.onLine?.(l),
          errline: (l) => opts.onLine?.(l),
        },
      }),
    group: (name, fn) => core.group(name, fn),
    info: (msg) => core.info(msg),
    warning: (msg) => core.warning(msg),
    annotate: (a) => {
      const props = { title: 'Build', file: a.file, startLine: a.line, ...(a.col ? { startColumn: a.col } : {}) };
      if (a.level === 'error') core.error(a.message, props);
      else core.warning(a.message, props);
    },
  };
}

// @actions/exec wants Record<string, string>: drop unset variables.
function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
