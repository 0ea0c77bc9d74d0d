import type { SimReport } from '../../simulate/summary.js';

/**
 * What JSON.stringify leaves raw but no file should carry: DEL and the C1 controls (some terminals
 * act on them when the file is printed), the line and paragraph separators, the bidirectional
 * controls, and the non-characters U+FFFE/U+FFFF. They occur only inside strings, where a `\uXXXX`
 * escape reads back as the same character.
 */
const RAW = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

/**
 * `report.json`: the report as it is, two-space indented (schemas/sim-report.schema.json). C0
 * controls and lone surrogates are escaped by JSON.stringify, the rest of RAW here: any text is
 * safe to print, and parses back to exactly what was written.
 */
export function formatSimJson(report: SimReport): string {
  const json = JSON.stringify(report, null, 2).replace(
    RAW,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}
