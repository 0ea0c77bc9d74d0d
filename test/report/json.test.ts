import { describe, expect, it } from 'vitest';
import { formatLintReport, toJsonLintReport } from '../../src/report/index.js';
import { crossFlowFinding, makeReport, sampleFindings } from './fixtures.js';
import { reportValidator } from './schemas.js';

describe('json', () => {
  const text = formatLintReport(makeReport(), 'json', { color: true });
  const doc = JSON.parse(text);
  const validate = reportValidator();

  it('validates against schemas/report.schema.json', () => {
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const empty = JSON.parse(formatLintReport(makeReport([]), 'json', { color: false }));
    expect(validate(empty), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema rejects what the shape does not allow', () => {
    expect(validate({ ...doc, extra: true })).toBe(false);
    expect(validate({ ...doc, findings: [{ ...doc.findings[0], severity: 'warning' }] })).toBe(false);
    expect(validate({ ...doc, findings: [{ ...doc.findings[0], line: 0 }] })).toBe(false);
    expect(validate({ ...doc, findings: [{ ...doc.findings[0], surprise: 1 }] })).toBe(false);
    const { docs: _docs, ...noDocs } = doc.findings[0];
    expect(validate({ ...doc, findings: [noDocs] })).toBe(false);
  });

  it('has the documented header, summary and per-file counts', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(doc.version).toBe(1);
    expect(doc.kind).toBe('lint');
    expect(doc.tool).toEqual({ name: 'tact', version: expect.any(String) });
    expect(doc.summary).toEqual({ files: 3, problems: 5, errors: 3, warnings: 1, infos: 1 });
    expect(doc.files).toEqual([
      { path: 'flows/billing.yaml', errors: 2, warnings: 0, infos: 0 },
      { path: 'flows/clean.yaml', errors: 0, warnings: 0, infos: 0 },
      { path: 'flows/refund.yaml', errors: 1, warnings: 1, infos: 1 },
    ]);
  });

  it('sorts findings by file, line, column and rule', () => {
    expect(doc.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual([
      'flows/billing.yaml:1',
      'flows/billing.yaml:5',
      'flows/refund.yaml:8',
      'flows/refund.yaml:9',
      'flows/refund.yaml:11',
    ]);
    const [first] = sampleFindings();
    const sameSpot = [{ ...first, ruleId: 'readability' }, first];
    const ids = toJsonLintReport(makeReport(sameSpot)).findings.map((f) => f.ruleId);
    expect(ids).toEqual(['readability', 'tone-sentiment']);
  });

  it('writes the path, related locations, evidence and docs link; leaves out what is absent', () => {
    const human = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'human-exit');
    expect(human).toEqual({
      ruleId: 'human-exit',
      messageId: 'noExit',
      severity: 'error',
      message: 'The customer cannot ask for a person at "ask_email".',
      file: 'flows/refund.yaml',
      line: 11,
      column: 3,
      endLine: 13,
      endColumn: 20,
      path: [
        { step: 'refund/greet', file: 'flows/refund.yaml', line: 4, column: 3 },
        { step: 'refund/ask_order', file: 'flows/refund.yaml', line: 7, column: 3 },
        { step: 'refund/ask_email', file: 'flows/refund.yaml', line: 11, column: 3 },
      ],
      docs: 'https://github.com/tact-cli/tact/blob/main/docs/rules/human-exit.md',
    });
    expect(Object.keys(human).at(-1)).toBe('docs');
    expect(doc.findings[0].related).toEqual([
      { file: 'flows/old/billing.yaml', line: 1, column: 5, message: 'first declared here' },
    ]);
    expect(doc.findings[1].evidence).toEqual(['Great news', '!!!']);
    expect(doc.findings[3]).not.toHaveProperty('path');
    expect(doc.findings[3]).not.toHaveProperty('endLine');
  });

  it('keeps qualified step ids in the path, whatever the display does', () => {
    const out = toJsonLintReport(makeReport([crossFlowFinding()]));
    expect(out.findings[0].path?.map((s) => s.step)).toEqual(['refund/greet', 'billing/start']);
  });

  it('is byte-identical whatever the order of findings and files', () => {
    const report = makeReport();
    const shuffled = makeReport([...report.findings].reverse(), { files: [...report.files].reverse() });
    expect(formatLintReport(shuffled, 'json', { color: false })).toBe(text);
  });
});
