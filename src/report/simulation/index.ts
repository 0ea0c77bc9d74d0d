import path from 'node:path';
import type { SimReport } from '../../simulate/summary.js';
import { transcriptPath } from './common.js';
import { formatSimHtml } from './html.js';
import { formatSimJson } from './json.js';
import { formatSimJunit } from './junit.js';
import { formatSimTranscript } from './markdown.js';

export { conversationSlug, transcriptPath } from './common.js';
export { SIM_REPORT_CSP } from './html.js';
export { formatSimHtml, formatSimJson, formatSimJunit, formatSimTranscript };

/**
 * The files `--report DIR` writes, by path relative to DIR: report.json, junit.xml, report.html
 * and one Markdown transcript per conversation. Pure: the same report gives the same files.
 */
export function simReportFiles(report: SimReport): Map<string, string> {
  const files = new Map<string, string>();
  files.set('report.json', formatSimJson(report));
  files.set('junit.xml', formatSimJunit(report));
  files.set('report.html', formatSimHtml(report));
  for (const c of report.conversations) {
    let file = transcriptPath(c.id);
    // Ids are unique in a report and so, all but surely, are their slugs; should two meet, the
    // later one gets another name rather than overwriting the first.
    for (let n = 2; files.has(file); n++) file = transcriptPath(`${c.id}~${n}`);
    files.set(file, formatSimTranscript(report, c));
  }
  return files;
}

/** Where each report file goes. */
export function reportPath(dir: string, file: string): string {
  return path.join(dir, ...file.split('/'));
}
