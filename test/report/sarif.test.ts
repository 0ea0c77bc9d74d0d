import { describe, expect, it } from 'vitest';
import { formatLintReport, type SarifLog, toSarifLog } from '../../src/report/index.js';
import { pascalCase } from '../../src/report/sarif.js';
import { crossFlowFinding, makeReport, RULES, sampleFindings } from './fixtures.js';
import { HAS_SARIF_SCHEMA, SARIF_SCHEMA_MISSING, sarifValidator } from './schemas.js';

function sarifOf(report = makeReport()): SarifLog {
  return JSON.parse(formatLintReport(report, 'sarif', { color: false })) as SarifLog;
}

describe.skipIf(!HAS_SARIF_SCHEMA)(
  `sarif against the official schema${HAS_SARIF_SCHEMA ? '' : ` (skipped: ${SARIF_SCHEMA_MISSING})`}`,
  () => {
    it('validates, with and without findings', () => {
      const validate = sarifValidator();
      for (const log of [sarifOf(), sarifOf(makeReport([])), sarifOf(makeReport([crossFlowFinding()]))]) {
        expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      }
      // The validator does bite: a level SARIF does not know is rejected.
      const broken = sarifOf();
      (broken.runs[0].results[0] as { level: string }).level = 'warn';
      expect(validate(broken)).toBe(false);
    });
  },
);

describe('sarif', () => {
  const log = sarifOf();
  const [run] = log.runs;

  it('is one SARIF 2.1.0 run of tact', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'tact',
      informationUri: 'https://github.com/tact-cli/tact',
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('lists every rule of the run, in order, with help and docs', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'human-exit',
      name: 'HumanExit',
      shortDescription: { text: 'The customer can always get to a person.' },
      fullDescription: { text: expect.stringContaining('The customer can always get to a person.') },
      help: {
        text: expect.stringContaining('https://github.com/tact-cli/tact/blob/main/docs/rules/human-exit.md'),
        markdown: expect.stringContaining(
          '(https://github.com/tact-cli/tact/blob/main/docs/rules/human-exit.md)',
        ),
      },
      helpUri: 'https://github.com/tact-cli/tact/blob/main/docs/rules/human-exit.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['empathy'] },
    });
    expect(run.tool.driver.rules.find((r) => r.id === 'unused-data')?.defaultConfiguration).toEqual({
      level: 'note',
    });
  });

  it('configures rules as set for the run, a rule turned off as disabled', () => {
    const report = makeReport([], { severities: { readability: 'error', 'unused-data': 'off' } });
    const rules = sarifOf(report).runs[0].tool.driver.rules;
    expect(rules.find((r) => r.id === 'readability')?.defaultConfiguration).toEqual({ level: 'error' });
    expect(rules.find((r) => r.id === 'unused-data')?.defaultConfiguration).toEqual({
      level: 'note',
      enabled: false,
    });
  });

  it('points each result at its rule by a stable index, and adds rules the report does not list', () => {
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
    const [finding] = sampleFindings();
    const stray = sarifOf(makeReport([{ ...finding, ruleId: 'yaml' }])).runs[0];
    expect(stray.tool.driver.rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id), 'yaml']);
    expect(stray.results[0].ruleIndex).toBe(RULES.length);
  });

  it('maps severities to levels and places results in relative, forward-slash artifacts', () => {
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'error']);
    expect(run.results[4].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'flows/refund.yaml', uriBaseId: '%SRCROOT%', index: 2 },
      region: { startLine: 11, startColumn: 3, endLine: 13, endColumn: 20 },
    });
    expect(run.artifacts.map((a) => a.location.uri)).toEqual([
      'flows/billing.yaml',
      'flows/clean.yaml',
      'flows/refund.yaml',
    ]);
    expect(run.originalUriBaseIds?.['%SRCROOT%'].uri).toBe('file:///home/dev/my%20bot/');
  });

  it('encodes paths as URIs and leaves out the base when the folder is not absolute', () => {
    const [finding] = sampleFindings();
    const report = makeReport([{ ...finding, file: 'flows\\my flow#1.yaml' }], { cwd: '', files: [] });
    const out = sarifOf(report).runs[0];
    expect(out.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'flows/my%20flow%231.yaml',
    );
    expect(out.originalUriBaseIds).toBeUndefined();
    expect(
      sarifOf(makeReport([], { cwd: 'C:\\work\\bot' })).runs[0].originalUriBaseIds?.['%SRCROOT%'].uri,
    ).toBe('file:///C:/work/bot/');
  });

  it('gives a path finding a code flow with one location per step', () => {
    const result = run.results.find((r) => r.ruleId === 'human-exit')!;
    expect(result.codeFlows).toHaveLength(1);
    const flow = result.codeFlows![0];
    expect(flow.message.text).toBe('greet → ask_order → ask_email');
    expect(flow.threadFlows[0].locations.map((l) => l.location.message?.text)).toEqual([
      'greet',
      'ask_order',
      'ask_email',
    ]);
    expect(flow.threadFlows[0].locations[1].location.physicalLocation.region).toEqual({
      startLine: 7,
      startColumn: 3,
    });
    expect(run.results.filter((r) => r.codeFlows)).toHaveLength(1);
  });

  it('gives related locations', () => {
    expect(run.results[0].relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'flows/old/billing.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 1, startColumn: 5 },
        },
        message: { text: 'first declared here' },
      },
    ]);
  });

  it('fingerprints by rule, file and message: moving a finding keeps it, other text changes it', () => {
    const [finding] = sampleFindings();
    const print = (f: typeof finding) => toSarifLog(makeReport([f])).runs[0].results[0].partialFingerprints;
    const before = print(finding);
    expect(Object.values(before)[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(print({ ...finding, line: 40, column: 1, endLine: 40 })).toEqual(before);
    expect(print({ ...finding, message: 'Another message.' })).not.toEqual(before);
    expect(print({ ...finding, file: 'flows/other.yaml' })).not.toEqual(before);
    expect(print({ ...finding, ruleId: 'readability' })).not.toEqual(before);
    const twice = toSarifLog(makeReport([finding, { ...finding, line: 9 }])).runs[0].results;
    expect(twice[0].partialFingerprints).not.toEqual(twice[1].partialFingerprints);
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('personal-data-unmarked')).toBe('PersonalDataUnmarked');
    expect(pascalCase('yaml')).toBe('Yaml');
  });

  it('is byte-identical whatever the input order', () => {
    const report = makeReport();
    const shuffled = makeReport([...report.findings].reverse(), { files: [...report.files].reverse() });
    expect(formatLintReport(shuffled, 'sarif', { color: false })).toBe(
      formatLintReport(report, 'sarif', { color: false }),
    );
  });
});
