import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Compiler } from './compiler.ts';
import type { BuildIO, CacheScope } from './types.ts';

/** What a source tree's identity was computed from. */
export interface TreeIdentity {
  hash: string;
  how: 'git' | 'git+changes' | 'content';
}

function sha256(parts: Iterable<string | Buffer>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Paths inside `root`, relative with forward slashes; paths outside are dropped. */
function insideOf(root: string, paths: string[]): string[] {
  return paths
    .map((p) => path.relative(root, p))
    .filter((r) => r !== '' && !r.startsWith('..') && !path.isAbsolute(r))
    .map((r) => r.split(path.sep).join('/'));
}

async function gitLines(io: BuildIO, cwd: string, args: string[]): Promise<string[] | null> {
  const lines: string[] = [];
  try {
    const code = await io.exec('git', args, { cwd, onLine: (l) => lines.push(l) });
    return code === 0 ? lines : null;
  } catch {
    return null;
  }
}

/**
 * Identifies the source tree: in git, the committed tree of `sourceDir` plus, when the work
 * tree has changes, a hash of the diff and of the untracked files; else a hash of every
 * file's path and content. `exclude` (build dir, ccache dir, out dir) never counts.
 */
export async function sourceTreeIdentity(io: BuildIO, sourceDir: string, exclude: string[]): Promise<TreeIdentity> {
  const tree = await gitLines(io, sourceDir, ['rev-parse', 'HEAD:./']);
  if (tree && tree[0]) {
    const excludes = insideOf(sourceDir, exclude).map((r) => `:(exclude)${r}`);
    const status = await gitLines(io, sourceDir, ['status', '--porcelain=v1', '--untracked-files=all', '--', '.', ...excludes]);
    if (status !== null) {
      if (status.length === 0) return { hash: tree[0], how: 'git' };
      const diff = (await gitLines(io, sourceDir, ['diff', 'HEAD', '--binary', '--', '.', ...excludes])) ?? [];
      const untracked = (await gitLines(io, sourceDir, ['ls-files', '--others', '--exclude-standard', '--', '.', ...excludes])) ?? [];
      const parts: Array<string | Buffer> = [tree[0], '\0', diff.join('\n')];
      for (const rel of untracked.sort()) {
        parts.push('\0', rel, '\0');
        parts.push(await fs.readFile(path.join(sourceDir, rel)).catch(() => Buffer.from('(unreadable)')));
      }
      return { hash: sha256(parts), how: 'git+changes' };
    }
  }
  return { hash: await contentHash(sourceDir, exclude), how: 'content' };
}

/**
 * A hash of every file's relative path and content under root, skipping .git and
 * `exclude`; with `include`, only the files whose name it accepts.
 */
export async function contentHash(root: string, exclude: string[], include: (name: string) => boolean = () => true): Promise<string> {
  const skip = new Set(exclude.map((p) => path.resolve(p)));
  const h = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.name === '.git' || skip.has(abs)) continue;
      if (e.isDirectory()) await walk(abs);
      else if ((e.isFile() || e.isSymbolicLink()) && include(e.name)) {
        h.update(path.relative(root, abs)).update('\0');
        h.update(e.isFile() ? await fs.readFile(abs) : await fs.readlink(abs)).update('\0');
      }
    }
  };
  await walk(path.resolve(root));
  return h.digest('hex');
}

/** The exact key of a built binary: same tree, same cmake options, same compiler → same binary (pure). */
export function binaryCacheKey(tree: TreeIdentity, cmakeOptions: string[], compiler: Compiler | null, platform: string = process.platform, arch: string = process.arch): string {
  const digest = sha256([tree.hash, '\0', cmakeOptions.join('\n'), '\0', compiler?.banner ?? 'unknown compiler']).slice(0, 40);
  return `flb-bin-${platform}-${arch}-${digest}`;
}

function keyPart(s: string): string {
  // Commas separate keys in the cache service; keep the rest readable.
  return s.replace(/[,\s]+/g, '_');
}

/**
 * The ccache directory's key and restore keys: this branch's newest cache, else the PR's
 * base branch's, else any with the same compiler and build type (pure).
 */
export function ccacheCacheKeys(scope: CacheScope, compiler: Compiler | null, buildType: string, platform: string = process.platform, arch: string = process.arch): { key: string; restoreKeys: string[] } {
  const base = `flb-ccache-${platform}-${arch}-${keyPart(compiler ? `${compiler.id}${compiler.version}` : 'cc')}-${keyPart(buildType)}-`;
  const restoreKeys = [`${base}${keyPart(scope.ref)}-`];
  if (scope.baseRef && scope.baseRef !== scope.ref) restoreKeys.push(`${base}${keyPart(scope.baseRef)}-`);
  restoreKeys.push(base);
  return { key: `${base}${keyPart(scope.ref)}-${keyPart(scope.unique)}`, restoreKeys };
}

/** The cache scope from a GitHub Actions environment (GITHUB_HEAD_REF/REF_NAME/BASE_REF/SHA/RUN_ID). */
export function cacheScopeFromEnv(env: NodeJS.ProcessEnv): CacheScope {
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || 'local';
  const unique = [env.GITHUB_SHA?.slice(0, 12), env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(Boolean).join('-') || `t${Date.now()}`;
  return { ref, ...(env.GITHUB_BASE_REF ? { baseRef: env.GITHUB_BASE_REF } : {}), unique };
}
