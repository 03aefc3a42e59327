/**
 * Renders the PR comment for a sample report to HTML with GitHub-like styles and takes
 * a screenshot with headless Chromium (Debian's `chromium` package):
 *
 *   node --import tsx scripts/screenshot-comment.ts [typical|hostile|many] [docs/comment.png]
 *
 * Markdown goes through cmark-gfm (GitHub's renderer; `apt-get install cmark-gfm`)
 * when it is installed, else through `marked`. The first leak's stack is opened to
 * show what a click reveals.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Marked } from 'marked';
import { renderComment } from '../src/publish/pr-comment.ts';
import { hostileView, manyLeaksView, typicalView } from '../test/publish/fixtures.ts';

const VIEWS = { typical: typicalView, hostile: hostileView, many: () => manyLeaksView(300) } as const;

const CSS = `
body { margin: 0; background: #fff; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
.comment { margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; max-width: 920px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
.header b { color: #1f2328; }
.bot { font-size: 12px; border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; margin-left: 4px; }
.body { padding: 16px; }
h3 { font-size: 1.25em; margin: 0 0 16px; } h4 { font-size: 1em; margin: 24px 0 12px; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; } th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; background: rgba(129,139,152,.12); border-radius: 6px; padding: .2em .4em; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; } pre code { background: none; padding: 0; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
a { color: #0969da; text-decoration: none; } details { margin: 0 0 8px; } summary { cursor: pointer; }
ul, ol { padding-left: 2em; margin: 0 0 16px; } sub { color: #59636e; }
`;

function toHtml(md: string): string {
  const cmark = spawnSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter', '--unsafe'], { input: md, encoding: 'utf8' });
  if (cmark.status === 0) return cmark.stdout;
  return new Marked({ gfm: true, async: false }).parse(md, { async: false });
}

function main(): void {
  const which = (process.argv[2] ?? 'typical') as keyof typeof VIEWS;
  const out = resolve(process.argv[3] ?? 'docs/comment.png');
  const make = VIEWS[which];
  if (!make) throw new Error(`unknown sample '${which}': ${Object.keys(VIEWS).join(', ')}`);
  const body = toHtml(renderComment(make(), 'leaks / valgrind')).replace('<details>', '<details open>');
  const page = `<!doctype html><meta charset="utf-8"><style>${CSS}</style>
<div class="comment"><div class="header"><b>github-actions</b><span class="bot">bot</span> commented</div><div class="body">${body}</div></div>`;
  const dir = mkdtempSync(join(tmpdir(), 'comment-shot-'));
  const html = join(dir, 'comment.html');
  writeFileSync(html, page);
  const chromium = spawnSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--hide-scrollbars', `--screenshot=${out}`, '--window-size=960,1400', `file://${html}`],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (chromium.status !== 0) throw new Error(`chromium failed (${chromium.status}): ${chromium.stderr}`);
  console.log(`wrote ${out} (HTML: ${html})`);
}

main();
