import type { Finding, LintReport } from '../rules/types.js';
import {
  findingsByFile,
  formatEvidence,
  formatLocation,
  formatPath,
  listFiles,
  severityWord,
  sortFindings,
  toUri,
} from './lint-common.js';
import { safeText } from './safe-text.js';

const CLEAN_TESTCASE = 'tact lint';

/**
 * Characters XML 1.0 cannot carry at all, not even as `&#n;`: C0 controls other than tab, LF and CR,
 * U+FFFE/U+FFFF and lone surrogates.
 */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shows what XML cannot carry as visible `\uXXXX`, so the document stays well-formed and nothing vanishes. */
function replaceNonXml(text: string): string {
  // Also C1 controls and bidi overrides, valid XML but read by a terminal that prints the file.
  return safeText(text).replace(
    NOT_XML,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Text content: `&` and `<` must be escaped, `>` is for `]]>`. */
export function escapeXmlText(text: string): string {
  return replaceNonXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; whitespace as character references, as a parser would normalise it. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

/**
 * JUnit XML: one testsuite per linted file (clean files too, with one passing testcase), one failing
 * testcase per finding, whatever its severity.
 */
export function formatJunit(report: LintReport): string {
  const findings = sortFindings(report.findings);
  const files = listFiles(report);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = findings.length + cleanCount(files, findings);
  out.push(`<testsuites${attributes({ name: 'tact lint', tests, failures: findings.length, errors: 0 })}>`);
  const byFile = findingsByFile(findings);
  for (const file of files) {
    const own = byFile.get(file) ?? [];
    const tests = own.length === 0 ? 1 : own.length;
    out.push(
      `  <testsuite${attributes({ name: file, tests, failures: own.length, errors: 0, skipped: 0, time: 0 })}>`,
    );
    if (own.length === 0) {
      out.push(`    <testcase${attributes({ classname: file, name: CLEAN_TESTCASE, file, time: 0 })} />`);
    }
    for (const finding of own) out.push(...formatTestcase(finding));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function cleanCount(files: readonly string[], findings: readonly Finding[]): number {
  const withFindings = new Set(findings.map((f) => toUri(f.file)));
  return files.filter((f) => !withFindings.has(f)).length;
}

function formatTestcase(finding: Finding): string[] {
  const file = toUri(finding.file);
  const body = [formatLocation(finding), `rule: ${finding.ruleId}`, `message: ${finding.message}`];
  if (finding.path && finding.path.length > 0) body.push(`path: ${formatPath(finding.path)}`);
  if (finding.evidence && finding.evidence.length > 0) {
    body.push(`evidence: ${formatEvidence(finding.evidence)}`);
  }
  for (const related of finding.related ?? []) {
    body.push(`related: ${formatLocation(related.pos)} ${related.message}`);
  }
  const testcase = attributes({
    classname: file,
    name: `${finding.ruleId} (${finding.line}:${finding.column})`,
    file,
    line: finding.line,
    time: 0,
  });
  const failure = attributes({ message: finding.message, type: severityWord(finding.severity) });
  return [
    `    <testcase${testcase}>`,
    `      <failure${failure}>${escapeXmlText(body.join('\n'))}</failure>`,
    '    </testcase>',
  ];
}
