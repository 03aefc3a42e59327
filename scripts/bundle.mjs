// Bundles the action (dist/index.js) and the CLI (dist/cli.js) as ESM for Node.
// esbuild: one fast, well-kept tool that handles the ESM-only @actions/* packages and
// their CommonJS dependencies; the banner gives those a `require`. Code splitting keeps
// the GitHub, artifact and cache clients (most of the code) in chunks that are loaded
// only when a step needs them, which halves the action's start-up time.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __flbCreateRequire } from 'node:module';",
  'const require = __flbCreateRequire(import.meta.url);',
].join('\n');

// Stale chunks from an earlier build must not linger in the committed dist/.
await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/entry/action-main.ts', cli: 'src/entry/cli-main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
});
await chmod('dist/cli.js', 0o755);
