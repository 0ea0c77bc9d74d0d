import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty } from '../../src/report/github.js';
import { formatLintReport } from '../../src/report/index.js';
import { makeReport, sampleFindings } from './fixtures.js';

describe('github', () => {
  const out = formatLintReport(makeReport(), 'github', { color: true });
  const lines = out.trimEnd().split('\n');

  it('writes one workflow command per finding, sorted, with the level GitHub knows', () => {
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual([
      '::error',
      '::error',
      '::warning',
      '::notice',
      '::error',
    ]);
    expect(lines[0]).toBe(
      '::error file=flows/billing.yaml,line=1,col=5,title=tact(duplicate-flow)::Flow "billing" is declared twice.',
    );
  });

  it('gives the end of a one-line span, and only the end line of a longer one', () => {
    expect(lines[1]).toContain('line=5,col=10,endLine=5,endColumn=24,title=tact(tone-sentiment)::');
    expect(lines[4]).toContain('line=11,col=3,endLine=13,title=tact(human-exit)::');
  });

  it('puts the path and the evidence on escaped new lines of the message', () => {
    expect(lines[4]).toMatch(
      /::The customer cannot ask for a person at "ask_email"\.%0Apath: greet → ask_order → ask_email$/,
    );
    expect(lines[1]).toMatch(/%0Aevidence: "Great news", "!!!"$/);
  });

  it('escapes %, CR and LF in the message and also : and , in properties', () => {
    const [finding] = sampleFindings();
    const tricky = { ...finding, file: 'flows/a,b:c.yaml', message: '100% sure\r\nnext line, really: yes' };
    const [line] = formatLintReport(makeReport([tricky]), 'github', { color: false }).split('\n');
    expect(line).toContain('file=flows/a%2Cb%3Ac.yaml,');
    expect(line).toContain('::100%25 sure%0D%0Anext line, really: yes%0Aevidence');
    expect(line.split('\n')).toHaveLength(1);
    expect(escapeCommandData('a%0A\nb')).toBe('a%250A%0Ab');
    expect(escapeCommandProperty('x,y:z%\n')).toBe('x%2Cy%3Az%25%0A');
  });

  it('is empty without findings', () => {
    expect(formatLintReport(makeReport([]), 'github', { color: false })).toBe('');
  });
});
