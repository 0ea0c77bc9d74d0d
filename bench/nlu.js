#!/usr/bin/env node
// Speed and size of the intent matcher on a 77-intent bot (Banking77, 10 examples per intent):
// buildNlu time, index size, first-reply preparation time, median and p95 matchIntent time.
//
//   npm run build && node bench/nlu.js        (TACT_DATA_DIR overrides the data folder)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataDir as sharedDataDir } from '../scripts/data-dir.js';
import { fewShot, parseCsv } from '../scripts/eval-intents.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Measure the matcher; returns the figures and a printable text (or a skip when data is missing). */
export async function benchNlu({ dataDir, replies = 2000 } = {}) {
  const dir = resolve(dataDir ?? sharedDataDir());
  const file = join(dir, 'intents/banking77-train.csv');
  if (!existsSync(file)) return { text: `skip nlu bench: ${file} not found`, figures: undefined };
  const { matchIntent } = await import(pathToFileURL(join(root, 'dist/runtime/nlu.js')).href);
  const { buildNlu } = await import(pathToFileURL(join(root, 'dist/compile/nlu-train.js')).href);
  const rows = parseCsv(readFileSync(file, 'utf8')).map((r) => [r.text, r.category]);
  const { intents, rest } = fewShot(rows);

  let t = performance.now();
  const built = buildNlu(intents);
  const buildMs = performance.now() - t;
  const json = JSON.stringify(built);
  const nlu = JSON.parse(json);

  t = performance.now();
  matchIntent(nlu, 'warm up');
  const firstMs = performance.now() - t;

  const texts = rest.slice(0, replies).map(([text]) => text);
  const times = [];
  for (const text of texts) {
    const s = performance.now();
    matchIntent(nlu, text);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const figures = {
    intents: Object.keys(intents).length,
    examples: Object.values(intents).reduce((n, i) => n + i.examples.length, 0),
    buildMs: Math.round(buildMs),
    indexBytes: Buffer.byteLength(json),
    firstReplyMs: Number(firstMs.toFixed(1)),
    replies: times.length,
    medianMs: Number(quantile(times, 0.5).toFixed(3)),
    p95Ms: Number(quantile(times, 0.95).toFixed(3)),
  };
  const text = [
    `nlu bench: ${figures.intents} intents, ${figures.examples} examples, ${figures.replies} replies`,
    `  buildNlu            ${figures.buildMs} ms`,
    `  index size          ${(figures.indexBytes / 1024).toFixed(0)} KiB (${figures.indexBytes} bytes of JSON)`,
    `  first reply         ${figures.firstReplyMs} ms (prepares the index once)`,
    `  matchIntent median  ${figures.medianMs} ms`,
    `  matchIntent p95     ${figures.p95Ms} ms`,
  ].join('\n');
  return { text, figures };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text } = await benchNlu();
  console.log(text);
}

/** The rows of the matcher section (skipped without the shared data). */
export async function benchNluRows(opts = {}) {
  const { text, figures: f } = await benchNlu(opts);
  if (!f)
    return [{ figure: 'intent matcher', value: 'skipped', unit: '', target: '', ok: undefined, note: text }];
  return [
    {
      figure: `buildNlu (${f.intents} intents, ${f.examples} examples)`,
      value: f.buildMs,
      unit: 'ms',
      target: '',
      ok: undefined,
    },
    {
      figure: 'intent index size',
      value: Math.round(f.indexBytes / 1024),
      unit: 'KiB',
      target: '',
      ok: undefined,
    },
    {
      figure: `matchIntent p95 (${f.replies} replies)`,
      value: f.p95Ms,
      unit: 'ms',
      target: '',
      ok: undefined,
    },
  ];
}
