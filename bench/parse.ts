// Parse-stage benchmark: builds a large XML log and a large text log out of real memcheck
// records (Fluent Bit's SIGUSR1 runs in ../shared/corpus/fluent-bit), then prints, on the
// same files in the same run: our throughput and peak RSS (each in a child process),
// `cat`'s time (the disk/page-cache limit) and `xmllint --stream --noout` when installed.
// Size: BENCH_PARSE_MB (default 1024) for the XML; the text log is a quarter of it.
// The files go to a temp dir and are deleted afterwards. `parse.ts --child FILE` is the
// measured child: this script bundled (as the action ships), parsing FILE alone.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFiles } from '../src/parse/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/fluent-bit');
const MB = 1024 * 1024;

/** Writes head + body×n + tail, with line numbers shifted per copy (same leaks, moved code). */
function build(out: string, text: string, bodyStart: RegExp, bodyEnd: RegExp, targetBytes: number, shift: (body: string, i: number) => string): number {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => bodyStart.test(l));
  let last = -1;
  lines.forEach((l, i) => {
    if (bodyEnd.test(l)) last = i;
  });
  const head = lines.slice(0, first).join('\n') + '\n';
  const body = lines.slice(first, last + 1).join('\n') + '\n';
  const tail = lines.slice(last + 1).join('\n');
  const fd = openSync(out, 'w');
  writeSync(fd, head);
  let written = head.length;
  for (let i = 0; written < targetBytes; i++) {
    const copy = shift(body, i % 50);
    writeSync(fd, copy);
    written += copy.length;
  }
  writeSync(fd, tail);
  closeSync(fd);
  return statSync(out).size;
}

function seconds(cmd: string, args: string[]): { s: number; rssKiB?: number; ok: boolean } {
  const time = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = time
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * MB })
    : spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * MB });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const lastLine = r.stderr?.toString().trim().split('\n').pop() ?? '';
  const rss = time ? Number(lastLine) : Number.NaN;
  return { s, ok: r.status === 0, ...(rss === rss ? { rssKiB: rss } : {}) };
}

/** Bundles this script as the action ships (one ESM file, no TypeScript loader in the RSS). */
async function bundleChild(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = path.join(dir, 'parse-bench.mjs');
  await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning', external: ['esbuild'] });
  return out;
}

/** The child: parse one file, print seconds and peak RSS as JSON. */
async function child(file: string): Promise<void> {
  const start = process.hrtime.bigint();
  const report = await parseFiles([file]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS, complete: report.complete, leaks: report.leaks.length }));
}

function ours(child: string, file: string): { s: number; rssKiB: number; summary: string } {
  const r = spawnSync(process.execPath, [child, '--child', file], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`parse child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; maxRssKiB: number; leaks: number; complete: boolean };
  return { s: out.seconds, rssKiB: out.maxRssKiB, summary: `complete=${out.complete} leaks=${out.leaks}` };
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<void> {
  const xmlSrc = path.join(corpus, 'b2-sigusr1-null.xml');
  const txtSrc = path.join(corpus, 'b8-errexit-sigusr1.txt');
  if (!existsSync(xmlSrc) || !existsSync(txtSrc)) {
    console.log(`bench/parse: corpus absent (${corpus}); skipped`);
    return;
  }
  const mb = Number(process.env.BENCH_PARSE_MB ?? 1024);
  const dir = mkdtempSync(path.join(tmpdir(), 'flb-parse-bench-'));
  try {
    const xml = path.join(dir, 'big.xml');
    const txt = path.join(dir, 'big.txt');
    const shiftXml = (b: string, i: number): string => (i === 0 ? b : b.replace(/<line>(\d+)<\/line>/g, (_m, n: string) => `<line>${Number(n) + i}</line>`));
    const shiftTxt = (b: string, i: number): string => (i === 0 ? b : b.replace(/\.c:(\d+)\)/g, (_m, n: string) => `.c:${Number(n) + i})`));
    const xmlBytes = build(xml, readFileSync(xmlSrc, 'latin1'), /^<error>/, /^<\/error>/, mb * MB, shiftXml);
    const txtBytes = build(txt, readFileSync(txtSrc, 'latin1'), /loss record 1 of/, /^==\d+== {4}by /, (mb / 4) * MB, shiftTxt);
    // The worst case for memory: every copy's functions renamed, so every record is a new leak.
    const distinct = path.join(dir, 'distinct.xml');
    const renameXml = (b: string, i: number): string => b.replace(/<fn>([^<]+)<\/fn>/g, (_m, f: string) => `<fn>${f}_${i}</fn>`);
    let copy = 0;
    const distinctBytes = build(distinct, readFileSync(xmlSrc, 'latin1'), /^<error>/, /^<\/error>/, (mb / 5) * MB, (b) => renameXml(b, copy++));
    const bundled = await bundleChild(dir);
    const lines: string[] = [];
    lines.push(`parse bench (${new Date().toISOString().slice(0, 10)}, node ${process.version})`);
    lines.push(row(['file', 'size MB', 'tool', 'seconds', 'MB/s', 'peak RSS MiB', 'note']));
    lines.push(row(['---', '---', '---', '---', '---', '---', '---']));
    for (const [file, bytes, isXml] of [
      [xml, xmlBytes, true],
      [txt, txtBytes, false],
      [distinct, distinctBytes, false],
    ] as const) {
      const name = path.basename(file);
      const size = (bytes / MB).toFixed(0);
      seconds('cat', [file]); // warm the page cache
      const cat = seconds('cat', [file]);
      lines.push(row([name, size, 'cat', cat.s.toFixed(2), (bytes / MB / cat.s).toFixed(0), fmtRss(cat.rssKiB), 'disk/page-cache limit']));
      const o = ours(bundled, file);
      lines.push(row([name, size, 'flb-valgrind parse', o.s.toFixed(2), (bytes / MB / o.s).toFixed(0), fmtRss(o.rssKiB), o.summary]));
      if (isXml) {
        const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
        if (hasXmllint) {
          const x = seconds('xmllint', ['--stream', '--noout', file]);
          lines.push(row([name, size, 'xmllint --stream --noout', x.s.toFixed(2), (bytes / MB / x.s).toFixed(0), fmtRss(x.rssKiB), 'libxml2 streaming reader']));
        } else {
          lines.push(row([name, size, 'xmllint', '-', '-', '-', 'not installed (apt-get install libxml2-utils)']));
        }
      }
    }
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmtRss(kib: number | undefined): string {
  return kib === undefined ? '-' : (kib / 1024).toFixed(0);
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1] ?? '');
else await main();
