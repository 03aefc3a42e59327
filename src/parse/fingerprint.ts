/**
 * The identity of a leak or an error: what stays the same when unrelated code moves, and
 * changes when the allocating path changes.
 *
 * Identity = kind + the top FINGERPRINT_FRAMES frames of the stack after normalising:
 * - leading frames of the allocator and of Valgrind itself are skipped: frames in a
 *   `vgpreload_*.so` object, and the functions malloc, calloc, realloc, free, memalign,
 *   posix_memalign, aligned_alloc, valloc, reallocarray, operator new/delete (the first
 *   frame that does not match is kept, and every frame after it);
 * - each frame becomes `fn@file-basename`, else `fn@object-basename`, else `fn`; no
 *   addresses, no line numbers, no directories (ccache and checkouts move them);
 * - compiler clone suffixes (`.constprop.0`, `.isra.0`, `.part.1`, `.cold`) are dropped
 *   from function names, since they come and go with unrelated optimisation decisions.
 * The fingerprint is `kind:` + the first 12 hex digits of the SHA-1 of those frames.
 */
import { createHash } from 'node:crypto';
import type { Frame } from '../model/report.ts';

/** How many normalised frames make a leak's identity. */
export const FINGERPRINT_FRAMES = 6;

const ALLOCATORS = new Set([
  'malloc',
  'calloc',
  'realloc',
  'reallocarray',
  'free',
  'memalign',
  'posix_memalign',
  'aligned_alloc',
  'valloc',
  'pvalloc',
  'malloc_usable_size',
]);

const CLONE_SUFFIX = /(?:\.(?:constprop|isra|part|cold|lto_priv|localalias|clone)(?:\.\d+)*)+$/;

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** A frame of Valgrind's own allocator replacement, or an allocator function. */
export function isAllocatorFrame(f: Frame): boolean {
  if (f.obj !== undefined && basename(f.obj).startsWith('vgpreload_')) return true;
  const fn = f.fn;
  if (fn === undefined) return false;
  return ALLOCATORS.has(fn) || /^operator (?:new|delete)(?:\[\])?(?:\(|$)/.test(fn);
}

/** One frame as it counts for identity: `fn@file`, `fn@obj` or `fn`. */
export function normaliseFrame(f: Frame): string {
  const raw = f.fn ?? '???';
  const fn = raw.includes('.') ? raw.replace(CLONE_SUFFIX, '') : raw;
  if (f.file !== undefined) return `${fn}@${basename(f.file)}`;
  if (f.obj !== undefined) return `${fn}@${basename(f.obj)}`;
  return fn;
}

/** The normalised top frames, allocator frames skipped. */
export function identityFrames(stack: readonly Frame[], n = FINGERPRINT_FRAMES): string[] {
  let start = 0;
  while (start < stack.length - 1 && isAllocatorFrame(stack[start] as Frame)) start++;
  return stack.slice(start, start + n).map(normaliseFrame);
}

/** The full identity text (kind and frames); equal texts mean equal fingerprints. */
export function identityKey(kind: string, stack: readonly Frame[]): string {
  return `${kind}\n${identityFrames(stack).join('\n')}`;
}

/** The fingerprint of an identity text from identityKey. */
export function fingerprintOfKey(key: string): string {
  const nl = key.indexOf('\n');
  const kind = nl < 0 ? key : key.slice(0, nl);
  return `${kind}:${createHash('sha1').update(key).digest('hex').slice(0, 12)}`;
}

/** The fingerprint of a leak or error: `kind:` + 12 hex digits. */
export function fingerprint(kind: string, stack: readonly Frame[]): string {
  return fingerprintOfKey(identityKey(kind, stack));
}
