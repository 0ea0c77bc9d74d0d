#!/usr/bin/env node
// The rules on real bots nobody here wrote (../shared/data/real-bots, or TACT_DATA_DIR): each bot
// is linted with the BUILT code (run `npm run build` first), and its findings are checked against
// a judgment written by hand in eval/real-bots/<bot>.yaml: for each finding, is it a real problem
// for a customer (true) or a false alarm (false); and the problems a careful reviewer sees there,
// each with the rule that should find it and where. A finding is keyed by its rule, place, message
// id and a hash of its message, so a finding whose message or place changes shows as unjudged
// rather than silently taking an old judgment.
//
//   npm run build && node scripts/eval-real-bots.js     (--unjudged prints the keys to judge)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { defaultDataDir, formatTable } from './eval-sentiment.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JUDGMENTS = join(REPO_ROOT, 'eval', 'real-bots');

/** The key a judgment file uses for one finding: `rule file:line:column messageId #hash`. */
export function findingKey(f, botDir, cwd) {
  const file = relative(botDir, resolve(cwd, f.file)).split('\\').join('/');
  const hash = createHash('sha256').update(f.message).digest('hex').slice(0, 8);
  return `${f.ruleId} ${file}:${f.line}:${f.column} ${f.messageId} #${hash}`;
}

/** The bots of the data folder: folders with a tact.config.yaml or a flows/ folder. */
function botsIn(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter((name) => existsSync(join(dir, name, 'tact.config.yaml')) || existsSync(join(dir, name, 'flows')))
    .sort();
}

/**
 * Lint every real bot and score its findings against its judgment file.
 * @returns {Promise<{bots: object[], text: string, skipped?: string}>}
 */
export async function evalRealBots({
  dataDir = defaultDataDir(),
  root = REPO_ROOT,
  judgments = JUDGMENTS,
} = {}) {
  const folder = join(dataDir, 'real-bots');
  const names = botsIn(folder);
  if (names.length === 0) {
    const skipped = `skip real-bots eval: no bots in ${folder} (set TACT_DATA_DIR to the shared data folder)`;
    return { skipped, bots: [], text: skipped };
  }
  const { lint } = await import(pathToFileURL(join(root, 'dist', 'lint.js')).href);
  const bots = [];
  const lines = [];
  for (const name of names) {
    const botDir = join(folder, name);
    const report = lint([botDir], { cwd: botDir });
    const judgmentFile = join(judgments, `${name}.yaml`);
    const judgment = existsSync(judgmentFile) ? (parse(readFileSync(judgmentFile, 'utf8')) ?? {}) : {};
    const verdicts = new Map((judgment.findings ?? []).map((j) => [j.key, j.real]));
    const findings = report.findings.map((f) => {
      const key = findingKey(f, botDir, botDir);
      return { ...f, key, real: verdicts.has(key) ? verdicts.get(key) : undefined };
    });
    const byRule = new Map();
    for (const f of findings) {
      const r = byRule.get(f.ruleId) ?? { rule: f.ruleId, findings: 0, real: 0, falseAlarms: 0, unjudged: 0 };
      r.findings += 1;
      if (f.real === true) r.real += 1;
      else if (f.real === false) r.falseAlarms += 1;
      else r.unjudged += 1;
      byRule.set(f.ruleId, r);
    }
    // A miss is caught when a finding judged real names its rule at its place (file, and line if given).
    const misses = (judgment.misses ?? []).map((m) => {
      const caught = findings.some(
        (f) =>
          f.real === true &&
          f.ruleId === m.rule &&
          f.key.split(' ')[1].startsWith(`${m.file}:${m.line !== undefined ? `${m.line}:` : ''}`),
      );
      return { ...m, caught };
    });
    const rows = [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
    const total = rows.reduce(
      (t, r) => ({
        findings: t.findings + r.findings,
        real: t.real + r.real,
        falseAlarms: t.falseAlarms + r.falseAlarms,
        unjudged: t.unjudged + r.unjudged,
      }),
      { findings: 0, real: 0, falseAlarms: 0, unjudged: 0 },
    );
    const judged = total.real + total.falseAlarms;
    const precision = judged > 0 ? total.real / judged : Number.NaN;
    const caught = misses.filter((m) => m.caught).length;
    bots.push({ name, rows, total, precision, misses, findings });

    if (lines.length > 0) lines.push('');
    lines.push(
      `${name}: ${total.findings} findings, precision ${fmt(precision)} (${total.real} real of ${judged} judged, ${total.unjudged} unjudged); reviewer's problems found ${caught} of ${misses.length}`,
    );
    lines.push(
      formatTable(
        ['rule', 'findings', 'real', 'false', 'unjudged'],
        [...rows, { rule: 'all', ...total }].map((r) => [
          r.rule,
          r.findings,
          r.real,
          r.falseAlarms,
          r.unjudged,
        ]),
      ),
    );
    const open = misses.filter((m) => !m.caught);
    if (open.length > 0)
      lines.push(
        'missed:',
        ...open.map((m) => `  ${m.rule} ${m.file}${m.line !== undefined ? `:${m.line}` : ''}: ${m.what}`),
      );
    const unjudged = findings.filter((f) => f.real === undefined);
    if (unjudged.length > 0) lines.push('unjudged:', ...unjudged.map((f) => `  ${f.key}  ${f.message}`));
  }
  const all = bots.reduce(
    (t, b) => ({
      real: t.real + b.total.real,
      judged: t.judged + b.total.real + b.total.falseAlarms,
      misses: t.misses + b.misses.length,
      caught: t.caught + b.misses.filter((m) => m.caught).length,
    }),
    { real: 0, judged: 0, misses: 0, caught: 0 },
  );
  lines.push(
    '',
    `all bots: precision ${fmt(all.judged > 0 ? all.real / all.judged : Number.NaN)} (${all.real} of ${all.judged}); reviewer's problems found ${all.caught} of ${all.misses}`,
  );
  return { bots, text: lines.join('\n') };
}

const fmt = (x) => (Number.isNaN(x) ? '-' : x.toFixed(3));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await evalRealBots();
  console.log(result.text);
}
