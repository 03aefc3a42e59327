import path from 'node:path';

/**
 * Makes a source path from a stack frame or a diagnostic relative to the workspace, or
 * null when it lies outside. `dir` is the frame's directory (Valgrind's `<dir>`), used for
 * relative files. With ccache's base_dir, frames read like dir `/w/build/src` and file
 * `../../src/src/x.c`: resolving before relativising gives `src/src/x.c`. Pure.
 */
export function repoRelativePath(file: string, dir: string | undefined, workspace: string): string | null {
  const absolute = path.resolve(path.resolve(workspace, dir ?? '.'), file);
  const rel = path.relative(path.resolve(workspace), absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/**
 * For a path relative to an unknown directory (a compiler's cwd inside the build tree):
 * tries the workspace-relative path of each candidate directory, then the path with its
 * leading `../` removed under each root, and returns the first that `exists`.
 */
export function findSourceFile(
  file: string,
  candidates: { dirs: string[]; roots: string[]; workspace: string },
  exists: (absolute: string) => boolean,
): string | null {
  if (path.isAbsolute(file)) return repoRelativePath(file, undefined, candidates.workspace);
  for (const dir of candidates.dirs) {
    const abs = path.resolve(dir, file);
    if (exists(abs)) return repoRelativePath(abs, undefined, candidates.workspace);
  }
  const stripped = path.normalize(file).replace(/^(\.\.\/)+/, '');
  for (const root of candidates.roots) {
    const abs = path.resolve(root, stripped);
    if (exists(abs)) return repoRelativePath(abs, undefined, candidates.workspace);
  }
  return null;
}
