import type { Severity } from '../flow/types.js';
import { ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from '../meta.js';
import type { Finding, LintReport } from '../rules/types.js';
import { countSeverities, findingsByFile, listFiles, sortFindings, toUri } from './lint-common.js';
import { safeJson } from './safe-text.js';

/**
 * Version of the JSON shape (schemas/report.schema.json). Fields may be added within a version;
 * a field is only renamed, removed or changes meaning with a new version.
 */
export const LINT_JSON_VERSION = 1;

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface JsonPathStep {
  /** Qualified step id (`flow/step`). */
  step: string;
  file: string;
  line: number;
  column: number;
}

export interface JsonRelated extends JsonLocation {
  message: string;
}

export interface JsonFinding extends JsonLocation {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  path?: JsonPathStep[];
  related?: JsonRelated[];
  evidence?: string[];
  docs: string;
}

export interface JsonFileSummary {
  path: string;
  errors: number;
  warnings: number;
  infos: number;
}

/** The document `tact lint --format json` writes. */
export interface JsonLintReport {
  version: typeof LINT_JSON_VERSION;
  kind: 'lint';
  tool: { name: string; version: string };
  summary: { files: number; problems: number; errors: number; warnings: number; infos: number };
  files: JsonFileSummary[];
  findings: JsonFinding[];
}

/** The lint report as a plain object in the documented JSON shape, sorted deterministically. */
export function toJsonLintReport(report: LintReport): JsonLintReport {
  const findings = sortFindings(report.findings);
  const counts = countSeverities(findings);
  const byFile = findingsByFile(findings);
  const files = listFiles(report).map((path): JsonFileSummary => {
    const own = countSeverities(byFile.get(path) ?? []);
    return { path, errors: own.error, warnings: own.warn, infos: own.info };
  });
  return {
    version: LINT_JSON_VERSION,
    kind: 'lint',
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    summary: {
      files: files.length,
      problems: findings.length,
      errors: counts.error,
      warnings: counts.warn,
      infos: counts.info,
    },
    files,
    findings: findings.map(toJsonFinding),
  };
}

/** `tact lint --format json`: the documented shape, two-space indented, with a final newline. */
export function formatJson(report: LintReport): string {
  return `${safeJson(JSON.stringify(toJsonLintReport(report), null, 2))}\n`;
}

function location(pos: JsonLocation): JsonLocation {
  const out: JsonLocation = { file: toUri(pos.file), line: pos.line, column: pos.column };
  if (pos.endLine !== undefined) out.endLine = pos.endLine;
  if (pos.endColumn !== undefined) out.endColumn = pos.endColumn;
  return out;
}

function toJsonFinding(finding: Finding): JsonFinding {
  // Keys in a fixed order, optional ones only when present, so diffs of two runs stay small.
  const out: Omit<JsonFinding, 'docs'> = {
    ruleId: finding.ruleId,
    messageId: finding.messageId,
    severity: finding.severity,
    message: finding.message,
    ...location(finding),
  };
  if (finding.path && finding.path.length > 0) {
    out.path = finding.path.map((s) => ({
      step: s.step,
      file: toUri(s.pos.file),
      line: s.pos.line,
      column: s.pos.column,
    }));
  }
  if (finding.related && finding.related.length > 0) {
    out.related = finding.related.map((r) => ({ ...location(r.pos), message: r.message }));
  }
  if (finding.evidence && finding.evidence.length > 0) out.evidence = [...finding.evidence];
  return { ...out, docs: ruleDocsUrl(finding.ruleId) };
}
