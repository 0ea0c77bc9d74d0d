import { describe, expect, it } from 'vitest';
import { formatLintReport } from '../../src/report/index.js';
import { ANSI, crossFlowFinding, makeReport } from './fixtures.js';

describe('stylish', () => {
  const plain = formatLintReport(makeReport(), 'stylish', { color: false });

  it('has no ANSI codes without colour', () => {
    expect(plain).not.toMatch(ANSI);
  });

  it('colours with colour on, and only adds escapes: the text stays the same', () => {
    const coloured = formatLintReport(makeReport(), 'stylish', { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('groups by file, in path order, each finding once with position, severity, message and rule', () => {
    const billing = plain.indexOf('flows/billing.yaml\n');
    const refund = plain.indexOf('flows/refund.yaml\n');
    expect(billing).toBeGreaterThan(-1);
    expect(refund).toBeGreaterThan(billing);
    expect(plain).toContain('  1:5   error  Flow "billing" is declared twice.  duplicate-flow');
    expect(plain).toContain('  8:10  warning  Grade 11 is above 8.  readability');
    expect(plain).toContain('  9:14  info     Data "nickname" is never used.  unused-data');
    // Within a file: by line.
    const lines = plain.split('\n').filter((l) => /^ {2}\d+:\d+/.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(['1:5', '5:10', '8:10', '9:14', '11:3']);
  });

  it('shows a code frame of the YAML line with a marker under the column', () => {
    const frame = plain.split('\n');
    const at = frame.findIndex((l) => l.includes('> 11 |   ask_email:'));
    expect(at).toBeGreaterThan(-1);
    expect(frame[at - 1]).toContain('10 |     next: ask_email');
    expect(frame[at + 1]).toMatch(/^ {9}\| {3}\^$/);
    expect(frame[at + 2]).toContain('12 |     ask: Your email?');
    // A one-line span is underlined over its length.
    expect(plain).toContain(`|          ${'^'.repeat(14)}`);
  });

  it('shows the path with short step ids inside one flow', () => {
    expect(plain).toContain('    path: greet → ask_order → ask_email\n');
  });

  it('shows qualified step ids when the path crosses flows', () => {
    const out = formatLintReport(makeReport([crossFlowFinding()]), 'stylish', { color: false });
    expect(out).toContain('    path: refund/greet → billing/start\n');
  });

  it('quotes the evidence and lists related locations', () => {
    expect(plain).toContain('    evidence: "Great news", "!!!"\n');
    expect(plain).toContain('    related: flows/old/billing.yaml:1:5  first declared here\n');
  });

  it('ends with the summary', () => {
    expect(plain.endsWith('✖ 5 problems (3 errors, 1 warning, 1 info)\n')).toBe(true);
  });

  it('is empty when there are no findings', () => {
    expect(formatLintReport(makeReport([]), 'stylish', { color: true })).toBe('');
  });

  it('leaves out the frame when the source is unknown or the line is past its end', () => {
    const [finding] = makeReport().findings;
    const out = formatLintReport(
      makeReport([
        { ...finding, file: 'flows/gone.yaml' },
        { ...finding, line: 999 },
      ]),
      'stylish',
      { color: false },
    );
    expect(out).not.toContain(' | ');
    expect(out).toContain('flows/gone.yaml');
  });

  it('does not depend on the input order', () => {
    const report = makeReport();
    const reversed = makeReport([...report.findings].reverse());
    expect(formatLintReport(reversed, 'stylish', { color: false })).toBe(plain);
  });
});
