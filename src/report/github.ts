import type { Severity } from '../flow/types.js';
import type { Finding, LintReport } from '../rules/types.js';
import { formatEvidence, formatPath, sortFindings, toUri } from './lint-common.js';
import { safeText } from './safe-text.js';

const COMMANDS: Record<Severity, string> = { error: 'error', warn: 'warning', info: 'notice' };

/** Escaping of a workflow command's message (the part after `::`), as the Actions runner reads it. */
export function escapeCommandData(text: string): string {
  // Control characters and escape sequences are shown, never passed to the log viewer raw.
  return safeText(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value: the data escapes plus `:` and `,`. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one annotation per finding
 * (`::error file=F,line=L,col=C,title=tact(rule)::message`), the path on a second line.
 */
export function formatGithub(report: LintReport): string {
  const lines = sortFindings(report.findings).map(formatCommand);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function formatCommand(finding: Finding): string {
  const props: [string, string | number][] = [
    ['file', toUri(finding.file)],
    ['line', finding.line],
    ['col', finding.column],
  ];
  const endLine = finding.endLine ?? finding.line;
  if (finding.endLine !== undefined) props.push(['endLine', finding.endLine]);
  // GitHub reads columns only when the annotation starts and ends on the same line.
  if (finding.endColumn !== undefined && endLine === finding.line)
    props.push(['endColumn', finding.endColumn]);
  props.push(['title', `tact(${finding.ruleId})`]);

  const message = [finding.message];
  if (finding.path && finding.path.length > 0) message.push(`path: ${formatPath(finding.path)}`);
  if (finding.evidence && finding.evidence.length > 0) {
    message.push(`evidence: ${formatEvidence(finding.evidence)}`);
  }
  const properties = props.map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`).join(',');
  return `::${COMMANDS[finding.severity]} ${properties}::${escapeCommandData(message.join('\n'))}`;
}
