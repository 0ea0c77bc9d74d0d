import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { renderDiagram } from '../../src/report/diagram.js';
import { formatLintReport, LINT_FORMATS } from '../../src/report/index.js';
import { cutLine, safeLine, safeText } from '../../src/report/safe-text.js';
import { FRAME_WIDTH } from '../../src/report/stylish.js';
import type { Finding, LintReport } from '../../src/rules/types.js';

/** Everything that has broken a diagram, a report or a terminal somewhere. */
const HOSTILE =
  'He said "hi" %%{init: {"theme":"dark"}}%% ]]> `rm -rf` <b>x</b> & #quot; \u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202egnp.exe';
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\u202A-\u202E\u2066-\u2069]/;

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const yamlString = (s: string) => JSON.stringify(s);

function hostileProject(): string {
  const dir = path.join(tmp, 'project');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'end.flow.yaml'),
    `flow: end
steps:
  a-b:
    ask: ${yamlString(`${HOSTILE}?`)}
    options:
      - {label: ${yamlString(HOSTILE)}, goto: a_b}
      - {label: "Talk to a person", goto: person}
  a_b:
    say: ${yamlString(HOSTILE)}
    end: resolved
  person:
    handoff: {queue: support}
    say: ${yamlString(`Connecting you. ${'x'.repeat(400)} ${HOSTILE}`)}
`,
  );
  return dir;
}

function report(): LintReport {
  const r = lint([hostileProject()], { cwd: tmp });
  const planted: Finding = {
    ruleId: 'readability',
    messageId: 'x',
    severity: 'warn',
    message: `message ${HOSTILE}`,
    file: 'project/end.flow.yaml',
    line: 13,
    column: 400,
    evidence: [HOSTILE],
    related: [{ pos: { file: 'project/end.flow.yaml', line: 4, column: 10 }, message: HOSTILE }],
  };
  return { ...r, findings: [...r.findings, planted] };
}

describe('text from a file cannot break a format or reach the terminal raw', () => {
  const lintReport = report();

  it.each(LINT_FORMATS)('%s: no raw control character or bidi override in the output', (format) => {
    const out = formatLintReport(lintReport, format, { color: false });
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out.length).toBeGreaterThan(0);
  });

  it('stylish shows the escape sequences as \\uXXXX, on one line per finding', () => {
    const out = formatLintReport(lintReport, 'stylish', { color: false });
    expect(out).toContain(safeLine(`message ${HOSTILE}`));
    expect(out).toContain('\\u001B[2J\\u001B]0;pwned\\u0007 \\u009B31m \\u202Egnp.exe');
  });

  it('a code-frame line is cut to a readable width around the column, with the marker under it', () => {
    const lines = formatLintReport(lintReport, 'stylish', { color: false }).split('\n');
    // The frame of the planted finding (line 13, column 400) follows its message.
    const at400 = lines.findIndex((l) => l.includes('13:400'));
    const frame = lines.slice(at400).find((l) => /^\s+> 13 \| /.test(l))!;
    const body = frame.replace(/^\s+> 13 \| /, '');
    expect(body.length).toBeLessThanOrEqual(FRAME_WIDTH + 2);
    expect(body.startsWith('…')).toBe(true);
    const marker = lines[lines.indexOf(frame, at400) + 1];
    const at = marker.indexOf('^') - marker.indexOf('|') - 2;
    // The marker points at column 400 of the original line: 'x's all around it.
    expect(body[at]).toBe('x');
  });

  it('json and sarif are valid JSON that keeps the text exactly', () => {
    for (const format of ['json', 'sarif'] as const) {
      const out = formatLintReport(lintReport, format, { color: false });
      const text = JSON.stringify(JSON.parse(out));
      expect(text).toContain(JSON.stringify(`message ${HOSTILE}`).slice(1, -1));
    }
  });

  it('junit has no `]]>`, no raw `<` or `"` from the text, and the message escaped', () => {
    const out = formatLintReport(lintReport, 'junit', { color: false });
    expect(out).not.toContain(']]>');
    expect(out).not.toContain('<b>');
    expect(out).toContain(
      'message He said &quot;hi&quot; %%{init: {&quot;theme&quot;:&quot;dark&quot;}}%% ]]&gt;',
    );
  });

  it('github: one workflow command per finding, nothing raw', () => {
    const out = formatLintReport(lintReport, 'github', { color: false });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(lintReport.findings.length);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+.*::/);
  });
});

