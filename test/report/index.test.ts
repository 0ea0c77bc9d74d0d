import { describe, expect, it } from 'vitest';
import { formatLintReport, isLintFormat, LINT_FORMATS } from '../../src/report/index.js';
import { ANSI, makeReport } from './fixtures.js';

describe('formatLintReport', () => {
  it('knows every format, stylish first', () => {
    expect(LINT_FORMATS).toEqual(['stylish', 'compact', 'json', 'sarif', 'junit', 'github']);
    expect(isLintFormat('sarif')).toBe(true);
    expect(isLintFormat('html')).toBe(false);
  });

  it.each(LINT_FORMATS)(
    '%s ends with a newline and has colour only when stylish is asked for it',
    (format) => {
      const out = formatLintReport(makeReport(), format, { color: true });
      expect(out.endsWith('\n')).toBe(true);
      expect(ANSI.test(out)).toBe(format === 'stylish');
    },
  );

  it.each(LINT_FORMATS)('%s does not change the report it is given', (format) => {
    const report = makeReport();
    const before = structuredClone(report);
    formatLintReport(report, format, { color: true });
    expect(report).toEqual(before);
  });
});
