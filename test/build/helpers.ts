import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBuildIO } from '../../src/build/node-io.ts';
import type { Annotation, BuildIO } from '../../src/build/types.ts';
import type { BuildSettings } from '../../src/settings/types.ts';

export const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture-flb');

/** A real BuildIO (node:child_process) that also records what the build stage reported. */
export interface RecordingIO {
  io: BuildIO;
  groups: string[];
  infos: string[];
  warnings: string[];
  annotations: Annotation[];
  commands: string[][];
}

export function recordingIO(base: BuildIO = nodeBuildIO({ write: () => true })): RecordingIO {
  const r: RecordingIO = { groups: [], infos: [], warnings: [], annotations: [], commands: [], io: base };
  r.io = {
    exec: (cmd, args, opts) => {
      r.commands.push([cmd, ...args]);
      return base.exec(cmd, args, opts);
    },
    group: (name, fn) => {
      r.groups.push(name);
      return base.group(name, fn);
    },
    info: (m) => void r.infos.push(m),
    warning: (m) => void r.warnings.push(m),
    annotate: (a) => void r.annotations.push(a),
  };
  return r;
}

/** A fresh temp dir, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `flb-${prefix}-`));
}

/** Copies the CMake fixture into dir/src. */
export async function copyFixture(dir: string): Promise<string> {
  const src = path.join(dir, 'src');
  await fs.cp(FIXTURE, src, { recursive: true });
  return src;
}

export function buildSettings(sourceDir: string, overrides: Partial<BuildSettings> = {}): BuildSettings {
  return {
    enabled: true,
    sourceDir,
    buildDir: path.join(sourceDir, 'build-valgrind'),
    buildType: 'Debug',
    cmakeOptions: [],
    jobs: 2,
    ccache: 'false',
    installDeps: false,
    cache: true,
    ...overrides,
  };
}
