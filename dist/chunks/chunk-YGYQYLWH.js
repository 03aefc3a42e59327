#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);

// src/build/source-paths.ts
import path from "node:path";
function repoRelativePath(file, dir, workspace) {
  const absolute = path.resolve(path.resolve(workspace, dir ?? "."), file);
  const rel = path.relative(path.resolve(workspace), absolute);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join("/");
}
function findSourceFile(file, candidates, exists) {
  if (path.isAbsolute(file)) return repoRelativePath(file, void 0, candidates.workspace);
  for (const dir of candidates.dirs) {
    const abs = path.resolve(dir, file);
    if (exists(abs)) return repoRelativePath(abs, void 0, candidates.workspace);
  }
  const stripped = path.normalize(file).replace(/^(\.\.\/)+/, "");
  for (const root of candidates.roots) {
    const abs = path.resolve(root, stripped);
    if (exists(abs)) return repoRelativePath(abs, void 0, candidates.workspace);
  }
  return null;
}

export {
  repoRelativePath,
  findSourceFile
};
