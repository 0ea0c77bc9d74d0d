#!/usr/bin/env node
// Measures tact's bot-tone analyzer on the labelled bot messages in fixtures/tone/ (tone.tsv, and
// tone-holdout.tsv, written after the analyzer was tuned: its first run read 37 of 40 right, and the
// three gaps it showed were then closed; and tone-independent.tsv, 60 messages written by someone
// who had not read the analyzer's patterns, never tuned on: the honest figure), and
// scores the real brand replies to upset customers in the shared data against a reviewer's judgments
// (eval/brand-replies.yaml). Reads the BUILT code: run `npm run build` first.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { dataDir } from './data-dir.js';
import { decodeEntities, formatTable, readTsv, score } from './eval-sentiment.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TONES = ['empathetic', 'upbeat', 'neutral', 'blunt'];
const FIXTURES = ['tone.tsv', 'tone-holdout.tsv', 'tone-independent.tsv'].map((f) =>
  join(REPO_ROOT, 'fixtures', 'tone', f),
);
const REPLIES = join('replies', 'brand-replies.tsv');
const JUDGMENTS = join(REPO_ROOT, 'eval', 'brand-replies.yaml');

/** The key of a brand reply in eval/brand-replies.yaml: the start of the SHA-256 of the reply as written. */
export const replyKey = (reply) => createHash('sha256').update(reply).digest('hex').slice(0, 8);

/**
 * The real brand replies, each as the first thing a bot says to an upset customer (right after a
 * `sentiment: negative` route, where tone-sentiment flags any reply that does not read empathetic),
 * scored against a reviewer's judgments in eval/brand-replies.yaml: figures, not assertions.
 */
function brandReplyFigures(analyzeTone, dir, judgmentsFile = JUDGMENTS) {
  const file = join(dir, REPLIES);
  if (!existsSync(file)) {
    const skipped = `skip brand-reply figures: ${file} not found (set TACT_DATA_DIR to the shared data folder)`;
    return { skipped, lines: [skipped] };
  }
  const judgments = parse(readFileSync(judgmentsFile, 'utf8')) ?? {};
  const replies = readTsv(file).map((r) => {
    const result = analyzeTone(decodeEntities(r.reply));
    const key = replyKey(r.reply);
    return {
      brand: r.brand,
      key,
      tone: result.tone,
      judged: judgments[key],
      flagged: result.tone !== 'empathetic',
    };
  });
  const count = (tone) => replies.filter((r) => r.tone === tone).length;
  const alarms = replies.filter((r) => r.tone === 'upbeat' || r.tone === 'blunt');
  const of = (judgment) => replies.filter((r) => r.judged?.judgment === judgment);
  const [flag, silent, either] = [of('flag'), of('silent'), of('either')];
  const unjudged = replies.filter((r) => !r.judged);
  const caught = flag.filter((r) => r.flagged);
  const falseAlarms = silent.filter((r) => r.flagged);
  const line = (r) => `  ${r.key} ${r.brand} (${r.tone}): ${r.judged?.why ?? 'unjudged'}`;
  const lines = [
    `Brand replies to upset customers (${REPLIES}): ${replies.length}; ` +
      TONES.map((t) => `${t} ${count(t)}`).join(', ') +
      `; read as upbeat or blunt ${alarms.length}`,
    `tone-sentiment after a negative route, against a reviewer (eval/brand-replies.yaml): ` +
      `flags ${caught.length} of the ${flag.length} a reviewer flags; ` +
      `false alarms ${falseAlarms.length} of ${silent.length} fine replies; ` +
      `either way: flags ${either.filter((r) => r.flagged).length} of ${either.length}` +
      (unjudged.length ? `; unjudged ${unjudged.length}` : ''),
  ];
  const missed = flag.filter((r) => !r.flagged);
  if (missed.length) lines.push('missed:', ...missed.map(line));
  if (falseAlarms.length) lines.push('false alarms:', ...falseAlarms.map(line));
  if (unjudged.length) lines.push('unjudged (add to eval/brand-replies.yaml):', ...unjudged.map(line));
  return {
    n: replies.length,
    ...Object.fromEntries(TONES.map((t) => [t, count(t)])),
    alarms: alarms.length,
    flag: { n: flag.length, caught: caught.length },
    silent: { n: silent.length, falseAlarms: falseAlarms.length },
    either: { n: either.length, flagged: either.filter((r) => r.flagged).length },
    unjudged: unjudged.length,
    lines,
  };
}

/**
 * Accuracy and per-tone precision/recall on the fixture, plus the brand-reply check.
 * @returns {Promise<{rows: object[], accuracy: number, brandReplies: object, text: string}>}
 */
export async function evalTone({ dataDir: dir = dataDir(), fixtures = FIXTURES } = {}) {
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

  const brandReplies = brandReplyFigures(analyzeTone, dir);
  lines.push('', ...brandReplies.lines);
  return { rows, accuracy, macroF1, sets, brandReplies, text: lines.join('\n') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text } = await evalTone();
  console.log(text);
}
