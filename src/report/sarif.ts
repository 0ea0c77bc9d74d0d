import { createHash } from 'node:crypto';
import type { Pos, Severity } from '../flow/types.js';
import { HOMEPAGE, ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from '../meta.js';
import type { Finding, LintReport, RuleMeta } from '../rules/types.js';
import { formatPath, listFiles, pathLabels, sortFindings, toUri } from './lint-common.js';
import { safeJson } from './safe-text.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Key of our own fingerprint in `partialFingerprints`; the suffix versions the recipe. */
const FINGERPRINT_KEY = 'tactFindingHash/v1';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warn: 'warning', info: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId: string;
  index?: number;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region: Region;
}

interface SarifLocation {
  id?: number;
  physicalLocation: PhysicalLocation;
  message?: { text: string };
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel; enabled?: boolean };
  properties: { tags: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  codeFlows?: {
    message: { text: string };
    threadFlows: { locations: { location: SarifLocation }[] }[];
  }[];
  relatedLocations?: SarifLocation[];
}

/** The SARIF 2.1.0 log `tact lint --format sarif` writes (the parts tact fills in). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: ReportingDescriptor[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string; description?: { text: string } }>;
    artifacts: { location: ArtifactLocation }[];
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

/**
 * The lint report as a SARIF 2.1.0 log that GitHub code scanning accepts: every rule of the run
 * (so `ruleIndex` is stable), one result per finding, the proving path as a code flow.
 */
export function toSarifLog(report: LintReport): SarifLog {
  const findings = sortFindings(report.findings);
  const rules = ruleDescriptors(report, findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const files = listFiles(report);
  const artifactIndex = new Map(files.map((f, i) => [f, i]));

  const physical = (pos: Pos): PhysicalLocation => {
    const file = toUri(pos.file);
    const artifactLocation: ArtifactLocation = { uri: encodeRelativeUri(file), uriBaseId: SRCROOT };
    const index = artifactIndex.get(file);
    if (index !== undefined) artifactLocation.index = index;
    return { artifactLocation, region: region(pos) };
  };

  const occurrences = new Map<string, number>();
  const results = findings.map((finding): SarifResult => {
    const key = [finding.ruleId, toUri(finding.file), finding.message].join('\u0000');
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const result: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: physical(finding) }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(key, occurrence) },
    };
    if (finding.path && finding.path.length > 0) {
      const labels = pathLabels(finding.path);
      result.codeFlows = [
        {
          message: { text: formatPath(finding.path) },
          threadFlows: [
            {
              locations: finding.path.map((step, i) => ({
                location: { physicalLocation: physical(step.pos), message: { text: labels[i] } },
              })),
            },
          ],
        },
      ];
    }
    if (finding.related && finding.related.length > 0) {
      result.relatedLocations = finding.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: physical(r.pos),
        message: { text: r.message },
      }));
    }
    return result;
  });

  const root = directoryUri(report.cwd);
  const run: SarifLog['runs'][number] = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: TOOL_VERSION,
        semanticVersion: TOOL_VERSION,
        informationUri: HOMEPAGE,
        rules,
      },
    },
    ...(root && {
      originalUriBaseIds: { [SRCROOT]: { uri: root, description: { text: 'The folder tact lint ran in.' } } },
    }),
    artifacts: files.map((file) => ({ location: { uri: encodeRelativeUri(file), uriBaseId: SRCROOT } })),
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/** `tact lint --format sarif`: the SARIF log, two-space indented, with a final newline. */
export function formatSarif(report: LintReport): string {
  return `${safeJson(JSON.stringify(toSarifLog(report), null, 2))}\n`;
}

function region(pos: Pos): Region {
  // SARIF (and so the code scanning upload) rejects a line or column below 1: clamp rather than lose the log.
  const out: Region = { startLine: Math.max(1, pos.line), startColumn: Math.max(1, pos.column) };
  if (pos.endLine !== undefined) out.endLine = pos.endLine;
  if (pos.endColumn !== undefined) out.endColumn = pos.endColumn;
  return out;
}

/**
 * Stable across edits that only move the finding: rule, file and message, not the line. The
 * occurrence number keeps two equal findings in one file apart, in line order.
 */
function fingerprint(key: string, occurrence: number): string {
  return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex');
}

/** Rules in the report's order, then any rule a finding names that the report does not list. */
function ruleDescriptors(report: LintReport, findings: readonly Finding[]): ReportingDescriptor[] {
  const seen = new Set<string>();
  const out: ReportingDescriptor[] = [];
  for (const meta of report.rules) {
    if (seen.has(meta.id)) continue;
    seen.add(meta.id);
    out.push(describeRule(meta, report.severities[meta.id]));
  }
  const unknown = [...new Set(findings.map((f) => f.ruleId))].filter((id) => !seen.has(id)).sort();
  for (const id of unknown) {
    const severity = findings.find((f) => f.ruleId === id)!.severity;
    out.push(
      describeRule(
        {
          id,
          category: 'structure',
          severity,
          description: `Findings of rule ${id}.`,
          docs: '',
          optionsSchema: {},
          defaultOptions: {},
          messages: {},
        },
        undefined,
      ),
    );
  }
  return out;
}

function describeRule(
  meta: RuleMeta,
  setting: LintReport['severities'][string] | undefined,
): ReportingDescriptor {
  const docs = ruleDocsUrl(meta.id);
  const inForce = setting ?? meta.severity;
  const defaultConfiguration: ReportingDescriptor['defaultConfiguration'] =
    inForce === 'off' ? { level: LEVELS[meta.severity], enabled: false } : { level: LEVELS[inForce] };
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: {
      text: `${meta.description} (${meta.category} rule, default severity ${meta.severity})`,
    },
    help: {
      text: `${meta.description}\n\nSee ${docs}`,
      markdown: `${meta.description}\n\nCategory: ${meta.category}. Default severity: \`${meta.severity}\`.\n\n[Rule documentation](${docs})`,
    },
    helpUri: docs,
    defaultConfiguration,
    properties: { tags: [meta.category] },
  };
}

/** `human-exit` → `HumanExit` */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function encodeRelativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The working directory as a `file:` URI ending in `/`, or undefined when it is not absolute. */
function directoryUri(cwd: string): string | undefined {
  let path = cwd.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(path)) path = `/${path}`;
  if (!path.startsWith('/')) return undefined;
  const encoded = path
    .split('/')
    .map((segment, i) => (i === 1 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  return `file://${encoded.endsWith('/') ? encoded : `${encoded}/`}`;
}
