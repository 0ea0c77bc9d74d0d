import { describe, expect, it } from 'vitest';
import { formatLintReport } from '../../src/report/index.js';
import { crossFlowFinding, makeReport } from './fixtures.js';

describe('compact', () => {
  it('prints one sorted line per finding, with the path in brackets', () => {
    expect(formatLintReport(makeReport(), 'compact', { color: true })).toBe(
      [
        'flows/billing.yaml:1:5: error duplicate-flow Flow "billing" is declared twice.',
        'flows/billing.yaml:5:10: error tone-sentiment This message is upbeat after a negative turn.',
        'flows/refund.yaml:8:10: warning readability Grade 11 is above 8.',
        'flows/refund.yaml:9:14: info unused-data Data "nickname" is never used.',
        'flows/refund.yaml:11:3: error human-exit The customer cannot ask for a person at "ask_email". [path: greet → ask_order → ask_email]',
        '',
      ].join('\n'),
    );
  });

  it('qualifies the path across flows and keeps a multi-line message on one line', () => {
    const finding = { ...crossFlowFinding(), message: 'First line.\n  Second line.' };
    expect(formatLintReport(makeReport([finding]), 'compact', { color: false })).toBe(
      'flows/billing.yaml:4:3: error human-exit First line. Second line. [path: refund/greet → billing/start]\n',
    );
  });

  it('is empty without findings', () => {
    expect(formatLintReport(makeReport([]), 'compact', { color: false })).toBe('');
  });
});
