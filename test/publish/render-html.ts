/**
 * Markdown → HTML with `marked` (GFM), for asserting what a reviewer would see:
 * a dev-only stand-in for GitHub's renderer (cmark-gfm); the screenshot script uses
 * the same path. Also reads table rows back as cells.
 */

import { Marked } from 'marked';

const marked = new Marked({ gfm: true, async: false });

export function toHtml(md: string): string {
  return marked.parse(md, { async: false });
}

/** The text of each cell of each body row of every table in the HTML (tags stripped, entities decoded). */
export function tableRows(html: string): string[][] {
  const rows: string[][] = [];
  for (const tbody of html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)) {
    for (const tr of (tbody[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      rows.push([...(tr[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td) => decode((td[1] ?? '').replace(/<[^>]+>/g, ''))));
    }
  }
  return rows;
}

export function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
