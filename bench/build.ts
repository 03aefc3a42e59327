// Cold vs warm (ccache) vs cached-binary builds, through the action's own buildFluentBit.
//   node --import tsx bench/build.ts            the CMake fixture, with generated C added
//   FLB_SOURCE_DIR=/path/to/fluent-bit ...       also real Fluent Bit (minutes on 2 cores)
//   FLB_BUILD_DIR=/tmp/flb-build                 where Fluent Bit's build goes (kept)
//   FLB_CMAKE_OPTIONS='-DFLB_X=Off ...'          extra cmake options for Fluent Bit
//   BENCH_GEN_FILES=240                          generated translation units for the fixture
// Goal (the issue): warm >= 6x faster than cold.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFluentBit } from '../src/build/build-fluent-bit.ts';
import { configureSnapshotDir } from '../src/build/configure-cache.ts';
import { localBuildCache } from '../src/build/local-cache.ts';
import { nodeBuildIO } from '../src/build/node-io.ts';
import type { BuildInfo } from '../src/model/run.ts';
import type { BuildSettings } from '../src/settings/types.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'build', 'fixture-flb');

interface Row {
  name: string;
  cold: number;
  warm: number;
  /** configure + compile seconds of the cold and the warm build. */
  coldSplit: string;
  warmSplit: string;
  hits: string;
  cached: number;
  restored: number;
}

/**
 * One generated translation unit: enough C (switches, loops, struct copies) that gcc
 * spends a noticeable time on it even at -O0, as Fluent Bit's plugins do.
 */
function generatedUnit(n: number, functions: number): string {
  const out = [`#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\nstruct rec_${n} { int a[16]; char name[32]; double w; };\n`];
  for (let f = 0; f < functions; f++) {
    const cases = Array.from({ length: 24 }, (_, c) => `    case ${c}: r.a[${c % 16}] += x * ${c + 1}; snprintf(r.name, sizeof(r.name), "f${f}-%d", x + ${c}); break;`).join('\n');
    out.push(`int gen_${n}_${f}(int x)
{
    struct rec_${n} r;
    int i, s = 0;
    memset(&r, 0, sizeof(r));
    for (i = 0; i < x % 97; i++) {
        switch ((x + i) % 24) {
${cases}
        default: r.w += i * 0.5; break;
        }
        s += r.a[i % 16] + (int) strlen(r.name);
    }
    return s + (int) r.w;
}
`);
  }
  return out.join('\n');
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, (performance.now() - t) / 1000];
}

/** cold: empty ccache, empty build dir; warm: empty build dir, ccache and configure snapshot kept (a second CI run); cached: same tree again; restored: build dir gone, binary from the cache. */
async function bench(name: string, base: BuildSettings, work: string, log: string): Promise<Row> {
  const ccacheDir = path.join(work, 'ccache');
  const env = { ...process.env, CCACHE_DIR: ccacheDir };
  const sink = await fs.open(log, 'a');
  const io = nodeBuildIO({ write: (s: string) => void sink.write(s) });
  const out = path.join(work, 'out');
  const settings: BuildSettings = { ...base, ccache: 'true', cache: true };
  const cache = localBuildCache(path.join(work, 'binary-cache'));
  try {
    // Cold: no ccache, no CMake configuration snapshot (kept beside the ccache dir), no build dir.
    await fs.rm(ccacheDir, { recursive: true, force: true });
    await fs.rm(configureSnapshotDir(ccacheDir), { recursive: true, force: true });
    await fs.rm(settings.buildDir, { recursive: true, force: true });
    process.stderr.write(`${name}: cold build...\n`);
    const [coldInfo, cold] = await time(() => buildFluentBit(settings, io, out, { env }));
    await fs.rm(settings.buildDir, { recursive: true, force: true });
    process.stderr.write(`${name}: warm build (ccache)...\n`);
    const [warmInfo, warm] = await time(() => buildFluentBit(settings, io, out, { env, cache }));
    process.stderr.write(`${name}: same tree again...\n`);
    const [cachedInfo, cached] = await time(() => buildFluentBit(settings, io, out, { env }));
    if (!cachedInfo.cached) throw new Error('expected the binary to be reused');
    await fs.rm(settings.buildDir, { recursive: true, force: true });
    const [restoredInfo, restored] = await time(() => buildFluentBit(settings, io, out, { env, cache }));
    if (!restoredInfo.cached) throw new Error('expected the binary to be restored from the cache');
    const split = (i: BuildInfo): string => `${i.configureSeconds ?? '?'}${i.configureFromCache ? ' (cached configuration)' : ''} + ${i.compileSeconds ?? '?'}`;
    return { name, cold, warm, coldSplit: split(coldInfo), warmSplit: split(warmInfo), hits: `${warmInfo.ccacheHits ?? '?'}/${(warmInfo.ccacheHits ?? 0) + (warmInfo.ccacheMisses ?? 0)} (${warmInfo.ccacheDirectHits ?? '?'} direct)`, cached, restored };
  } finally {
    await sink.close();
  }
}

