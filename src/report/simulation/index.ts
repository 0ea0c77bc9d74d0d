import path from 'node:path';
import type { SimReport } from '../../simulate/summary.js';

/** The files `--report DIR` writes, by path relative to DIR. */
export function simReportFiles(report: SimReport): Map<string, string> {
  const files = new Map<string, string>();
  files.set('report.json', `${JSON.stringify(report, null, 2)}\n`);
  return files;
}

/** Where each report file goes. */
export function reportPath(dir: string, file: string): string {
  return path.join(dir, ...file.split('/'));
}
