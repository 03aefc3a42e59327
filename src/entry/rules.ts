import type { ExtraRules } from '../settings/read-settings.ts';
import { validateValgrindArgs } from '../run/valgrind-args.ts';
import { validateCmakeOptions } from '../build/cmake-options.ts';

/** The input rules that belong to other stages, applied when settings are read. */
export const settingsRules: ExtraRules = {
  valgrindArgs: validateValgrindArgs,
  cmakeOptions: validateCmakeOptions,
};
