// Runs the committed bundles (dist/index.js, dist/cli.js) as a user's runner would:
// a fresh node process, INPUT_* variables, real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
// CI sets FLB_TEST_NODE to a Node 24 binary (the action's runtime); locally this node runs them.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE = process.env.FLB_TEST_NODE || process.execPath;
export const ACTION = path.join(ROOT, 'dist/index.js');
export const CLI = path.join(ROOT, 'dist/cli.js');

/** Why a bundle test cannot run here, or null. */
export function bundleMissing(): string | null {
  return existsSync(ACTION) && existsSync(CLI) ? null : 'dist/ has not been bundled: run `npm run bundle`';
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(NODE, args, { env: opts.env ?? process.env, cwd: opts.cwd ?? ROOT, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ActionResult extends ProcessResult {
  outputs: Map<string, string>;
  summary: string;
  workspace: string;
}

/** Runs dist/index.js with the given inputs (names as in action.yml) in a fresh workspace. */
export async function runAction(inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}): Promise<ActionResult> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'flb-vg-action-'));
  const outputFile = path.join(workspace, '.github_output');
  const summaryFile = path.join(workspace, '.github_step_summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
  const result = await runNode([ACTION], { env, cwd: workspace });
  return { ...result, outputs: parseOutputs(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8'), workspace };
}

/** Parses the `name<<DELIMITER\nvalue\nDELIMITER` records that @actions/core writes. */
export function parseOutputs(text: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs.set(m[1] as string, m[3] as string);
  return outputs;
}
