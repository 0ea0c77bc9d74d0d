import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatSimHtml,
  formatSimJson,
  formatSimJunit,
  formatSimTranscript,
  simReportFiles,
} from '../../../src/report/simulation/index.js';
import type { SimReport } from '../../../src/simulate/summary.js';
import { hostile, kitchenSinkReport, PAYLOAD, RAW_CONTROLS } from './fixtures.js';
import { attr, elements, parseHtml, parseXml, renderMarkdown, shapeOfHtml, textOf } from './parse.js';

// Every string of a report that holds every field (persona, model, flow, engine and tact texts alike)
// gets the payload: markup and a script, ]]>, comment marks, Markdown links, images, fences and
// pipes, control, bidi and non-characters.
let plain: SimReport;
let evil: SimReport;
beforeAll(async () => {
  plain = await kitchenSinkReport();
  evil = hostile(plain);
});

describe('hostile text in every field of the report', () => {
  it('changes no element of report.html: the page has the same shape, and no script', () => {
    const html = formatSimHtml(evil);
    expect(shapeOfHtml(html)).toEqual(shapeOfHtml(formatSimHtml(plain)));
    const els = elements(parseHtml(html));
    expect(els.filter((e) => e.tagName === 'script')).toEqual([]);
    expect(els.filter((e) => e.tagName === 'img')).toEqual([]);
    for (const el of els)
      for (const a of el.attrs) {
        expect(a.name).not.toMatch(/^on|^style$|^src$/);
        if (a.name === 'href') expect(a.value).toMatch(/^#c-[a-z0-9_-]+$|^#conversations$/);
        if (a.name === 'id' || a.name === 'class') expect(a.value).toMatch(/^[a-z0-9 _-]+$/);
      }
    expect(html).not.toMatch(RAW_CONTROLS);
  });

  it('shows the hostile text in report.html as text, control characters made visible', () => {
    const els = elements(parseHtml(formatSimHtml(evil)));
    const h1 = textOf(els.find((e) => e.tagName === 'h1')!);
    expect(h1).toContain("acme-support<script>window.__pwned=1;document.title='pwned'</script>]]>--><!--");
    expect(h1).toContain('\\u0000\\u0007\\u001B[31m\\u007F\\u0085\\u202ERTL\\u202C\\uFFFE\\uD800');
    const title = textOf(els.find((e) => e.tagName === 'title')!);
    expect(title.startsWith('Simulation report: acme-support<script>')).toBe(true);
    // The chart's text alternative and each point's title are escaped too.
    const titles = els.filter(
      (e) =>
        e.tagName === 'title' &&
        e.parentNode &&
        'tagName' in e.parentNode &&
        e.parentNode.tagName === 'circle',
    );
    expect(titles.length).toBeGreaterThan(0);
    expect(textOf(titles[0])).toContain('<script>');
    const svgDesc = els.find((e) => e.tagName === 'desc')!;
    expect(attr(svgDesc, 'id')).toMatch(/^c-[a-z0-9_-]+-chart-desc$/);
  });

  it('keeps junit.xml well-formed with the same elements, and carries the text whole', () => {
    const xml = formatSimJunit(evil);
    const parsed = parseXml(xml);
    expect(parsed.error).toBeUndefined();
    expect(parsed.names).toEqual(parseXml(formatSimJunit(plain)).names);
    expect(xml).not.toMatch(RAW_CONTROLS);
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<script');
    const texts = parsed.texts.join('\n');
    expect(texts).toContain("<script>window.__pwned=1;document.title='pwned'</script>]]>--><!-- --");
    expect(texts).toContain('\\u001B[31m');
  });

  it('renders no link, image or HTML from any transcript, which keep their shape', () => {
    for (const [i, c] of evil.conversations.entries()) {
      const md = formatSimTranscript(evil, c);
      expect(md).not.toMatch(RAW_CONTROLS);
      const html = renderMarkdown(md);
      expect(shapeOfHtml(html)).toEqual(
        shapeOfHtml(renderMarkdown(formatSimTranscript(plain, plain.conversations[i]))),
      );
      const tags = elements(parseHtml(html)).map((e) => e.tagName);
      for (const bad of ['a', 'img', 'script', 'style', 'b', 'em', 'del', 'h3'])
        expect(tags).not.toContain(bad);
      expect(textOf(parseHtml(html))).toContain('[x](javascript:alert(1))');
    }
  });

  it('writes report.json that parses back to exactly the report, with nothing raw in the file', () => {
    const json = formatSimJson(evil);
    expect(json).not.toMatch(RAW_CONTROLS);
    expect(JSON.parse(json)).toEqual(evil);
    expect(JSON.parse(json).bot.name).toBe(`acme-support${PAYLOAD}`);
  });

  it('gives every transcript a safe file name, even for hostile conversation ids', () => {
    const names = [...simReportFiles(evil).keys()];
    expect(names.slice(0, 3)).toEqual(['report.json', 'junit.xml', 'report.html']);
    const transcripts = names.slice(3);
    expect(transcripts).toHaveLength(evil.conversations.length);
    for (const n of transcripts) expect(n).toMatch(/^transcripts\/[a-z][a-z0-9_-]{0,90}\.md$/);
  });
});

describe('hostile text even in the fields with fixed values (a hand-edited report)', () => {
  it('still runs nothing and stays well-formed in every kind', () => {
    const worst = hostile(plain, { typed: false });
    for (const [file, text] of simReportFiles(worst)) {
      expect(text, file).not.toMatch(RAW_CONTROLS);
      if (file.endsWith('.html')) {
        const els = elements(parseHtml(text));
        expect(els.filter((e) => ['script', 'img', 'iframe', 'object'].includes(e.tagName))).toEqual([]);
        for (const el of els) for (const a of el.attrs) expect(a.name).not.toMatch(/^on|^style$|^src$/);
      }
      if (file.endsWith('.xml')) expect(parseXml(text).error).toBeUndefined();
      if (file.endsWith('.md')) {
        const tags = elements(parseHtml(renderMarkdown(text))).map((e) => e.tagName);
        for (const bad of ['a', 'img', 'script', 'style']) expect(tags).not.toContain(bad);
      }
    }
  });
});
