import type { BuildInfo } from '../model/run.ts';
import type { BuildSettings, Settings } from '../settings/types.ts';
import { buildFluentBit } from '../build/build-fluent-bit.ts';
import { actionsBuildIO } from '../build/actions-io.ts';
import { actionsBuildCache } from '../build/actions-cache.ts';
import { cacheScopeFromEnv } from '../build/cache-keys.ts';

type BuildStage = (settings: BuildSettings, outDir: string) => Promise<BuildInfo>;

/** The build stage for the action: @actions/exec, log groups, annotations, and the Actions cache keyed by branch. */
export function buildWithActionsTools(settings: Settings, env: NodeJS.ProcessEnv): BuildStage {
  return (build, outDir) => {
    const cache = settings.build.cache ? actionsBuildCache() : undefined;
    return buildFluentBit(build, actionsBuildIO(), outDir, {
      ...(cache ? { cache, scope: cacheScopeFromEnv(env) } : {}),
      workspace: env.GITHUB_WORKSPACE || process.cwd(),
      env,
    });
  };
}
