import type { Severity } from '../flow/types.js';
import type { Finding, LintReport, PathStep } from '../rules/types.js';

/** Options every lint formatter receives; the CLI decides `color` from NO_COLOR and the TTY. */
export interface LintFormatOptions {
  color: boolean;
}

/** Code-unit order, not locale order, so the output is the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings in the order every format uses: file, line, column, rule, then the rest as tie-breakers. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(toUri(a.file), toUri(b.file)) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.messageId, b.messageId) ||
      compareText(a.message, b.message),
  );
}

/** Every file of the run, linted or named by a finding, once each, sorted. */
export function listFiles(report: LintReport): string[] {
  const files = new Set(report.files.map(toUri));
  for (const finding of report.findings) files.add(toUri(finding.file));
  return [...files].sort(compareText);
}

/** The findings of each file (by `toUri` path), in their order: one pass, not one filter per file. */
export function findingsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const uri = toUri(f.file);
    const list = byFile.get(uri);
    if (list) list.push(f);
    else byFile.set(uri, [f]);
  }
  return byFile;
}

/** A file path as a relative URI reference: forward slashes, no leading `./`. */
export function toUri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

export interface SeverityCounts {
  error: number;
  warn: number;
  info: number;
}

/** Counted from the findings themselves, so a summary always agrees with what is listed. */
export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warn: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** The word a person reads for a severity (`warn` is the config spelling). */
export function severityWord(severity: Severity): 'error' | 'warning' | 'info' {
  return severity === 'warn' ? 'warning' : severity;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function flowOf(qualifiedStep: string): string {
  const slash = qualifiedStep.indexOf('/');
  return slash === -1 ? '' : qualifiedStep.slice(0, slash);
}

function shortStep(qualifiedStep: string): string {
  const slash = qualifiedStep.indexOf('/');
  return slash === -1 ? qualifiedStep : qualifiedStep.slice(slash + 1);
}

/**
 * The label of each step of a path: the short step id when the whole path stays in one flow
 * (`greet`), the qualified `flow/step` as soon as it crosses flows, so no label is ambiguous.
 */
export function pathLabels(path: readonly PathStep[]): string[] {
  const flows = new Set(path.map((s) => flowOf(s.step)));
  return path.map((s) => (flows.size > 1 ? s.step : shortStep(s.step)));
}

/** `greet → ask_order → ask_email` */
export function formatPath(path: readonly PathStep[]): string {
  return pathLabels(path).join(' → ');
}

/** Quoted evidence, `"great news", "!"`. */
export function formatEvidence(evidence: readonly string[]): string {
  return evidence.map((e) => JSON.stringify(e)).join(', ');
}

/** `file:line:col` */
export function formatLocation(pos: { file: string; line: number; column: number }): string {
  return `${toUri(pos.file)}:${pos.line}:${pos.column}`;
}
