import type { LintReport } from '../rules/types.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { LintFormatOptions } from './lint-common.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export type { JsonFinding, JsonLintReport } from './json.js';
export { LINT_JSON_VERSION, toJsonLintReport } from './json.js';
export type { LintFormatOptions } from './lint-common.js';
export type { SarifLog } from './sarif.js';
export { toSarifLog } from './sarif.js';

export type LintFormat = 'stylish' | 'compact' | 'json' | 'sarif' | 'junit' | 'github';

/** Every `--format` of `tact lint`, the default first. */
export const LINT_FORMATS: readonly LintFormat[] = ['stylish', 'compact', 'json', 'sarif', 'junit', 'github'];

/** True when `name` is one of LINT_FORMATS (for validating `--format`). */
export function isLintFormat(name: string): name is LintFormat {
  return (LINT_FORMATS as readonly string[]).includes(name);
}

/**
 * Renders a lint report in one of the output formats. Pure: no I/O, no environment; the caller
 * decides `color` (only stylish uses it). Non-empty output ends with a newline; stylish, compact
 * and github return the empty string when there are no findings, the document formats
 * (json, sarif, junit) always return a whole document.
 */
export function formatLintReport(report: LintReport, format: LintFormat, options: LintFormatOptions): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, options);
    case 'compact':
      return formatCompact(report);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report);
    case 'github':
      return formatGithub(report);
  }
}
