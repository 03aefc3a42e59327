// End to end on real Fluent Bit: runs only when FLB_SOURCE_DIR points at a checkout.
//   FLB_SOURCE_DIR=/path/to/fluent-bit   the source tree (required)
//   FLB_BUILD_DIR=/tmp/flb-build         build dir (default: build-valgrind inside the tree)
//   FLB_CMAKE_OPTIONS='-DFLB_X=Off'      extra cmake options
// A cold Debug build takes minutes (4.5 min on 2 cores); a second run reuses the binary.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildFluentBit } from '../../src/build/build-fluent-bit.ts';
import { nodeBuildIO } from '../../src/build/node-io.ts';
import { buildSettings, tempDir } from './helpers.ts';

const source = process.env.FLB_SOURCE_DIR;
const skip = source ? false : 'FLB_SOURCE_DIR is not set: the end-to-end test on real Fluent Bit is skipped (point it at a Fluent Bit checkout to run it)';
// FLB_ACTION_BUNDLE: another bundle than dist/index.js (e.g. one built into /tmp from the working tree).
const BUNDLE = path.resolve(process.env.FLB_ACTION_BUNDLE ?? 'dist/index.js');
const cmakeOptions = (process.env.FLB_CMAKE_OPTIONS ?? '').split(/\s+/).filter(Boolean);

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

describe('real Fluent Bit', { skip, timeout: 60 * 60 * 1000 }, () => {
  const sourceDir = path.resolve(source ?? '.');
  const settings = buildSettings(sourceDir, {
    ...(process.env.FLB_BUILD_DIR ? { buildDir: path.resolve(process.env.FLB_BUILD_DIR) } : {}),
    cmakeOptions,
    jobs: os.availableParallelism(),
    ccache: 'auto',
  });

  it('builds with FLB_HAVE_VALGRIND and without jemalloc, and reuses the binary the second time', async () => {
    const out = await tempDir('real-flb');
    dirs.push(out);
    const io = nodeBuildIO({ write: (s: string) => process.stderr.write(s.startsWith('==') || s.startsWith('warning') ? s : '') });
    const info = await buildFluentBit(settings, io, out);
    assert.match(info.version ?? '', /^Fluent Bit v\d+\.\d+\.\d+/);
    assert.ok(info.buildFlags?.includes('FLB_HAVE_VALGRIND'), `build flags: ${info.buildFlags?.join(' ')}`);
    assert.ok(!info.buildFlags?.includes('FLB_HAVE_JEMALLOC'));
    const again = await buildFluentBit(settings, io, out);
    assert.equal(again.cached, true);
    assert.ok(again.seconds < 30, `reusing took ${again.seconds} s`);
  });

  it('passes the whole action (build: true, -i dummy -o null) with no leak and no "client switching stacks?"', { skip: existsSync(BUNDLE) ? false : 'dist/index.js is not built' }, async () => {
    const workspace = await tempDir('real-flb-action');
    dirs.push(workspace);
    const outputFile = path.join(workspace, 'github-output');
    await fs.writeFile(outputFile, '');
    const inputs: Record<string, string> = {
      build: 'true',
      'source-dir': sourceDir,
      'build-dir': settings.buildDir,
      'cmake-options': cmakeOptions.join(' '),
      args: '-i dummy -o null',
      duration: '10',
      comment: 'never',
      'upload-artifact': 'false',
    };
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: path.join(workspace, 'summary.md') };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    const child = spawn(process.execPath, [BUNDLE], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const outputs = await fs.readFile(outputFile, 'utf8');
    assert.equal(code, 0, output.slice(-4000));
    assert.match(outputs, /^verdict<<\S+\npass\n/m);
    assert.match(outputs, /^definitely-lost-bytes<<\S+\n0\n/m);
    assert.doesNotMatch(output, /client switching stacks/);
  });
});
