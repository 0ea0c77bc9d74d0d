import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { conversationSlug, transcriptPath } from '../../../src/report/simulation/common.js';
import {
  escapeHtml,
  mdBlock,
  mdCode,
  showInvisible,
  wrap,
  xmlAttr,
  xmlText,
} from '../../../src/report/simulation/escape.js';

/** Markdown as GitHub renders it (GFM, autolinks on), raw HTML let through so any that survives shows. */
const render = (md: string) =>
  micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

describe('showInvisible', () => {
  it('shows control, bidi and non-characters as \\uXXXX and keeps tab, newline and emoji', () => {
    expect(showInvisible('a\u0000b\u0007c\u001bd\u007fe\u0085f\u202eg\u2066h\ufffei\ud800j\tk\nl 😀')).toBe(
      'a\\u0000b\\u0007c\\u001Bd\\u007Fe\\u0085f\\u202Eg\\u2066h\\uFFFEi\\uD800j\tk\nl 😀',
    );
  });
  it('makes CRLF and CR line ends plain newlines', () => {
    expect(showInvisible('a\r\nb\rc')).toBe('a\nb\nc');
  });
});

describe('escapeHtml, xmlText, xmlAttr', () => {
  it('turns every markup character into an entity', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
  it('never lets ]]> or a raw control through in XML', () => {
    expect(xmlText('a ]]> b <c> & \u0001')).toBe('a ]]&gt; b &lt;c&gt; &amp; \\u0001');
    expect(xmlAttr('say "hi"\nthen\t<go>')).toBe('say &quot;hi&quot;&#10;then&#9;&lt;go&gt;');
  });
});

describe('mdCode', () => {
  it.each([
    ['plain', '`plain`'],
    ['has `one` tick', '``has `one` tick``'],
    ['`starts', '`` `starts ``'],
    ['ends with ``', '``` ends with `` ```'],
    ['  spaced  ', '`spaced`'],
    ['two\nlines', '`two lines`'],
    ['', '*(empty)*'],
  ])('%j → %s', (text, md) => expect(mdCode(text)).toBe(md));

  it('renders back to exactly the text, inside <code>, whatever it holds', () => {
    for (const text of [
      '[x](javascript:alert(1))',
      '![i](http://127.0.0.1:9/i.png)',
      '<script>alert(1)</script>',
      'see www.example.com or http://127.0.0.1:9/ or a@b.example',
      '**bold** _em_ ~~del~~ # h',
      'a `b` ``c`` d',
    ]) {
      const html = render(mdCode(text));
      const escaped = text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
      expect(html).toBe(`<p><code>${escaped}</code></p>`);
    }
  });

  it('escapes pipes in table cells so a cell stays one cell', () => {
    const md = `| a | b |\n|---|---|\n| ${mdCode('x | y', { table: true })} | z |`;
    const html = render(md);
    expect(html).toContain('<td><code>x | y</code></td>');
    expect(html).toContain('<td>z</td>');
  });
});

describe('mdBlock', () => {
  it('cannot be closed early by a fence in the text', () => {
    const md = mdBlock(['````', '```', '~~~', '<script>x</script>', '[a](b)']);
    expect(md.startsWith('`````text\n')).toBe(true);
    const html = render(`${md}\n\nafter`);
    expect(html).toBe(
      '<pre><code class="language-text">````\n```\n~~~\n&lt;script&gt;x&lt;/script&gt;\n[a](b)\n</code></pre>\n<p>after</p>',
    );
  });
});

describe('wrap', () => {
  it('wraps at spaces and keeps a long word whole', () => {
    expect(wrap('aaa bbb ccc dddddddddd e', 7)).toEqual(['aaa bbb', 'ccc', 'dddddddddd', 'e']);
    expect(wrap('one\ntwo', 80)).toEqual(['one', 'two']);
  });
});

describe('transcript file names', () => {
  it('are the conversation id with the run after a dash', () => {
    expect(conversationSlug('angry-damaged-item#1')).toBe('angry-damaged-item-1');
    expect(transcriptPath('calm_dispute#12')).toBe('transcripts/calm_dispute-12.md');
  });

  it('are safe on every OS and distinct for ids that are not plain persona ids', () => {
    const ids = [
      '../../etc/passwd#1',
      'CON#1',
      'a b#1',
      'a-b#1',
      'A-B#1',
      'x<script>#2',
      'ünïcødé#3',
      'nul',
      `${'x'.repeat(300)}#1`,
      '-dash#1',
      '.hidden#1',
    ];
    const names = ids.map(conversationSlug);
    for (const n of names) {
      expect(n).toMatch(/^[a-z][a-z0-9_-]*$/);
      expect(n.length).toBeLessThanOrEqual(80);
      expect(n).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
    }
    expect(new Set(names).size).toBe(ids.length);
    expect(conversationSlug('a-b#1')).toBe('a-b-1');
    expect(conversationSlug('A-B#1')).toMatch(/^a-b-1-[0-9a-f]{8}$/);
    expect(conversationSlug('../../etc/passwd#1')).toMatch(/^etc-passwd-1-[0-9a-f]{8}$/);
  });

  it('are the same on every run', () => {
    expect(conversationSlug('x<script>#2')).toBe(conversationSlug('x<script>#2'));
  });
});
