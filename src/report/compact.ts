import type { LintReport } from '../rules/types.js';
import { formatPath, severityWord, sortFindings, toUri } from './lint-common.js';

/** One line per finding, `file:line:col: severity rule-id message [path: a → b]`, for grep and editors. */
export function formatCompact(report: LintReport): string {
  const lines = sortFindings(report.findings).map((f) => {
    // One finding, one line: a message with a line break would read as two findings.
    const message = f.message.replace(/\s*[\r\n]+\s*/g, ' ');
    const path = f.path && f.path.length > 0 ? ` [path: ${formatPath(f.path)}]` : '';
    return `${toUri(f.file)}:${f.line}:${f.column}: ${severityWord(f.severity)} ${f.ruleId} ${message}${path}`;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
