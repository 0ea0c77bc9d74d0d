import { type BabelCodeFrameOptions, codeFrameColumns } from '@babel/code-frame';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, LintReport } from '../rules/types.js';
import {
  countSeverities,
  formatEvidence,
  formatLocation,
  formatPath,
  type LintFormatOptions,
  plural,
  severityWord,
  sortFindings,
  toUri,
} from './lint-common.js';
import { cutLine, safeLine, safeText } from './safe-text.js';

const LINES_AROUND = 1;
/** The widest a code-frame line gets; a longer one is cut around the finding's column. */
export const FRAME_WIDTH = 120;
const NEWLINE = /\r\n|[\n\r\u2028\u2029]/;

/**
 * The human format: findings grouped by file, each with a code frame of its YAML line, the path
 * that proves it and the evidence, then a one-line summary. Empty when there is nothing to report.
 */
export function formatStylish(report: LintReport, options: LintFormatOptions): string {
  if (report.findings.length === 0) return '';
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const findings = sortFindings(report.findings);
  const sources = new Map(Object.entries(report.sources).map(([file, text]) => [toUri(file), text]));

  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const file = toUri(finding.file);
    const group = byFile.get(file);
    if (group) group.push(finding);
    else byFile.set(file, [finding]);
  }

  const out: string[] = [];
  for (const [file, group] of byFile) {
    out.push('', c.underline(safeLine(file)));
    const locWidth = Math.max(...group.map((f) => `${f.line}:${f.column}`.length));
    const sevWidth = Math.max(...group.map((f) => severityWord(f.severity).length));
    for (const finding of group)
      out.push(...formatFinding(finding, sources.get(file), locWidth, sevWidth, c));
  }
  out.push('', summaryLine(findings, c), '');
  return out.join('\n');
}

function formatFinding(
  finding: Finding,
  source: string | undefined,
  locWidth: number,
  sevWidth: number,
  c: ChalkInstance,
): string[] {
  const loc = `${finding.line}:${finding.column}`.padEnd(locWidth);
  const word = severityWord(finding.severity);
  const severity = paintSeverity(word, c) + ' '.repeat(sevWidth - word.length);
  const lines = [`  ${c.dim(loc)}  ${severity}  ${safeLine(finding.message)}  ${c.dim(finding.ruleId)}`];

  const frame = source === undefined ? undefined : codeFrame(source, finding);
  if (frame) lines.push(...frame.split('\n').map((l) => `    ${paintFrameLine(l, c)}`));
  if (finding.path && finding.path.length > 0)
    lines.push(`    ${c.dim('path:')} ${safeLine(formatPath(finding.path))}`);
  if (finding.evidence && finding.evidence.length > 0) {
    lines.push(`    ${c.dim('evidence:')} ${safeLine(formatEvidence(finding.evidence))}`);
  }
  for (const related of finding.related ?? []) {
    lines.push(
      `    ${c.dim('related:')} ${safeLine(formatLocation(related.pos))}  ${safeLine(related.message)}`,
    );
  }
  return lines;
}

function paintSeverity(word: 'error' | 'warning' | 'info', c: ChalkInstance): string {
  if (word === 'error') return c.red(word);
  if (word === 'warning') return c.yellow(word);
  return c.blue(word);
}

/**
 * A frame of the finding's line with one line either side. Only those lines are handed to
 * code-frame, so a stray quote elsewhere in the file cannot colour the whole frame, and big files
 * are not re-highlighted once per finding. A span over several lines is marked at its start only:
 * the frame points at the node, it does not reprint it.
 */
function codeFrame(source: string, finding: Finding): string | undefined {
  const all = source.split(NEWLINE);
  if (finding.line < 1 || finding.line > all.length) return undefined;
  const first = Math.max(1, finding.line - LINES_AROUND);
  const last = Math.min(all.length, finding.line + LINES_AROUND);
  // Control characters shown as \uXXXX move the columns after them: map the finding's columns.
  const raw = all[finding.line - 1];
  const shown = (col: number) =>
    safeText(raw.slice(0, Math.max(0, col - 1))).length + 1 + Math.max(0, col - 1 - raw.length);
  const cut = cutLine(safeText(raw), shown(finding.column), FRAME_WIDTH);
  const lines = all
    .slice(first - 1, last)
    .map((l, i) =>
      first + i === finding.line ? cut.text : cutLine(safeText(l), 1, FRAME_WIDTH, cut.start).text,
    );
  const text = lines.join('\n');
  // With `startLine`, code-frame takes locations in file numbering.
  const line = finding.line;
  const sameLineEnd =
    (finding.endLine === undefined || finding.endLine === finding.line) &&
    finding.endColumn !== undefined &&
    finding.endColumn > finding.column;
  const end = sameLineEnd ? shown(finding.endColumn!) - cut.start + (cut.start > 0 ? 1 : 0) : undefined;
  // A cut line ends in `…`: the marker stops there.
  const endColumn =
    end !== undefined && cut.text.endsWith('…') && cut.text !== raw ? Math.min(end, cut.text.length) : end;
  // `startLine` numbers the sliced lines as in the file; @babel/code-frame supports it, its types lag.
  const frameOptions: BabelCodeFrameOptions & { startLine: number } = {
    startLine: first,
    linesAbove: LINES_AROUND,
    linesBelow: LINES_AROUND,
    // Never code-frame's own colours: it highlights as JavaScript (an apostrophe in a YAML message
    // opens a "string", capitalised words turn yellow) and asks the terminal itself whether to
    // colour, where the caller decides. paintFrameLine colours the gutter and marker instead.
    highlightCode: false,
  };
  return codeFrameColumns(
    text,
    {
      start: { line, column: cut.column },
      end: endColumn !== undefined && endColumn > cut.column ? { line, column: endColumn } : undefined,
    },
    frameOptions,
  );
}

/** Colours one line of a plain code frame: the `>` and the `^` marker red, the gutter dim. */
function paintFrameLine(line: string, c: ChalkInstance): string {
  const match = /^([> ])( [ \d]* \|)(.*)$/.exec(line);
  if (!match || c.level === 0) return line;
  const [, pointer, gutter, rest] = match;
  const marker = /^(\s*)(\^+)$/.exec(rest);
  const body = marker && !/\d/.test(gutter) ? marker[1] + c.red.bold(marker[2]) : rest;
  return (pointer === '>' ? c.red.bold(pointer) : pointer) + c.dim(gutter) + body;
}

function summaryLine(findings: readonly Finding[], c: ChalkInstance): string {
  const counts = countSeverities(findings);
  const text =
    `✖ ${plural(findings.length, 'problem')} ` +
    `(${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')}, ${plural(counts.info, 'info')})`;
  if (counts.error > 0) return c.red.bold(text);
  if (counts.warn > 0) return c.yellow.bold(text);
  return c.blue.bold(text);
}
