// docs/output-formats.md shows one run of `tact lint flows` in every format, for the two flows at
// the top of the page. This lints those flows and checks each example on the page against what
// the formatter prints: the text formats exactly, the JSON ones as the part they show (partial.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { formatLintReport } from '../../src/report/index.js';
import { ROOT } from '../e2e/helpers.js';
import { codeBlocks } from './blocks.js';
import { differences } from './partial.js';

const PAGE = 'docs/output-formats.md';
const blocks = codeBlocks(PAGE);
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The flows of the page: a YAML example whose first line names its file, without its comments. */
const flows = blocks.flatMap((b) => {
  const named = /^# (flows\/[\w-]+\.flow\.yaml)\n/.exec(b.text);
  return b.lang === 'yaml' && named ? [{ file: named[1], text: b.text.replace(/^(#.*\n)+/, '') }] : [];
});

const pageLines = readFileSync(path.join(ROOT, PAGE), 'utf8').split('\n');

/** The `## heading` a line of the page is under. */
function sectionOf(line: number): string {
  for (let i = line - 1; i >= 0; i--) if (pageLines[i].startsWith('## ')) return pageLines[i].slice(3);
  return '';
}

/** The first example of a language (`''` for plain) under a `## heading` of the page. */
function example(heading: string, lang: string) {
  const found = blocks.find((b) => b.lang === lang && sectionOf(b.line) === heading);
  expect(found, `${heading} has a ${lang || 'plain'} example`).toBeDefined();
  return found!;
}

describe('the examples of docs/output-formats.md are what tact lint prints', () => {
  const dir = path.join(tmp, 'project');
  for (const f of flows) {
    mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
    writeFileSync(path.join(dir, f.file), f.text);
  }
  const report = lint([path.join(dir, 'flows')], { cwd: dir });
  const print = (format: Parameters<typeof formatLintReport>[1]) =>
    formatLintReport(report, format, { color: false });

  it('the page shows two flows, one clean and one with two findings', () => {
    expect(flows.map((f) => f.file)).toEqual(['flows/billing.flow.yaml', 'flows/refund.flow.yaml']);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'flows/refund.flow.yaml:12:3 human-exit',
      'flows/refund.flow.yaml:16:12 blame-language',
    ]);
  });

  it.each([
    ['stylish', 'stylish'],
    ['compact', 'compact'],
    ['junit', 'junit'],
    ['github', 'github'],
  ] as const)('%s, exactly', (heading, format) => {
    const lang = format === 'junit' ? 'xml' : '';
    expect(example(heading, lang).text).toBe(print(format).replace(/^\n/, ''));
  });

  it('json: the report, with every value it shows', () => {
    const shown = JSON.parse(example('json', 'json').text);
    expect(differences(shown, JSON.parse(print('json')))).toEqual([]);
    expect(Object.keys(shown)).toEqual(Object.keys(JSON.parse(print('json'))));
  });

  it('sarif: the human-exit result, with every value it shows', () => {
    const shown = JSON.parse(example('sarif', 'json').text);
    const results = JSON.parse(print('sarif')).runs[0].results as { ruleId: string }[];
    expect(
      differences(
        shown,
        results.find((r) => r.ruleId === shown.ruleId),
      ),
    ).toEqual([]);
  });
});
