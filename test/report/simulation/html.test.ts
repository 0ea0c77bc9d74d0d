import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatSimHtml, SIM_REPORT_CSP } from '../../../src/report/simulation/index.js';
import type { SimReport } from '../../../src/simulate/summary.js';
import { EXAMPLE, kitchenSinkReport, simulateProject } from './fixtures.js';
import { attr, type Element, elements, parseHtml, textOf } from './parse.js';

let example: SimReport;
let sink: SimReport;
beforeAll(async () => {
  example = await simulateProject(EXAMPLE);
  sink = await kitchenSinkReport();
});

const byTag = (els: Element[], tag: string) => els.filter((e) => e.tagName === tag);
const hasClass = (el: Element, cls: string) => (attr(el, 'class') ?? '').split(/\s+/).includes(cls);
const byId = (els: Element[], id: string) => els.find((e) => attr(e, 'id') === id);

describe('report.html', () => {
  it('puts a strict Content-Security-Policy first in the head, whose hash admits the one style sheet', () => {
    const html = formatSimHtml(example);
    const doc = parseHtml(html);
    const els = elements(doc);
    const head = byTag(els, 'head')[0];
    const first = head.childNodes.filter((n) => 'tagName' in n) as Element[];
    expect(first[0].tagName).toBe('meta');
    expect(attr(first[0], 'charset')).toBe('utf-8');
    expect(attr(first[1], 'http-equiv')).toBe('Content-Security-Policy');
    const csp = attr(first[1], 'content')!;
    expect(csp).toBe(SIM_REPORT_CSP);
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/,
    );
    const styles = byTag(els, 'style');
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(textOf(styles[0]), 'utf8').digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src|unsafe/);
  });

  it('has no script, no style attribute, no event handler, and no link out of the page', () => {
    const els = elements(parseHtml(formatSimHtml(sink)));
    expect(byTag(els, 'script')).toEqual([]);
    for (const el of els) {
      for (const a of el.attrs) {
        expect(a.name).not.toMatch(/^on/);
        expect(a.name).not.toBe('style');
        expect(a.name).not.toBe('src');
      }
    }
    const ids = new Set(els.map((e) => attr(e, 'id')).filter(Boolean));
    const hrefs = byTag(els, 'a').map((a) => attr(a, 'href')!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href.startsWith('#')).toBe(true);
      expect(ids.has(href.slice(1)), href).toBe(true);
    }
    expect(ids.size).toBe(els.filter((e) => attr(e, 'id')).length);
  });

  it('says the verdict, the bot and the run in the header, with one h1', () => {
    const els = elements(parseHtml(formatSimHtml(example)));
    expect(byTag(els, 'h1').map(textOf)).toEqual(['acme-support']);
    expect(textOf(byTag(els, 'title')[0])).toBe('Simulation report: acme-support');
    const verdict = els.find((e) => hasClass(e, 'verdict'))!;
    expect(textOf(verdict)).toBe('✓ All 12 conversations passed.');
    expect(textOf(els.find((e) => hasClass(e, 'meta'))!)).toBe(
      `engine scripted · 12 personas × 1 run · seed 0 · at most 20 turns · bot ${example.bot.hash.slice(0, 19)}…`,
    );
    expect(byTag(els, 'h2').map(textOf)).toEqual([
      'Summary',
      'Pass rate by persona',
      'Pass rate by mood',
      'Coverage',
      'Conversations',
    ]);
  });

  it('gives every table column headers, and the persona and mood tables a row per persona and mood', () => {
    const els = elements(parseHtml(formatSimHtml(example)));
    for (const table of byTag(els, 'table')) {
      const ths = elements(table).filter((e) => e.tagName === 'th' && attr(e, 'scope') === 'col');
      expect(ths.length).toBeGreaterThan(1);
    }
    const section = (id: string) => elements(els.find((e) => attr(e, 'aria-labelledby') === id)!);
    const personaRows = byTag(section('personas'), 'tr').slice(1);
    expect(personaRows.map((r) => textOf(elements(r).find((e) => e.tagName === 'th')!))).toEqual(
      example.personas.map((p) => p.id),
    );
    const first = byTag(elements(personaRows[0]), 'td').map(textOf);
    expect(first).toEqual([
      'angry',
      'Get a refund for order AB123456, which arrived broken.',
      '1/1',
      '100%',
      'resolved 1',
      '—',
    ]);
    const moodRows = byTag(section('moods'), 'tr')
      .slice(1)
      .map((r) => byTag(elements(r), 'th').map(textOf)[0]);
    expect(moodRows).toEqual(example.moods.map((m) => m.mood));
  });

  it('shows coverage and lists every step never visited, by flow', () => {
    const els = elements(parseHtml(formatSimHtml(example)));
    const cov = elements(els.find((e) => attr(e, 'aria-labelledby') === 'coverage')!);
    const c = example.coverage;
    const rows = byTag(cov, 'tr').slice(1).map(textOf);
    expect(rows[0]).toBe(
      `steps visited${c.steps.visited}${c.steps.total}${Math.round(c.steps.ratio * 100)}%`,
    );
    expect(byTag(cov, 'h3').map(textOf)).toEqual([
      `Steps never visited (${c.unvisited.length})`,
      `Routes never taken (${c.untaken.length})`,
    ]);
    const listed = cov
      .filter((e) => e.tagName === 'ul' && hasClass(e, 'steps'))
      .flatMap((ul) => byTag(elements(ul), 'li'))
      .flatMap((li) => {
        const flow = textOf(byTag(elements(li), 'strong')[0]);
        return byTag(elements(li), 'code').map((code) => `${flow}/${textOf(code)}`);
      });
    expect(listed).toEqual(c.unvisited);
    expect(c.unvisited.length).toBeGreaterThan(0);
  });

  it('draws a sentiment chart per conversation, one point per customer turn, at its score', () => {
    const els = elements(parseHtml(formatSimHtml(example)));
    const charts = byTag(els, 'svg').filter((e) => hasClass(e, 'chart'));
    expect(charts).toHaveLength(example.conversations.length);
    example.conversations.forEach((c, i) => {
      const points = elements(charts[i]).filter((e) => e.tagName === 'circle');
      expect(points).toHaveLength(c.turns);
      expect(points.map((p) => Number(attr(p, 'data-turn')))).toEqual(
        c.transcript.filter((l) => l.from === 'customer' && l.sentiment).map((l) => l.turn),
      );
      // y runs from 12 (+1) to 170 (−1): the point's height is its score.
      const cy = points.map((p) => Number(attr(p, 'cy')));
      expect(cy).toEqual(c.sentiment.map((s) => Math.round((12 + ((1 - s) / 2) * 158) * 10) / 10));
      expect(attr(charts[i], 'role')).toBe('img');
      const title = elements(charts[i]).find((e) => e.tagName === 'title')!;
      expect(textOf(title)).toBe(`Customer sentiment over ${c.turns} turn${c.turns === 1 ? '' : 's'}`);
    });
  });

  it('shows each transcript with the step of every bot message and the flags of each line', () => {
    const els = elements(parseHtml(formatSimHtml(sink)));
    const c = sink.conversations.find((x) => x.persona === 'angry-damaged-item')!;
    const article = byId(els, 'c-angry-damaged-item-1')!;
    const rows = byTag(elements(article), 'tr').filter((r) => hasClass(r, 'bot') || hasClass(r, 'customer'));
    expect(rows).toHaveLength(c.transcript.length);
    rows.forEach((row, i) => {
      const line = c.transcript[i];
      const cells = byTag(elements(row), 'td');
      expect(textOf(cells[0])).toBe(String(line.turn));
      expect(textOf(cells[1])).toBe(line.from === 'bot' ? 'Bot' : 'Customer');
      expect(textOf(cells[2])).toBe(line.text || '—');
      expect(textOf(cells[3])).toBe(line.from === 'bot' ? line.step : '');
      const notes = textOf(cells[4]);
      if (line.fallback) expect(notes).toContain('fallback');
      if (line.toneMismatch) expect(notes).toContain('tone mismatch');
      if (line.repeatedAsk) expect(notes).toContain('repeated ask');
      if (line.wantsHuman) expect(notes).toContain('asked for a person');
      if (line.action) expect(notes).toContain(`ran ${line.action.name}`);
    });
    const flags = rows.flatMap((r) => elements(r).filter((e) => hasClass(e, 'flag'))).map(textOf);
    expect(flags).toContain('tone mismatch');
    expect(flags).toContain('repeated ask');
    expect(flags).toContain('ran send_survey → nothing (not in the world: returned nothing)');
  });

  it('puts each failed expectation in the transcript at its turn, and lists it under Failures', () => {
    const els = elements(parseHtml(formatSimHtml(sink)));
    const article = byId(els, 'c-angry-wants-person-2')!;
    const rows = byTag(elements(article), 'tr').filter((r) => r.parentNode?.nodeName === 'tbody');
    const transcriptRows = rows.filter(
      (r) => hasClass(r, 'bot') || hasClass(r, 'customer') || hasClass(r, 'fail-row'),
    );
    const failAt = transcriptRows.findIndex((r) => hasClass(r, 'fail-row'));
    expect(textOf(transcriptRows[failAt])).toBe(
      '✗ outcome failed at turn 1: expected outcome handoff, got error: the model answered with malformed JSON twice',
    );
    const c = sink.conversations.find((x) => x.id === 'angry-wants-person#2')!;
    // After the last line of turn 1, here the end of the transcript.
    expect(failAt).toBe(c.transcript.filter((l) => l.turn <= 1).length);

    const failures = elements(els.find((e) => attr(e, 'aria-labelledby') === 'failures')!);
    expect(byTag(failures, 'li').map(textOf)).toEqual([
      'angry-damaged-item#1 (angry): min_empathy: expected empathy at least 3, the judge gave 2: It thanked an angry customer cheerfully.',
      'angry-wants-person#2 (angry): could not run: the model answered with malformed JSON twice',
    ]);
    expect(textOf(els.find((e) => hasClass(e, 'verdict'))!)).toBe(
      '✗ 2 of 4 conversations failed (1 could not run).',
    );
  });

  it('shows expectations that were not checked as such, never as failed', () => {
    const els = elements(parseHtml(formatSimHtml(sink)));
    const article = byId(els, 'c-angry-wants-person-2')!;
    const rows = byTag(elements(article), 'tr').filter((r) =>
      byTag(elements(r), 'th').some((th) => attr(th, 'scope') === 'row'),
    );
    expect(rows.map((r) => byTag(elements(r), 'td').map(textOf))).toEqual([
      [
        '✗ failed',
        'expected outcome handoff, got error: the model answered with malformed JSON twice (turn 1)',
      ],
      ['– not checked', 'not checked: the judge gave no rating (the model did not answer)'],
    ]);
  });

  it('shows the judge, the handoff and what could not run', () => {
    const html = formatSimHtml(sink);
    const els = elements(parseHtml(html));
    const damaged = textOf(byId(els, 'c-angry-damaged-item-1')!);
    expect(damaged).toContain('empathy 2 of 5');
    expect(damaged).toContain('The judge: It thanked an angry customer cheerfully. · No apology.');
    const wants = sink.conversations.find((c) => c.id === 'angry-wants-person#1')!;
    expect(textOf(byId(els, 'c-angry-wants-person-1')!)).toContain(
      `handoff at ${wants.handoff!.step} to ${wants.handoff!.queue}: ${wants.handoff!.reason}`,
    );
    expect(textOf(els.find((e) => hasClass(e, 'meta'))!)).toContain(
      'engine ollama (llama3.2:3b) · judge qwen2.5:7b · 4 personas × 2 runs · seed 0 · at most 20 turns · shard 1/2',
    );
    const persona = byTag(elements(els.find((e) => attr(e, 'aria-labelledby') === 'personas')!), 'tr').find(
      (r) => textOf(r).startsWith('sad-no-rooms'),
    )!;
    expect(textOf(persona)).toContain('not run');
  });

  it('marks masked values, and says when personal data is shown', () => {
    const masked = elements(parseHtml(formatSimHtml(example)));
    const spans = masked.filter((e) => hasClass(e, 'masked')).map(textOf);
    expect(spans).toContain('[hidden: email]');
    expect(textOf(masked.find((e) => hasClass(e, 'privacy'))!)).toBe(
      'Data marked personal in the flows is masked: [hidden: name].',
    );
    const shown = elements(
      parseHtml(formatSimHtml({ ...example, settings: { ...example.settings, showPersonal: true } })),
    );
    expect(textOf(shown.find((e) => hasClass(e, 'privacy'))!)).toBe(
      'This report shows personal data (--show-personal). Do not share it.',
    );
  });

  it('is the same page for the same report', () => {
    expect(formatSimHtml(example)).toBe(formatSimHtml(structuredClone(example)));
  });
});
