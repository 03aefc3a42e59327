// The whole action, as the runner starts it: `node dist/index.js` with INPUT_* variables,
// building the CMake fixture with real cmake and gcc, running it under real Valgrind,
// and writing real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { copyFixture, tempDir } from './helpers.ts';

// FLB_ACTION_BUNDLE: another bundle than dist/index.js (e.g. one built into /tmp from the working tree).
const BUNDLE = path.resolve(process.env.FLB_ACTION_BUNDLE ?? 'dist/index.js');
const skip = existsSync(BUNDLE) ? false : 'dist/index.js is not built yet (npm run bundle)';

interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Reads a GITHUB_OUTPUT file: `name<<DELIM\nvalue\nDELIM` blocks. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] as string] = m[3] as string;
  return out;
}

async function runAction(workspace: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  const outputFile = path.join(workspace, 'github-output');
  const summaryFile = path.join(workspace, 'step-summary.md');
  await fs.writeFile(outputFile, '');
  await fs.writeFile(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG };
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: workspace,
    env: { ...base, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: path.join(workspace, 'runner-temp'), ...inputEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, outputs: readOutputs(await fs.readFile(outputFile, 'utf8')), summary: await fs.readFile(summaryFile, 'utf8') };
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

describe('the action bundle with build: true, on the CMake fixture', { skip }, () => {
  it('builds, runs under Valgrind, finds the 40-byte leak and fails; the second run reuses the binary', async () => {
    const workspace = await tempDir('bundle');
    dirs.push(workspace);
    await copyFixture(workspace); // workspace/src: a Fluent Bit-like tree
    const inputs = {
      build: 'true',
      'source-dir': 'src',
      'build-jobs': '2',
      ccache: 'false',
      args: '-i dummy -o null',
      duration: '2',
      'ready-timeout': '60',
      comment: 'never',
      'upload-artifact': 'false',
      'github-token': '',
    };
    const first = await runAction(workspace, inputs);
    assert.equal(first.code, 1, first.stdout);
    assert.equal(first.outputs.verdict, 'fail', first.stdout);
    assert.equal(first.outputs['definitely-lost-bytes'], '40');
    assert.equal(first.outputs.binary, path.join(workspace, 'src', 'build-valgrind', 'bin', 'fluent-bit'));
    assert.match(first.stdout, /::group::Configure Fluent Bit \(cmake\)/);
    assert.match(first.stdout, /::group::Build Fluent Bit \(2 jobs\)/);
    assert.match(first.stdout, /-DFLB_VALGRIND=On/);
    assert.ok(existsSync(path.join(workspace, 'flb-valgrind-out', 'build.log')), 'the build log is in out-dir');
    const report: unknown = JSON.parse(await fs.readFile(first.outputs.report ?? '', 'utf8'));
    assert.match(JSON.stringify(report), /"version":"Fluent Bit v5\.1\.1-fixture"/, 'the report records the version');
    assert.match(JSON.stringify(report), /"cmakeOptions":\[[^\]]*"-DFLB_JEMALLOC=Off"/, 'and the cmake options');

    const second = await runAction(workspace, { ...inputs, 'max-definitely-lost-bytes': '64' });
    assert.equal(second.code, 0, second.stdout);
    assert.equal(second.outputs.verdict, 'pass');
    assert.match(second.stdout, /Fluent Bit is up to date/);
    assert.doesNotMatch(second.stdout, /::group::Build Fluent Bit/);
  });

  it('refuses cmake-options that turn FLB_VALGRIND off, before building anything', async () => {
    const workspace = await tempDir('bundle-reject');
    dirs.push(workspace);
    await copyFixture(workspace);
    const r = await runAction(workspace, { build: 'true', 'source-dir': 'src', 'cmake-options': '-DFLB_VALGRIND=Off', comment: 'never', 'upload-artifact': 'false' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error::.*'cmake-options' must not turn FLB_VALGRIND off, got '-DFLB_VALGRIND=Off'/);
    assert.ok(!existsSync(path.join(workspace, 'src', 'build-valgrind')), 'nothing was configured');
  });
});
