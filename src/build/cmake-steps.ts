import { existsSync, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BuildInfo } from '../model/run.ts';
import { parseCompileDiagnostics } from './compile-errors.ts';
import { findSourceFile } from './source-paths.ts';
import { BuildError, type BuildIO } from './types.ts';

// GitHub shows at most 10 error annotations per step.
const MAX_ANNOTATIONS = 10;

/**
 * CMake keeps every -D it was ever given in CMakeCache.txt: an option dropped since the last
 * configure would stay in force and the binary would not match its key, so the cache goes
 * when the options changed. A build dir made with another generator cannot be reused at all.
 */
export async function resetStaleConfiguration(buildDir: string, previousOptions: string[] | null, cmakeOptions: string[], generator: string): Promise<void> {
  const cacheFile = path.join(buildDir, 'CMakeCache.txt');
  const cached = await fs.readFile(cacheFile, 'utf8').catch(() => null);
  if (cached === null) return;
  const used = /^CMAKE_GENERATOR:INTERNAL=(.*)$/m.exec(cached)?.[1];
  if (used !== undefined && used !== generator) {
    await fs.rm(path.join(buildDir, 'CMakeFiles'), { recursive: true, force: true });
    await fs.rm(cacheFile, { force: true });
  } else if (previousOptions === null || previousOptions.join('\n') !== cmakeOptions.join('\n')) {
    await fs.rm(cacheFile, { force: true });
  }
}

export interface StepContext {
  sourceDir: string;
  buildDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  tail: number;
  /** On failure, annotate the errors and show the tail (else only throw). */
  report: boolean;
}

export type Timings = Required<Pick<BuildInfo, 'configureSeconds' | 'compileSeconds'>>;

/**
 * cmake configure, then cmake --build; the seconds each took. A build dir's first configure
 * runs twice: Fluent Bit's include order changes once CMakeCache.txt exists (measured on 5.1:
 * 3,722 lines of build.ninja differ), and every later configure, or one from a snapshot,
 * gives the second order. Compiling with it lets ccache's direct mode hit next time (warm
 * compile 31 s with preprocessed hits, 11 s with direct hits) and keeps a reconfigure from
 * recompiling everything.
 */
export async function configureAndBuild(io: BuildIO, log: WriteStream, commands: { configure: string[]; build: string[]; buildTitle: string }, ctx: StepContext): Promise<Timings> {
  const fresh = !existsSync(path.join(ctx.buildDir, 'CMakeCache.txt'));
  let configureSeconds = await step(io, log, 'Configure Fluent Bit (cmake)', 'cmake', commands.configure, ctx);
  if (fresh) configureSeconds += await step(io, log, 'Configure Fluent Bit again (cmake: settles the flags of a fresh build dir)', 'cmake', commands.configure, ctx);
  const compileSeconds = await step(io, log, commands.buildTitle, 'cmake', commands.build, ctx);
  return { configureSeconds: Math.round(configureSeconds * 10) / 10, compileSeconds };
}

/**
 * Runs one build command in a log group, every line to the group and the log; resolves
 * with the seconds it took. On failure annotates the errors and throws.
 */
async function step(io: BuildIO, log: WriteStream, title: string, cmd: string, args: string[], ctx: StepContext): Promise<number> {
  const started = Date.now();
  log.write(`$ ${cmd} ${args.join(' ')}\n`);
  const lines: string[] = [];
  const code = await io.group(title, async () => {
    io.info(`${cmd} ${args.join(' ')}`);
    try {
      return await io.exec(cmd, args, {
        cwd: ctx.sourceDir,
        env: ctx.env,
        onLine: (line) => {
          lines.push(line);
          log.write(`${line}\n`);
          io.info(line);
        },
      });
    } catch (e) {
      throw new BuildError(`Cannot run ${cmd}: ${(e as Error).message}`, ctx.logFile);
    }
  });
  if (code === 0) return Math.round((Date.now() - started) / 100) / 10;
  if (!ctx.report) throw new BuildError(`${title} failed (${cmd} exited with ${code}).`, ctx.logFile);
  const diagnostics = parseCompileDiagnostics(lines).filter((d) => d.severity === 'error');
  const exists = (p: string): boolean => existsSync(p);
  for (const d of diagnostics.slice(0, MAX_ANNOTATIONS)) {
    const file = findSourceFile(d.file, { dirs: [ctx.sourceDir, ctx.buildDir], roots: [ctx.sourceDir, ctx.workspace], workspace: ctx.workspace }, exists);
    if (file) io.annotate({ level: 'error', file, line: d.line, ...(d.col ? { col: d.col } : {}), message: d.message });
  }
  io.info(`--- last ${Math.min(ctx.tail, lines.length)} lines of ${title} ---`);
  for (const l of lines.slice(-ctx.tail)) io.info(l);
  const first = diagnostics[0];
  const what = first
    ? `${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}, the first: ${first.file}:${first.line}: ${first.message}`
    : 'see the end of the log above';
  throw new BuildError(`${title} failed (${cmd} exited with ${code}): ${what}. Full build log: ${ctx.logFile}`, ctx.logFile);
}
