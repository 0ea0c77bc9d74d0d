#!/usr/bin/env node
// Few-shot intent matching measured on real data (see ../shared/data/README.md): the first 10
// examples of each intent become the bot's examples, every other row is classified. tact's matcher
// (the built dist/runtime/nlu.js) is shown beside a plain TF-IDF nearest-example baseline.
//
//   npm run build && node scripts/eval-intents.js        (TACT_DATA_DIR overrides the data folder)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataDir as sharedDataDir } from './data-dir.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = 10;
/** The baseline's own `none` threshold on cosine (a round value; on CLINC150 it answers `none` to about as many out-of-scope rows as tact). */
const BASELINE_THRESHOLD = 0.3;

/** Parse CSV with a header row; fields may be quoted with "" escapes and hold commas/newlines. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Split labelled rows into a bot (first `shots` texts per intent) and the rows left to classify. */
export function fewShot(rows, shots = SHOTS) {
  const intents = {};
  const rest = [];
  for (const [text, intent] of rows) {
    intents[intent] ??= { examples: [] };
    if (intents[intent].examples.length < shots) intents[intent].examples.push(text);
    else rest.push([text, intent]);
  }
  return { intents, rest };
}

const baselineTokens = (s) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/** The reference: TF-IDF (idf over the examples) cosine to the nearest example. */
export function buildBaseline(intents, threshold = BASELINE_THRESHOLD) {
  const docs = [];
  for (const [intent, { examples }] of Object.entries(intents)) {
    for (const e of examples) docs.push({ intent, tokens: baselineTokens(e) });
  }
  const df = new Map();
  for (const d of docs) for (const t of new Set(d.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t) => Math.log((docs.length + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vec = (tokens) => {
    const tf = new Map();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = c * idf(t);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  };
  const vectors = docs.map((d) => ({ intent: d.intent, v: vec(d.tokens) }));
  return (text) => {
    const q = vec(baselineTokens(text));
    let best = { intent: 'none', score: 0 };
    for (const { intent, v } of vectors) {
      let s = 0;
      for (const [t, w] of q) s += w * (v.get(t) ?? 0);
      if (s > best.score) best = { intent, score: s };
    }
    return { ...best, top: best.intent, intent: best.score >= threshold ? best.intent : 'none' };
  };
}

/** Accuracy with `none` wrong, and the share answered `none` of out-of-scope rows. */
function measure(classify, inScope, outOfScope = []) {
  let right = 0;
  let rightAny = 0;
  for (const [text, intent] of inScope) {
    const r = classify(text);
    if (r.intent === intent) right++;
    if ((r.top ?? r.intent) === intent) rightAny++;
  }
  let none = 0;
  for (const [text] of outOfScope) if (classify(text).intent === 'none') none++;
  return {
    accuracy: right / inScope.length,
    top1: rightAny / inScope.length,
    oosRecall: outOfScope.length ? none / outOfScope.length : undefined,
  };
}

async function loadNlu() {
  const built = join(root, 'dist/runtime/nlu.js');
  const training = join(root, 'dist/compile/nlu-train.js');
  if (!existsSync(built) || !existsSync(training))
    throw new Error('dist/runtime/nlu.js or dist/compile/nlu-train.js is missing: run `npm run build` first');
  const { matchIntent } = await import(pathToFileURL(built).href);
  const { buildNlu } = await import(pathToFileURL(training).href);
  return { buildNlu, matchIntent };
}

const fmt = (x) => (x === undefined ? '   -  ' : x.toFixed(3).padStart(6));

/**
 * Run the intent evaluation; returns the printed table and its rows. Missing data is a skip, not a
 * failure (the data lives outside the project).
 */
export async function evalIntents({ dataDir } = {}) {
  const dir = resolve(dataDir ?? sharedDataDir());
  const bankingFile = join(dir, 'intents/banking77-train.csv');
  const clincFile = join(dir, 'intents/clinc150-train-val.json');
  const rows = [];
  const lines = [];
  const { buildNlu, matchIntent } = await loadNlu();
  const tactOf = (intents) => {
    const nlu = buildNlu(intents);
    return (text) => {
      const m = matchIntent(nlu, text);
      return { intent: m.intent, top: m.ranking[0]?.intent };
    };
  };

  if (existsSync(bankingFile)) {
    const data = parseCsv(readFileSync(bankingFile, 'utf8')).map((r) => [r.text, r.category]);
    const { intents, rest } = fewShot(data);
    const base = measure(buildBaseline(intents), rest);
    const tact = measure(tactOf(intents), rest);
    rows.push({
      dataset: 'banking77',
      intents: Object.keys(intents).length,
      rows: rest.length,
      tact: { accuracy: tact.top1, accuracyAtThreshold: tact.accuracy },
      baseline: { accuracy: base.top1, accuracyAtThreshold: base.accuracy },
    });
  } else lines.push(`skip banking77: ${bankingFile} not found`);

  if (existsSync(clincFile)) {
    const data = JSON.parse(readFileSync(clincFile, 'utf8'));
    const { intents } = fewShot(data.train);
    const base = measure(buildBaseline(intents), data.val, data.oos_val);
    const tact = measure(tactOf(intents), data.val, data.oos_val);
    rows.push({
      dataset: 'clinc150',
      intents: Object.keys(intents).length,
      rows: data.val.length,
      oosRows: data.oos_val.length,
      tact: { accuracy: tact.top1, accuracyAtThreshold: tact.accuracy, oosRecall: tact.oosRecall },
      baseline: { accuracy: base.top1, accuracyAtThreshold: base.accuracy, oosRecall: base.oosRecall },
    });
  } else lines.push(`skip clinc150: ${clincFile} not found`);

  if (rows.length > 0) {
    lines.unshift(
      `Intent matching, ${SHOTS} examples per intent (accuracy = top intent; @thr = with 'none' below the threshold, counted wrong)`,
      'dataset     intents   rows | tact: accuracy  @thr  oos-recall | tf-idf baseline: accuracy  @thr  oos-recall',
    );
    for (const r of rows) {
      lines.push(
        `${r.dataset.padEnd(10)} ${String(r.intents).padStart(7)} ${String(r.rows).padStart(6)} |` +
          `        ${fmt(r.tact.accuracy)} ${fmt(r.tact.accuracyAtThreshold)} ${fmt(r.tact.oosRecall)}    |` +
          `                  ${fmt(r.baseline.accuracy)} ${fmt(r.baseline.accuracyAtThreshold)} ${fmt(r.baseline.oosRecall)}`,
      );
    }
  }
  return { text: lines.join('\n'), rows };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text } = await evalIntents();
  console.log(text);
}
