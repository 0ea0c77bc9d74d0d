#!/usr/bin/env node
// Measures tact's customer-sentiment analyzer on real labelled messages, side by side with
// off-the-shelf lexicon analyzers on the same rows. Reads the BUILT code: run `npm run build` first.
// The data is for measuring only (see shared/data/README.md): nothing here fits anything to it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataDir } from './data-dir.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = ['negative', 'neutral', 'positive'];
const FILE = join('sentiment', 'airline-tweets-dev.tsv');

/** The shared data folder: TACT_DATA_DIR, else ../shared/data beside the repository. */
export const defaultDataDir = dataDir;

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The text as its writer typed it: the tweet files keep Twitter's HTML escapes ("&amp;"), which no
 * chat widget sends, so the eval undoes them for every analyzer alike rather than the analyzer.
 */
export function decodeEntities(text) {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

/** Rows of a TSV file with a header, as objects keyed by the header's names. */
export function readTsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/);
  const keys = header.split('\t');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.split('\t');
      // The last column takes any stray tabs.
      const tail = cells.splice(keys.length - 1).join('\t');
      return Object.fromEntries(keys.map((k, i) => [k, i < keys.length - 1 ? cells[i] : tail]));
    });
}

/** Accuracy, per-label precision/recall/F1 and macro-F1 of predictions against gold labels. */
export function score(gold, predicted, labels) {
  let correct = 0;
  const per = Object.fromEntries(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === p) {
      correct++;
      per[g].tp++;
    } else {
      if (per[p]) per[p].fp++;
      if (per[g]) per[g].fn++;
    }
  });
  const byLabel = {};
  for (const l of labels) {
    const { tp, fp, fn } = per[l];
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    byLabel[l] = { precision, recall, f1 };
  }
  const macroF1 = labels.reduce((s, l) => s + byLabel[l].f1, 0) / labels.length;
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1, byLabel };
}

/** A plain table with columns padded to their widest cell; numbers are right-aligned. */
export function formatTable(header, body) {
  const rows = [header, ...body].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const numeric = header.map((_, c) => body.every((r) => typeof r[c] === 'number' || /^[\d.]+$/.test(r[c])));
  const line = (r) =>
    r
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const bySign = (x, margin = 0) => (x > margin ? 'positive' : x < -margin ? 'negative' : 'neutral');

async function analyzers() {
  const { analyzeSentiment } = await import(
    pathToFileURL(join(REPO_ROOT, 'dist', 'analysis', 'sentiment.js')).href
  );
  const vader = (await import('vader-sentiment')).default;
  const Sentiment = (await import('sentiment')).default;
  const wink = (await import('wink-sentiment')).default;
  const afinn = new Sentiment();
  return [
    {
      name: 'tact',
      label: (t) => {
        const l = analyzeSentiment(t).label;
        return l === 'very_negative' ? 'negative' : l;
      },
    },
    {
      name: 'VADER (±0.05)',
      label: (t) => bySign(vader.SentimentIntensityAnalyzer.polarity_scores(t).compound, 0.05),
    },
    { name: 'AFINN / sentiment (0)', label: (t) => bySign(afinn.analyze(t).score) },
    { name: 'wink-sentiment (0)', label: (t) => bySign(wink(t).normalizedScore) },
    { name: 'always negative', label: () => 'negative' },
  ];
}

/**
 * Runs every analyzer over the labelled airline messages.
 * @returns {Promise<{skipped?: string, rows: object[], text: string}>}
 */
export async function evalSentiment({ dataDir: dir = dataDir() } = {}) {
  const file = join(dir, FILE);
  if (!existsSync(file)) {
    const skipped = `skip sentiment eval: ${file} not found (set TACT_DATA_DIR to the shared data folder)`;
    return { skipped, rows: [], text: skipped };
  }
  const data = readTsv(file)
    .filter((r) => LABELS.includes(r.label))
    .map((r) => ({ ...r, text: decodeEntities(r.text) }));
  const gold = data.map((r) => r.label);
  const rows = [];
  for (const a of await analyzers()) {
    const started = performance.now();
    const predicted = data.map((r) => a.label(r.text));
    const msPerMessage = (performance.now() - started) / data.length;
    rows.push({ analyzer: a.name, ...score(gold, predicted, LABELS), msPerMessage });
  }
  const f = (x) => x.toFixed(3);
  const table = formatTable(
    ['analyzer', 'accuracy', 'macro-F1', 'F1 neg', 'F1 neu', 'F1 pos', 'ms/msg'],
    rows.map((r) => [
      r.analyzer,
      f(r.accuracy),
      f(r.macroF1),
      f(r.byLabel.negative.f1),
      f(r.byLabel.neutral.f1),
      f(r.byLabel.positive.f1),
      r.msPerMessage.toFixed(4),
    ]),
  );
  const text = `Customer sentiment: ${data.length} airline messages (${FILE})\n${table}`;
  return { rows, text };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text } = await evalSentiment();
  console.log(text);
}
