// Training of the intent matcher (compile time): each intent's examples and the words of its name
// become TF-IDF vectors, and a multinomial logistic regression is trained on them. The result is the
// `nlu` index of the bot file (bot-format.md), which the runtime's `matchIntent` reads; the runtime
// ships no training code.

import { random } from '../random.js';
import { type NluIndex, type Sparse, vectorize } from '../runtime/nlu.js';
import {
  DEFAULT_FEATURE_WEIGHTS,
  type FeatureWeights,
  featureCounts,
  textWords,
} from '../runtime/nlu-features.js';

/** Knobs of `buildNlu`; the defaults are what tact ships. */
export interface NluOptions {
  threshold?: number;
  blend?: NluIndex['blend'];
  featureWeights?: FeatureWeights;
  /** Use the words of each intent's name (`refund/damaged_item` → "damaged item") as an example. */
  useNames?: boolean;
  /** Extra training copies of each example, each with some words dropped. */
  augment?: number;
  dropRate?: number;
  epochs?: number;
  l2?: number;
  /** Classifier weights smaller than this are left out of the index. */
  prune?: number;
  /** Initial SGD learning rate. */
  lr?: number;
}

const DEFAULTS: Required<NluOptions> = {
  threshold: 0.35,
  blend: { prob: 0.7, nearest: 0.15, centroid: 0.15 },
  featureWeights: DEFAULT_FEATURE_WEIGHTS,
  useNames: true,
  augment: 4,
  dropRate: 0.25,
  epochs: 12,
  l2: 1e-5,
  prune: 0.05,
  lr: 0.5,
};

/** Classifier weights are stored as integers: weight × SCALE. */
const SCALE = 1000;

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Words of an intent's name: the last part of `flow/name`, split at `_`, `-` and camel case. */
function nameWords(id: string): string[] {
  const last = id.slice(id.lastIndexOf('/') + 1);
  return textWords(last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' '));
}

/** Precompute the matcher's index from intents and their examples (compile time). */
export function buildNlu(
  intents: Record<string, { examples: string[] }>,
  options: NluOptions = {},
): NluIndex {
  const o = { ...DEFAULTS, ...options };
  const ids = Object.keys(intents).sort();
  const examples: [number, string][] = [];
  const docs: { intent: number; words: string[]; real: boolean }[] = [];
  ids.forEach((id, k) => {
    for (const text of intents[id].examples ?? []) {
      const words = textWords(String(text));
      if (words.length === 0) continue;
      examples.push([k, words.join(' ')]);
      docs.push({ intent: k, words, real: true });
    }
    if (o.useNames) {
      const words = nameWords(id);
      if (words.length > 0) docs.push({ intent: k, words, real: false });
    }
  });

  const df = new Map<string, number>();
  const docCounts = docs.map((d) => featureCounts(d.words));
  for (const c of docCounts) for (const f of c.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const features = [...df.keys()].sort();
  const lookup = new Map(features.map((f, i) => [f, i]));
  const n = docs.length;
  const idf = features.map((f) => round(Math.log((n + 1) / ((df.get(f) ?? 0) + 1)) + 1, 3));
  const unknownIdf = round(Math.log(n + 1) + 1, 3);
  const vec = (c: Map<string, number>) => vectorize(c, lookup, idf, unknownIdf, o.featureWeights);

  // Training set: every document, plus copies with words dropped.
  const rnd = random(0x7ac7);
  const samples: { y: number; x: Sparse }[] = [];
  docs.forEach((d, i) => {
    samples.push({ y: d.intent, x: vec(docCounts[i]) });
    if (d.words.length < 2) return;
    for (let a = 0; a < o.augment; a++) {
      let kept = d.words.filter(() => rnd() >= o.dropRate);
      if (kept.length === 0) kept = [d.words[Math.floor(rnd() * d.words.length)]];
      samples.push({ y: d.intent, x: vec(featureCounts(kept)) });
    }
  });
  const { w, b } = trainSoftmax(samples, features.length, ids.length, o, rnd);

  const weights: number[][] = features.map(() => []);
  for (let f = 0; f < features.length; f++) {
    const row = weights[f];
    for (let k = 0; k < ids.length; k++) {
      const v = w[f * ids.length + k];
      if (Math.abs(v) >= o.prune) row.push(k, Math.round(v * SCALE));
    }
  }
  return {
    version: 2,
    threshold: o.threshold,
    blend: o.blend,
    featureWeights: o.featureWeights,
    intents: ids,
    examples,
    features,
    idf,
    unknownIdf,
    bias: Array.from(b, (v) => round(v, 3)),
    weights,
    scale: SCALE,
  };
}

/**
 * Multinomial logistic regression by SGD with L2 decay (kept as a running scale factor so a step
 * only touches the sample's features). Weights are feature-major: `w[f * K + k]`.
 */
function trainSoftmax(
  samples: { y: number; x: Sparse }[],
  nf: number,
  nk: number,
  o: Required<NluOptions>,
  rnd: () => number,
): { w: Float64Array; b: Float64Array } {
  const v = new Float64Array(nf * nk);
  const b = new Float64Array(nk);
  const logits = new Float64Array(nk);
  let scale = 1;
  const order = samples.map((_, i) => i);
  let t = 0;
  const total = o.epochs * samples.length;
  for (let e = 0; e < o.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const si of order) {
      const { y, x } = samples[si];
      const lr = o.lr * (1 - t / total) + 0.01;
      t++;
      logits.set(b);
      for (let p = 0; p < x.idx.length; p++) {
        const base = x.idx[p] * nk;
        const xv = x.val[p] * scale;
        for (let k = 0; k < nk; k++) logits[k] += v[base + k] * xv;
      }
      let max = -Infinity;
      for (let k = 0; k < nk; k++) if (logits[k] > max) max = logits[k];
      let sum = 0;
      for (let k = 0; k < nk; k++) {
        logits[k] = Math.exp(logits[k] - max);
        sum += logits[k];
      }
      for (let k = 0; k < nk; k++) logits[k] = logits[k] / sum - (k === y ? 1 : 0);
      scale *= 1 - lr * o.l2;
      for (let p = 0; p < x.idx.length; p++) {
        const base = x.idx[p] * nk;
        const step = (lr * x.val[p]) / scale;
        for (let k = 0; k < nk; k++) v[base + k] -= step * logits[k];
      }
      for (let k = 0; k < nk; k++) b[k] -= lr * 0.1 * logits[k];
      if (scale < 1e-6) {
        for (let i = 0; i < v.length; i++) v[i] *= scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < v.length; i++) v[i] *= scale;
  return { w: v, b };
}
