import type { LintReport } from '../rules/types.js';
import { formatPath, severityWord, sortFindings, toUri } from './lint-common.js';
import { safeLine } from './safe-text.js';

/** One line per finding, `file:line:col: severity rule-id message [path: a → b]`, for grep and editors. */
export function formatCompact(report: LintReport): string {
  const lines = sortFindings(report.findings).map((f) => {
    // One finding, one line: a message with a line break would read as two findings.
    const message = safeLine(f.message);
    const path = f.path && f.path.length > 0 ? ` [path: ${safeLine(formatPath(f.path))}]` : '';
    return `${safeLine(toUri(f.file))}:${f.line}:${f.column}: ${severityWord(f.severity)} ${f.ruleId} ${message}${path}`;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
