import type { SimReport } from '../../simulate/summary.js';

/**
 * `report.json`: the report as it is, two-space indented (schemas/sim-report.schema.json).
 * JSON.stringify escapes control characters and lone surrogates, so any text is safe here.
 */
export function formatSimJson(report: SimReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
