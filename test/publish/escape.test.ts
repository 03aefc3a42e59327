import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellCode, codeSpan, commentSafe, encodePath, escapeCommandData, escapeCommandProperty, fencedBlock, htmlCode, htmlText, mdText, oneLine, truncate } from '../../src/publish/escape.ts';
import { decode, tableRows, toHtml } from './render-html.ts';

/** Names Valgrind really prints (C++ operators and templates) and names built to break things. */
const HOSTILE = [
  'std::map<int, std::vector<int>>::operator|',
  'operator||',
  'operator|=',
  'a|b',
  'a\\|b',
  'trailing\\',
  'tick`tock',
  '`leading',
  'two``ticks``',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '@octocat',
  'see #12',
  '100%',
  '*emph* _under_ [link](http://x) ![img](x)',
  '&amp; &lt;',
  'a::b,c',
  ' spaced ',
  '# heading',
  '1. item',
  '2) item',
  '- dash',
  '+ plus',
  '__init__',
  'flb_sds_create',
  '> quote',
  '***',
  '[x]: http://evil.example',
  'www.evil.example',
];

const ZWSP = /\u200B/g;

describe('escaping', () => {
  it('table cells show each hostile name exactly, one cell each', () => {
    const md = ['| name | next |', '| --- | --- |', ...HOSTILE.map((n) => `| ${cellCode(n)} | ok |`), ''].join('\n');
    const rows = tableRows(toHtml(md));
    assert.equal(rows.length, HOSTILE.length);
    rows.forEach((cells, i) => {
      assert.deepEqual(cells.map((c) => c.replace(ZWSP, '')), [HOSTILE[i], 'ok'], `row ${i}`);
    });
  });

  it('plain text in a table cell keeps pipes, markup and mentions inert', () => {
    const md = ['| a | b |', '| --- | --- |', ...HOSTILE.map((n) => `| ${mdText(n)} | ok |`), ''].join('\n');
    const html = toHtml(md);
    assert.doesNotMatch(html, /<script|<img|<em>|<a /);
    tableRows(html).forEach((cells, i) => assert.equal(cells[0]!.replace(ZWSP, ''), HOSTILE[i]!.trim(), `row ${i}`));
  });

  it('plain text in a list item stays one item showing the text', () => {
    for (const name of HOSTILE) {
      const html = toHtml(`- ${mdText(name)}`);
      const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)];
      assert.equal(items.length, 1, name);
      assert.doesNotMatch(items[0]![1]!, /<(?!\/?code)[a-z]/, `no markup from ${name}`);
      assert.equal(decode(items[0]![1]!).replace(ZWSP, '').replace(ZWSP, ''), name.trim(), name);
    }
  });

  it('escapes only what can start markup, so raw markdown stays readable', () => {
    assert.equal(mdText('flb_sds_create_size'), 'flb_sds_create_size');
    assert.equal(mdText('__init__ x_'), '\\_\\_init\\_\\_ x\\_');
    assert.equal(mdText('1. x'), '1\\. x');
    assert.equal(mdText('# x'), '\\# x');
    assert.equal(mdText('a.b-c+d#e'), 'a.b-c+d#e');
  });

  it('code spans outside tables show the name exactly', () => {
    for (const name of HOSTILE) {
      const html = toHtml(`- ${codeSpan(name)}`);
      const code = /<code>([\s\S]*?)<\/code>/.exec(html)?.[1];
      assert.equal(decode(code ?? ''), name, name);
    }
  });

  it('HTML text and <code> escape tags, quotes and ampersands', () => {
    assert.equal(htmlCode('std::vector<int>&'), '<code>std::vector&lt;int&gt;&amp;</code>');
    assert.equal(htmlText(`<a href="x">'@bob'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;@\u200Bbob&#39;&lt;/a&gt;');
  });

  it('mentions and issue references are broken with a zero-width space', () => {
    assert.equal(mdText('@octocat #12 a@b.c'), '@\u200Boctocat #\u200B12 a@\u200Bb.c');
    const html = toHtml(mdText('ping @octocat'));
    assert.match(html, /@\u200Boctocat/);
  });

  it('line breaks, control and bidi characters never reach the output', () => {
    assert.equal(oneLine('a\r\nb\nc\rd\u2028e\tf\u0007g\u202Eh'), 'a b c d e f\uFFFDg\uFFFDh');
    assert.doesNotMatch(mdText('x\n\n# heading'), /\n/);
    assert.doesNotMatch(htmlCode('x\n\n</details>'), /\n|<\/details>/);
  });

  it('fenced blocks hold backtick runs and closing-tag lines', () => {
    const text = '```\n</details>\n````inside\n\u001b[31mred';
    const block = fencedBlock(text);
    assert.ok(block.startsWith('`````text\n'));
    const html = toHtml(`<details><summary>x</summary>\n\n${block}\n\n</details>\n`);
    const code = /<code[^>]*>([\s\S]*?)<\/code>/.exec(html)?.[1];
    assert.equal(decode(code ?? '').trimEnd(), text.replace('\u001b', '\uFFFD'));
  });

  it('workflow command data and properties are percent-encoded the way the runner decodes them', () => {
    assert.equal(escapeCommandData('100%\r\nnext::x'), '100%25%0D%0Anext::x');
    assert.equal(escapeCommandProperty('a::b,c%\n'), 'a%3A%3Ab%2Cc%25%0A');
  });

  it('HTML comments cannot be closed early', () => {
    assert.equal(commentSafe('ci --> <b>\nx'), 'ci -_ _b_ x');
  });

  it('paths are encoded per segment, parentheses included', () => {
    assert.equal(encodePath('src/dir (1)/a|b @c.c'), 'src/dir%20%281%29/a%7Cb%20%40c.c');
  });

  it('truncate counts code points and marks the cut', () => {
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('😀😀😀', 2), '😀…');
    assert.equal(truncate('abc', 3), 'abc');
  });
});