const rows: Row[] = [];
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'flb-bench-build-'));
const jobs = os.availableParallelism();
try {
  const src = path.join(work, 'fixture');
  await fs.cp(FIXTURE, src, { recursive: true });
  const files = Number(process.env.BENCH_GEN_FILES ?? 240);
  await fs.mkdir(path.join(src, 'gen'));
  for (let n = 0; n < files; n++) await fs.writeFile(path.join(src, 'gen', `unit_${n}.c`), generatedUnit(n, 12));
  rows.push(
    await bench(`fixture + ${files} generated files`, { enabled: true, sourceDir: src, buildDir: path.join(src, 'build-valgrind'), buildType: 'Debug', cmakeOptions: [], jobs, ccache: 'true', installDeps: false, cache: true }, path.join(work, 'fixture-work'), path.join(work, 'fixture.log')),
  );

  const flb = process.env.FLB_SOURCE_DIR;
  if (flb) {
    const buildDir = process.env.FLB_BUILD_DIR ?? path.join(work, 'flb-build');
    const cmakeOptions = (process.env.FLB_CMAKE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
    rows.push(await bench('Fluent Bit', { enabled: true, sourceDir: path.resolve(flb), buildDir, buildType: 'Debug', cmakeOptions, jobs, ccache: 'true', installDeps: false, cache: true }, path.join(work, 'flb-work'), path.join(work, 'flb.log')));
  } else {
    process.stderr.write('FLB_SOURCE_DIR is not set: real Fluent Bit not measured.\n');
  }

  const f = (s: number): string => `${s.toFixed(1)} s`;
  console.log(`\nBuild benchmark (${jobs} jobs, ${os.cpus()[0]?.model ?? 'cpu'})`);
  console.log('| project | cold | warm (ccache) | ccache hits | cached binary | restored binary | cold/warm | cold/cached |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.name} | ${f(r.cold)} | ${f(r.warm)} | ${r.hits} | ${f(r.cached)} | ${f(r.restored)} | ${(r.cold / r.warm).toFixed(1)}x | ${(r.cold / r.cached).toFixed(0)}x |`);
  }
  console.log('\nconfigure + compile seconds:');
  for (const r of rows) console.log(`- ${r.name}: cold ${r.coldSplit}, warm ${r.warmSplit}`);
  const worst = Math.min(...rows.map((r) => r.cold / r.warm));
  console.log(`\nGoal warm >= 6x faster than cold: ${worst >= 6 ? 'met' : 'NOT met'} (worst ${worst.toFixed(1)}x). Logs: ${work}/*.log`);
} finally {
  if (!process.env.BENCH_KEEP) {
    for (const e of await fs.readdir(work)) if (!e.endsWith('.log')) await fs.rm(path.join(work, e), { recursive: true, force: true });
  }
}