/** Every line Mermaid reads in a flowchart tact draws; a label may hold no `"`, `%`, backtick or tag. */
const LABEL = '"(?:[^"%`<>\\u0000-\\u001f]|<br/>)*"';
const ID = '[A-Za-z0-9_]+';
const SHAPES = [
  `\\[${LABEL}\\]`,
  `\\[/${LABEL}/\\]`,
  `\\{${LABEL}\\}`,
  `\\[\\[${LABEL}\\]\\]`,
  `\\{\\{${LABEL}\\}\\}`,
  `\\(\\[${LABEL}\\]\\)`,
];
const MERMAID_LINE = new RegExp(
  [
    '^flowchart TD$',
    `^ {2}start\\(\\(start\\)\\) --> ${ID}$`,
    `^ {2}subgraph ${ID}\\[${LABEL}\\]$`,
    `^ {4}${ID}(${SHAPES.join('|')})$`,
    '^ {2}end$',
    `^ {2}${ID}\\[${LABEL}\\]$`,
    `^ {2}${ID}>${LABEL}\\]$`,
    `^ {2}${ID} (-->|-\\.->)(\\|${LABEL}\\|)? ${ID}$`,
    '^ {2}classDef \\w+ [\\w:#,-]+$',
    `^ {2}class ${ID}(,${ID})* \\w+$`,
  ].join('|'),
);
const KEYWORDS = new Set([
  'end',
  'graph',
  'subgraph',
  'flowchart',
  'style',
  'class',
  'click',
  'call',
  'default',
]);

describe('graph: a hostile message, a flow called `end` and clashing step ids', () => {
  const project = lint([hostileProject()], { cwd: tmp }).project;

  it('mermaid: every line is one tact writes, labels carry the text as entity codes, ids are unique', () => {
    const out = renderDiagram(project, 'mermaid');
    for (const line of out.trimEnd().split('\n')) expect(line).toMatch(MERMAID_LINE);
    expect(out).toContain('#37;#37;#123;init'.replace('#123;', '{'));
    expect(out).toContain('#96;rm -rf#96;');
    expect(out).toContain('#60;b#62;x#60;/b#62;');
    expect(out).toContain('He said #34;hi#34;');
    const declared = [...out.matchAll(/^ {4}(\w+)[[{(]/gm)].map((m) => m[1]);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared).toEqual(expect.arrayContaining(['end__a_b', 'end__a_b_2', 'end__person']));
    const groups = [...out.matchAll(/^ {2}subgraph (\w+)\[/gm)].map((m) => m[1]);
    for (const g of groups) expect(KEYWORDS.has(g)).toBe(false);
  });

  it('dot: every quoted string is closed, nothing raw', () => {
    const out = renderDiagram(project, 'dot');
    expect(out).not.toMatch(RAW_CONTROL);
    // Outside quoted strings only ids, punctuation and attribute names.
    const unquoted = out.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/ -> /g, ' ');
    expect(unquoted).not.toMatch(/[%`<>]/);
    expect(unquoted.split('\n').every((l) => /^[\w\s[\]{};=,>"#-]*$/.test(l))).toBe(true);
  });

  const hasDot = spawnSync('dot', ['-V']).status === 0;
  it.skipIf(!hasDot)('dot: Graphviz reads it (runs where Graphviz is installed)', () => {
    const r = spawnSync('dot', ['-Tsvg'], { input: renderDiagram(project, 'dot'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('safe-text', () => {
  it('shows controls and bidi overrides, keeps tabs and line breaks', () => {
    expect(safeText('a\u001b[31mb\tc\nd\u202e')).toBe('a\\u001B[31mb\tc\nd\\u202E');
    expect(safeLine('a\n  b\r\nc')).toBe('a b c');
  });

  it('cuts a long line around the column', () => {
    const line = `${'a'.repeat(200)}X${'b'.repeat(200)}`;
    const cut = cutLine(line, 201, 60);
    expect(cut.text.length).toBe(62);
    expect(cut.text[cut.column - 1]).toBe('X');
    expect(cutLine('short', 3, 60)).toEqual({ text: 'short', column: 3, start: 0 });
  });
});
