import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { TactError } from '../errors.js';
import { ownRequire } from '../own-files.js';
import { SIM_REPORT_FORMAT, SIM_REPORT_VERSION, type SimReport, summarize } from './summary.js';
import type { ConversationResult } from './types.js';

let validator: ValidateFunction | undefined;

/** schemas/sim-report.schema.json, compiled once. */
function validateReport(json: unknown): string | undefined {
  validator ??= new Ajv2020.default({ allErrors: false, strict: false }).compile(
    ownRequire('../schemas/sim-report.schema.json'),
  );
  if (validator(json)) return undefined;
  const e = validator.errors?.[0];
  return e ? `${e.instancePath || '/'} ${e.message}` : 'it does not match';
}

function readReport(dir: string): SimReport {
  const file = path.join(dir, 'report.json');
  let json: SimReport;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as SimReport;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new TactError(
      `cannot read ${file}: ${e.code ?? e.message.split('\n')[0]}`,
      2,
      'give folders written by `tact simulate --report`',
    );
  }
  if (json?.format !== SIM_REPORT_FORMAT || json.version !== SIM_REPORT_VERSION)
    throw new TactError(
      `${file} is not a tact simulation report (format ${SIM_REPORT_FORMAT} version ${SIM_REPORT_VERSION})`,
      2,
      'give folders written by `tact simulate --report`',
    );
  // Every report kind is written again from what is read here: a report that does not have the
  // documented shape (edited, truncated, from another version) is refused, not half-rendered.
  const problem = validateReport(json);
  if (problem)
    throw new TactError(
      `${file} does not match schemas/sim-report.schema.json: ${problem}`,
      2,
      'give folders written by `tact simulate --report` with this version of tact',
    );
  return json;
}

/**
 * Join shard reports (or reports of separate runs of the same bot) into one: conversations are
 * put together, and pass rates, outcomes and coverage computed again over all of them. Refuses
 * reports of different bots, and a conversation that two reports both hold.
 */
export function mergeReports(reports: { dir: string; report: SimReport }[]): SimReport {
  if (reports.length === 0) throw new TactError('nothing to merge', 2, 'give the report folders');
  const first = reports[0];
  const seen = new Map<string, string>();
  const conversations: ConversationResult[] = [];
  const personas = new Map<string, SimReport['personas'][number]>();
  let notRun = 0;
  for (const { dir, report } of reports) {
    if (report.bot.hash !== first.report.bot.hash)
      throw new TactError(
        `${dir} is a report of another bot (${report.bot.hash.slice(0, 19)}…, not ${first.report.bot.hash.slice(0, 19)}…)`,
        2,
        'merge shards of one run: compile the same flows for every shard',
      );
    for (const c of report.conversations) {
      const other = seen.get(c.id);
      if (other)
        throw new TactError(
          `conversation ${c.id} is in both ${other} and ${dir}`,
          2,
          'merge the shards of one run, each once (--shard 1/N … N/N)',
        );
      seen.set(c.id, dir);
      conversations.push(c);
    }
    for (const p of report.personas) if (!personas.has(p.id)) personas.set(p.id, p);
    notRun += report.summary.notRun;
  }
  const shards = reports.flatMap((r) => r.report.settings.shards ?? []);
  return summarize({
    bot: first.report.bot,
    engine: first.report.engine,
    settings: {
      ...first.report.settings,
      runs: Math.max(...reports.map((r) => r.report.settings.runs)),
      ...(shards.length > 0 ? { shards: shards.sort((a, b) => a.index - b.index) } : { shards: undefined }),
    },
    personas: [...personas.values()],
    conversations,
    notRun,
  });
}

/** Read `report.json` from each folder and merge them. */
export function mergeReportDirs(dirs: string[]): SimReport {
  return mergeReports(dirs.map((dir) => ({ dir, report: readReport(dir) })));
}
