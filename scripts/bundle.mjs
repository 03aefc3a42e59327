// Bundles the action (dist/index.js) and the CLI (dist/cli.js) into single ESM files.
// esbuild: one fast, well-kept tool that handles the ESM-only @actions/* packages and
// their CommonJS dependencies; the banner gives those a `require`.
import { build } from 'esbuild';

const banner = [
  "import { createRequire as __flbCreateRequire } from 'node:module';",
  'const require = __flbCreateRequire(import.meta.url);',
].join('\n');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
};

await build({ ...common, entryPoints: ['src/entry/action-main.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/entry/cli-main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${banner}` },
});
