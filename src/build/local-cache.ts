import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BuildCache } from './types.ts';

interface Manifest {
  key: string;
  paths: string[];
  savedAt: number;
}

/**
 * A BuildCache in a local directory, for the CLI and tests: each key is a folder holding
 * copies of the paths and a manifest. Restore keys match as prefixes, newest first, like
 * the Actions cache.
 */
export function localBuildCache(root: string): BuildCache {
  const folder = (key: string): string => path.join(root, createHash('sha256').update(key).digest('hex').slice(0, 32));
  const manifests = async (): Promise<Array<Manifest & { dir: string }>> => {
    const dirs = await fs.readdir(root).catch(() => [] as string[]);
    const out: Array<Manifest & { dir: string }> = [];
    for (const d of dirs) {
      const text = await fs.readFile(path.join(root, d, 'manifest.json'), 'utf8').catch(() => null);
      if (text === null) continue;
      const m: unknown = JSON.parse(text);
      if (isManifest(m)) out.push({ ...m, dir: path.join(root, d) });
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  };
  return {
    async restore(paths, key, restoreKeys) {
      const all = await manifests();
      const hit = all.find((m) => m.key === key) ?? restoreKeys.map((p) => all.find((m) => m.key.startsWith(p))).find((m) => m !== undefined);
      if (!hit) return undefined;
      for (const [i, p] of paths.entries()) {
        const j = hit.paths.indexOf(path.resolve(p));
        const from = path.join(hit.dir, String(j >= 0 ? j : i));
        if (!(await exists(from))) continue;
        await fs.mkdir(path.dirname(p), { recursive: true });
        await fs.cp(from, p, { recursive: true, force: true, preserveTimestamps: true });
      }
      return hit.key;
    },
    async save(paths, key) {
      const dir = folder(key);
      await fs.rm(dir, { recursive: true, force: true });
      await fs.mkdir(dir, { recursive: true });
      for (const [i, p] of paths.entries()) {
        if (await exists(p)) await fs.cp(p, path.join(dir, String(i)), { recursive: true, preserveTimestamps: true });
      }
      const manifest: Manifest = { key, paths: paths.map((p) => path.resolve(p)), savedAt: Date.now() };
      await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    },
  };
}

function isManifest(v: unknown): v is Manifest {
  return typeof v === 'object' && v !== null && 'key' in v && typeof v.key === 'string' && 'paths' in v && Array.isArray(v.paths) && 'savedAt' in v && typeof v.savedAt === 'number';
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}
