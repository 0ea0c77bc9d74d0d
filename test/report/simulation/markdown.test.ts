import { beforeAll, describe, expect, it } from 'vitest';
import { formatScore } from '../../../src/report/simulation/common.js';
import { formatSimTranscript, simReportFiles } from '../../../src/report/simulation/index.js';
import type { SimReport } from '../../../src/simulate/summary.js';
import { EXAMPLE, kitchenSinkReport, simulateProject } from './fixtures.js';
import { attr, elements, parseHtml, renderMarkdown, textOf } from './parse.js';

let example: SimReport;
let sink: SimReport;
beforeAll(async () => {
  example = await simulateProject(EXAMPLE);
  sink = await kitchenSinkReport();
});

describe('transcripts/*.md', () => {
  it('writes one per conversation, named from its id', () => {
    const files = [...simReportFiles(example).keys()].filter((f) => f.startsWith('transcripts/'));
    expect(files).toEqual(example.conversations.map((c) => `transcripts/${c.id.replace('#', '-')}.md`));
  });

  it('starts with the verdict and the facts of the conversation', () => {
    const c = example.conversations[0];
    const md = formatSimTranscript(example, c).split('\n');
    expect(md.slice(0, 7)).toEqual([
      '# ✓ `angry-damaged-item#1` passed',
      '',
      '- **Persona:** `angry-damaged-item`, `angry`, traits `terse` `typos`',
      '- **Goal:** `Get a refund for order AB123456, which arrived broken.`',
      `- **Outcome:** \`resolved\`, resolved at turn ${c.turns}`,
      `- **Turns:** ${c.turns} customer turns, ${c.fallbacks} fallback${c.fallbacks === 1 ? '' : 's'}`,
      `- **Bot:** \`acme-support\` \`${example.bot.hash}\`, engine \`scripted\`, seed 0`,
    ]);
  });

  it('tables the expectations, those not checked as such, and the sentiment per turn', () => {
    const c = sink.conversations.find((x) => x.id === 'angry-wants-person#2')!;
    const md = formatSimTranscript(sink, c);
    expect(md).toContain(
      [
        '## Expectations',
        '',
        '| result | expectation | expected | actual | turn | what happened |',
        '|---|---|---|---|---|---|',
        '| ✗ failed | `outcome` | `handoff` | `error` | 1 | `expected outcome handoff, got error: the model answered with malformed JSON twice` |',
        '| – not checked | `min_empathy` | `empathy at least 3 of 5` | `no rating` |  | `not checked: the judge gave no rating (the model did not answer)` |',
        '',
        '## Sentiment',
        '',
        '| turn | 1 |',
        '|---|---:|',
        `| score | ${formatScore(c.sentiment[0])} |`,
      ].join('\n'),
    );
    expect(md).toContain(
      '- **Outcome:** `error`, error at turn 1: `the model answered with malformed JSON twice`',
    );
  });

  it('lists tone mismatches and repeated asks, and shows the judge', () => {
    const c = sink.conversations.find((x) => x.id === 'angry-damaged-item#1')!;
    const md = formatSimTranscript(sink, c).split('\n');
    const m = c.toneMismatches[0];
    expect(md).toContain(
      `- turn ${m.turn}, \`${m.step}\`: an upbeat \`${m.text}\` right after \`negative\` \`${m.after.text}\` (heard: \`great\`)`,
    );
    expect(md).toContain('- turn 3, `retail/ask_email`: asked again for `retail/email`');
    expect(md).toContain(
      '- **Empathy (judge):** 2 of 5: `It thanked an angry customer cheerfully.`; `No apology.`',
    );
  });

  it('holds the transcript in one code block, with the step of every bot line, wrapped for review', () => {
    const c = example.conversations[0];
    const md = formatSimTranscript(example, c);
    const block = md.slice(md.indexOf('```text\n') + 8, md.lastIndexOf('\n```'));
    const lines = block.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'turn 0 · bot · main/greet',
      "    Hi, I'm Ava, Acme's virtual assistant. You can ask for a person at any time.",
      '',
      'turn 0 · bot · main/menu',
      '    What can I help you with today?',
      '',
    ]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(96);
    for (const l of c.transcript.filter((x) => x.from === 'bot' && x.text))
      expect(block).toContain(`· bot · ${l.step}`);
    // A mask marker is never split across lines.
    expect(block).toContain('[hidden: email]');
  });

  it('renders as headings, a list, tables and one code block, with no link, image or HTML', () => {
    for (const c of sink.conversations) {
      const html = renderMarkdown(formatSimTranscript(sink, c));
      const tags = new Set(elements(parseHtml(html)).map((e) => e.tagName));
      for (const tag of tags)
        expect([
          'html',
          'head',
          'body',
          'h1',
          'h2',
          'p',
          'ul',
          'li',
          'strong',
          'em',
          'code',
          'pre',
          'table',
          'thead',
          'tbody',
          'tr',
          'th',
          'td',
        ]).toContain(tag);
      const pre = elements(parseHtml(html)).filter((e) => e.tagName === 'pre');
      expect(pre).toHaveLength(1);
      expect(attr(elements(pre[0])[1], 'class')).toBe('language-text');
      expect(textOf(pre[0])).toContain('turn 0 · bot · main/greet');
    }
  });
});
