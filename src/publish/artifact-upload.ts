/** The report artifact: report.json, the XML logs, the output, the build log, the suppressions file. */

import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { withTimeout } from './faults.ts';

/** The slice of @actions/artifact's client used (DefaultArtifactClient satisfies it). */
export interface ArtifactUploader {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: { retentionDays?: number }): Promise<{ id?: number; size?: number }>;
}

export interface UploadedArtifact {
  id: number;
  size: number | null;
}

/**
 * Uploads `files` (absolute, under `rootDir`) as artifact `name`. Fails after
 * `timeoutMs` (the client itself retries 5xx for minutes).
 */
export async function uploadReportArtifact(
  client: ArtifactUploader,
  name: string,
  files: string[],
  rootDir: string,
  retentionDays: number | null,
  timeoutMs = 300_000,
): Promise<UploadedArtifact> {
  const options = retentionDays !== null ? { retentionDays } : {};
  const res = await withTimeout(client.uploadArtifact(name, files, rootDir, options), timeoutMs, 'the artifact upload');
  if (typeof res.id !== 'number') throw new Error('the artifact service returned no artifact id');
  return { id: res.id, size: res.size ?? null };
}

const inside = (dir: string, file: string): boolean => {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * The files to upload, all under `outDir`: existing ones only, and those outside it
 * (a build log in the build directory) copied into `outDir/attachments/` first,
 * because the artifact's paths are relative to one root directory.
 */
export function stageArtifactFiles(outDir: string, files: string[]): string[] {
  const root = resolve(outDir);
  const out: string[] = [];
  for (const f of new Set(files.map((x) => resolve(x)))) {
    if (!existsSync(f)) continue;
    if (inside(root, f)) {
      out.push(f);
      continue;
    }
    const dir = join(root, 'attachments');
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, basename(f));
    copyFileSync(f, copy);
    out.push(copy);
  }
  return out;
}
