#!/usr/bin/env node
// Measures tact's bot-tone analyzer on the labelled bot messages in fixtures/tone/ (tone.tsv, and
// tone-holdout.tsv, written after the analyzer was tuned: its first run read 37 of 40 right, and the
// three gaps it showed were then closed; and tone-independent.tsv, 60 messages written by someone
// who had not read the analyzer's patterns, never tuned on: the honest figure), and
// checks the real brand replies to upset customers in the shared data (none should read as upbeat
// or blunt). Reads the BUILT code: run `npm run build` first.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultDataDir, formatTable, readTsv, score } from './eval-sentiment.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TONES = ['empathetic', 'upbeat', 'neutral', 'blunt'];
const FIXTURES = ['tone.tsv', 'tone-holdout.tsv', 'tone-independent.tsv'].map((f) =>
  join(REPO_ROOT, 'fixtures', 'tone', f),
);
const REPLIES = join('replies', 'brand-replies.tsv');

/**
 * Accuracy and per-tone precision/recall on the fixture, plus the brand-reply check.
 * @returns {Promise<{rows: object[], accuracy: number, brandReplies: object, text: string}>}
 */
export async function evalTone({ dataDir = defaultDataDir(), fixtures = FIXTURES } = {}) {
  const { analyzeTone } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'analysis', 'tone.js')).href);
  const f = (x) => x.toFixed(3);
  const lines = [];
  const sets = [];
  for (const fixture of fixtures) {
    const data = readTsv(fixture);
    const gold = data.map((r) => r.tone);
    const predicted = data.map((r) => analyzeTone(r.text).tone);
    const { accuracy, macroF1, byLabel } = score(gold, predicted, TONES);
    const rows = TONES.map((tone) => ({
      tone,
      n: gold.filter((g) => g === tone).length,
      precision: byLabel[tone].precision,
      recall: byLabel[tone].recall,
    }));
    const name = fixture.slice(REPO_ROOT.length + 1);
    sets.push({ fixture: name, accuracy, macroF1, rows });
    if (lines.length > 0) lines.push('');
    lines.push(
      `Bot tone: ${data.length} labelled bot messages (${name})`,
      `accuracy ${f(accuracy)}  macro-F1 ${f(macroF1)}`,
      formatTable(
        ['tone', 'n', 'precision', 'recall'],
        rows.map((r) => [r.tone, r.n, f(r.precision), f(r.recall)]),
      ),
    );
    const misses = data.filter((_, i) => gold[i] !== predicted[i]);
    if (misses.length > 0) {
      lines.push('misread:', ...misses.map((r) => `  ${r.tone} → ${analyzeTone(r.text).tone}: ${r.text}`));
    }
  }
  const [{ rows, accuracy, macroF1 }] = sets;

  const repliesFile = join(dataDir, REPLIES);
  let brandReplies = { skipped: `${repliesFile} not found` };
  if (existsSync(repliesFile)) {
    const replies = readTsv(repliesFile).map((r) => ({ ...r, result: analyzeTone(r.reply) }));
    const count = (t) => replies.filter((r) => r.result.tone === t).length;
    const alarms = replies.filter((r) => r.result.tone === 'upbeat' || r.result.tone === 'blunt');
    brandReplies = { n: replies.length, ...Object.fromEntries(TONES.map((t) => [t, count(t)])), alarms };
    lines.push(
      '',
      `Brand replies to upset customers (${REPLIES}): ${replies.length}; ` +
        TONES.map((t) => `${t} ${count(t)}`).join(', ') +
        `; false alarms (upbeat or blunt) ${alarms.length}`,
      ...alarms.map((r) => `  ${r.result.tone}: ${r.reply}`),
    );
  } else {
    lines.push(
      '',
      `skip brand-reply check: ${repliesFile} not found (set TACT_DATA_DIR to the shared data folder)`,
    );
  }
  return { rows, accuracy, macroF1, sets, brandReplies, text: lines.join('\n') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text } = await evalTone();
  console.log(text);
}
