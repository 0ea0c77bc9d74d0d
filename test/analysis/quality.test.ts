// Quality floors measured on real data from the shared folder (not copied into the project).
// Reading it needs node:fs, which is fine here: only the analyzer itself must stay browser-safe.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../src/analysis/sentiment.js';
import { analyzeTone } from '../../src/analysis/tone.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = process.env.TACT_DATA_DIR ?? resolve(repoRoot, '..', 'shared', 'data');
const tweets = join(dataDir, 'sentiment', 'airline-tweets-dev.tsv');
const replies = join(dataDir, 'replies', 'brand-replies.tsv');

function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/);
  const keys = header.split('\t');
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cells = l.split('\t');
      return Object.fromEntries(
        keys.map((k, i) => [k, i < keys.length - 1 ? cells[i] : cells.slice(i).join('\t')]),
      );
    });
}

function macroF1(gold: string[], predicted: string[], labels: string[]): number {
  const f1s = labels.map((l) => {
    const tp = gold.filter((g, i) => g === l && predicted[i] === l).length;
    const fp = predicted.filter((p, i) => p === l && gold[i] !== l).length;
    const fn = gold.filter((g, i) => g === l && predicted[i] !== l).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / labels.length;
}

const missing = (file: string) => `skipped: ${file} not found (set TACT_DATA_DIR to the shared data folder)`;

describe('customer sentiment on real airline messages', () => {
  const present = existsSync(tweets);
  it.skipIf(!present)(present ? 'holds a macro-F1 floor of 0.60' : missing(tweets), () => {
    const rows = readTsv(tweets).filter((r) => ['negative', 'neutral', 'positive'].includes(r.label));
    const predicted = rows.map((r) => analyzeSentiment(r.text).label.replace('very_negative', 'negative'));
    const gold = rows.map((r) => r.label);
    const f1 = macroF1(gold, predicted, ['negative', 'neutral', 'positive']);
    const accuracy = gold.filter((g, i) => g === predicted[i]).length / gold.length;
    expect(f1).toBeGreaterThanOrEqual(0.6);
    expect(accuracy).toBeGreaterThanOrEqual(0.65);
  });
});

describe('bot tone on real brand replies to upset customers', () => {
  const present = existsSync(replies);
  it.skipIf(!present)(present ? 'reads none of them as upbeat or blunt' : missing(replies), () => {
    const rows = readTsv(replies);
    expect(rows.length).toBeGreaterThan(0);
    const alarms = rows
      .map((r) => ({ reply: r.reply, tone: analyzeTone(r.reply).tone }))
      .filter((r) => r.tone === 'upbeat' || r.tone === 'blunt');
    expect(alarms).toEqual([]);
  });

  it.skipIf(!present)(
    present ? 'reads apologies and offers of help among them as empathetic' : missing(replies),
    () => {
      const helpful = readTsv(replies).filter((r) =>
        /\b(sorry|understand|(?:can|to) help|here for)\b/i.test(r.reply),
      );
      expect(helpful.length).toBeGreaterThan(5);
      for (const r of helpful) expect(analyzeTone(r.reply).tone, r.reply).toBe('empathetic');
    },
  );
});

describe('labelled bot messages (fixtures/tone)', () => {
  for (const name of ['tone.tsv', 'tone-holdout.tsv']) {
    it(`${name}: at least 90% read right, and every tone found`, () => {
      const rows = readTsv(join(repoRoot, 'fixtures', 'tone', name));
      const predicted = rows.map((r) => analyzeTone(r.text).tone);
      const right = rows.filter((r, i) => r.tone === predicted[i]).length;
      expect(right / rows.length).toBeGreaterThanOrEqual(0.9);
      expect(new Set(predicted)).toEqual(new Set(['empathetic', 'upbeat', 'neutral', 'blunt']));
    });
  }
});
