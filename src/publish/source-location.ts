/**
 * Where a stack frame is in the repository. Valgrind gives a frame's directory and
 * file separately; with ccache's base_dir the file can be `../../src/src/x.c` under a
 * build directory, so the joined path is normalised before it is compared with the
 * workspace.
 */

import { posix } from 'node:path';
import type { Frame } from '../model/report.ts';
import type { PublishContext } from './context.ts';
import { encodePath } from './escape.ts';
import { isAllocatorFrame } from '../parse/fingerprint.ts';
import { repoRelativePath } from '../build/source-paths.ts';

/** The frame's absolute, normalised source path, or null when Valgrind did not give an absolute one. */
export function absoluteSource(frame: Frame): string | null {
  if (!frame.file) return null;
  const joined = posix.isAbsolute(frame.file) ? frame.file : frame.dir && posix.isAbsolute(frame.dir) ? posix.join(frame.dir, frame.file) : null;
  return joined === null ? null : posix.normalize(joined);
}

/** The frame's path relative to the workspace, or null when it is outside it (system headers, libc). */
export function workspacePath(frame: Frame, workspace: string): string | null {
  const abs = absoluteSource(frame);
  if (abs === null || workspace === '' || !posix.isAbsolute(workspace)) return null;
  return repoRelativePath(abs, undefined, workspace);
}

export interface SourceSite {
  /** Index of the frame in the stack. */
  index: number;
  frame: Frame;
  /** Repository-relative path. */
  path: string;
  line: number | null;
}

/** The first frame whose source is inside the workspace: where an annotation goes. */
export function firstWorkspaceFrame(stack: Frame[], workspace: string): SourceSite | null {
  for (const [index, frame] of stack.entries()) {
    const path = workspacePath(frame, workspace);
    if (path !== null) return { index, frame, path, line: frame.line ?? null };
  }
  return null;
}

/** Allocator and Valgrind-preload frames: the top of every leak stack, never the interesting one (one definition, the fingerprint's). */
export { isAllocatorFrame };

/** The frame to name a leak or error by: the first in the workspace, else the first past the allocator. */
export function siteFrame(stack: Frame[], workspace: string): Frame | null {
  const inRepo = firstWorkspaceFrame(stack, workspace);
  if (inRepo) return inRepo.frame;
  return stack.find((f) => !isAllocatorFrame(f)) ?? stack[0] ?? null;
}

/** `$SERVER/$REPO/blob/$SHA/path#Lline`, or null without a repository and commit. */
export function sourceUrl(ctx: PublishContext, path: string, line: number | null): string | null {
  if (!ctx.repository || !ctx.sha) return null;
  return `${ctx.serverUrl}/${ctx.repository}/blob/${ctx.sha}/${encodePath(path)}${line ? `#L${line}` : ''}`;
}

/** `file:line` of a frame as Valgrind named it (basename), or its object, or ''. */
export function frameWhere(frame: Frame): string {
  if (frame.file) return `${frame.file}${frame.line ? `:${frame.line}` : ''}`;
  return frame.obj ?? '';
}
