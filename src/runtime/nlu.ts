// The intent matcher: which of a bot's intents a customer's reply means, or `none`.
//
// At compile time `buildNlu` (src/compile/nlu-train.ts: the runtime ships inference only) turns each intent's few examples (and the words of its name) into
// TF-IDF vectors (stems, bigrams of content words, character 3–5-grams inside words) and trains a
// multinomial logistic regression on them, with extra copies made by dropping words. At run time
// the reply's unknown words are first corrected to the nearest word the examples use, then each
// intent gets one score in 0–1 blending the classifier's probability (relative to a uniform guess,
// so that it reads the same for 5 intents or 150), the cosine to the intent's nearest example and
// the cosine to its centroid. A reply whose content words the bot has never seen scores low
// whatever the classifier says. Below the index's threshold the answer is `none`. No Node imports.
import {
  type FeatureWeights,
  featureCounts,
  featureGroupWeight,
  Speller,
  STOP_WORDS,
  stem,
  textWords,
} from './nlu-features.js';

/** What the compiler precomputes for the matcher; JSON-serialisable, stored in the bot's `nlu`. */
export interface NluIndex {
  version: 2;
  /** Below this blended score the answer is `none`. */
  threshold: number;
  /**
   * Weights of the blended score: the classifier's probability (relative to a uniform guess, so
   * the scale does not depend on the number of intents), cosine to the nearest example, cosine to
   * the intent's centroid.
   */
  blend: { prob: number; nearest: number; centroid: number };
  /** Feature group weights used to build the vectors (the runtime must use the same). */
  featureWeights: FeatureWeights;
  /** Intent ids, sorted; other fields refer to intents by their position here. */
  intents: string[];
  /** Examples as normalised words joined by spaces, with the position of their intent. */
  examples: [number, string][];
  /** Sorted feature vocabulary and the inverse document frequency of each feature. */
  features: string[];
  idf: number[];
  /** Weight of a feature not in the vocabulary (it only lowers the cosines). */
  unknownIdf: number;
  /** Classifier: per intent bias, and per feature a flat list `[intent, weight × scale, ...]`. */
  bias: number[];
  weights: number[][];
  scale: number;
}

export interface IntentMatch {
  /** Best intent id, or 'none' when nothing is above the threshold. */
  intent: string;
  score: number;
  /** Top candidates, best first. */
  ranking: { intent: string; score: number }[];
}

/** How many candidates a match lists in its ranking, best first. */
const RANKED = 5;

/** Scores of a reply whose content words are all unknown to the bot are multiplied by this. */
const UNKNOWN_CONTENT_FACTOR = 0.25;

/** A sparse vector: feature positions and their values. */
export type Sparse = { idx: number[]; val: number[] };

/**
 * TF-IDF vector of feature counts, L2-normalised; unknown features only add to the norm. Training
 * (src/compile/nlu-train.ts) and matching vectorize with this one function.
 */
export function vectorize(
  counts: Map<string, number>,
  lookup: Map<string, number>,
  idf: ArrayLike<number>,
  unknownIdf: number,
  fw: FeatureWeights,
): Sparse {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  // forEach rather than for…of: no [key, value] pair allocated per feature.
  counts.forEach((c, f) => {
    const i = lookup.get(f);
    const w = (1 + Math.log(c)) * (i === undefined ? unknownIdf : idf[i]) * featureGroupWeight(f, fw);
    norm += w * w;
    if (i !== undefined) {
      idx.push(i);
      val.push(w);
    }
  });
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < val.length; k++) val[k] /= norm;
  return { idx, val };
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** What the runtime derives from an index once (kept per index object). */
interface Prepared {
  lookup: Map<string, number>;
  speller: Speller;
  /** Per feature: flat `[example, value, ...]` and `[intent, value, ...]` of centroids. */
  exampleIndex: number[][];
  centroidIndex: number[][];
  exampleIntent: Int32Array;
  weights: number[][];
  /** Per intent: the stems of the content words (not stop words) its examples use. */
  contentStems: Set<string>[];
  /** Per intent: some example is made of function words only ("thank you", "hi there"). */
  functionOnly: boolean[];
}

const prepared = new WeakMap<NluIndex, Prepared>();

function prepare(nlu: NluIndex): Prepared {
  const cached = prepared.get(nlu);
  if (cached) return cached;
  const lookup = new Map(nlu.features.map((f, i) => [f, i]));
  const nk = nlu.intents.length;
  const exampleIndex: number[][] = nlu.features.map(() => []);
  const centroids: Map<number, number>[] = nlu.intents.map(() => new Map());
  const exampleIntent = new Int32Array(nlu.examples.length);
  const words: string[] = [];
  const contentStems = nlu.intents.map(() => new Set<string>());
  const functionOnly = nlu.intents.map(() => false);
  nlu.examples.forEach(([k, text], e) => {
    exampleIntent[e] = k;
    const ws = text.split(' ');
    words.push(...ws);
    for (const w of ws) if (isContentWord(w)) contentStems[k].add(stem(w));
    if (ws.length > 0 && !ws.some(isContentWord)) functionOnly[k] = true;
    const x = vectorize(featureCounts(ws), lookup, nlu.idf, nlu.unknownIdf, nlu.featureWeights);
    for (let p = 0; p < x.idx.length; p++) {
      exampleIndex[x.idx[p]].push(e, x.val[p]);
      const c = centroids[k];
      c.set(x.idx[p], (c.get(x.idx[p]) ?? 0) + x.val[p]);
    }
  });
  const centroidIndex: number[][] = nlu.features.map(() => []);
  for (let k = 0; k < nk; k++) {
    let norm = 0;
    for (const v of centroids[k].values()) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (const [f, v] of [...centroids[k]].sort((a, b) => a[0] - b[0])) centroidIndex[f].push(k, v / norm);
  }
  const weights = nlu.weights.map((row) => row.map((v, i) => (i % 2 === 0 ? v : v / nlu.scale)));
  const p: Prepared = {
    lookup,
    speller: new Speller(words),
    exampleIndex,
    centroidIndex,
    exampleIntent,
    weights,
    contentStems,
    functionOnly,
  };
  prepared.set(nlu, p);
  return p;
}

const isContentWord = (w: string) => w !== '0' && !STOP_WORDS.has(w);

/** Per-intent component scores of a reply (exported for evaluation scripts). */
export function scoreIntents(
  nlu: NluIndex,
  text: string,
): {
  prob: number[];
  nearest: number[];
  centroid: number[];
  unknownContent: boolean;
  noContent: boolean;
  /**
   * Per intent: the reply shares none of the content words of its examples, or has none itself
   * while every example of the intent has some.
   */
  offTopic: boolean[];
} {
  const p = prepare(nlu);
  const nk = nlu.intents.length;
  const words = textWords(typeof text === 'string' ? text : String(text ?? '')).map((w) =>
    p.speller.correct(w),
  );
  const x = vectorize(featureCounts(words), p.lookup, nlu.idf, nlu.unknownIdf, nlu.featureWeights);
  const logits = Float64Array.from(nlu.bias);
  const centroid = new Array<number>(nk).fill(0);
  const exSims = new Float64Array(nlu.examples.length);
  for (let q = 0; q < x.idx.length; q++) {
    const f = x.idx[q];
    const xv = x.val[q];
    const wr = p.weights[f];
    for (let i = 0; i < wr.length; i += 2) logits[wr[i]] += wr[i + 1] * xv;
    const cr = p.centroidIndex[f];
    for (let i = 0; i < cr.length; i += 2) centroid[cr[i]] += cr[i + 1] * xv;
    const er = p.exampleIndex[f];
    for (let i = 0; i < er.length; i += 2) exSims[er[i]] += er[i + 1] * xv;
  }
  let max = -Infinity;
  for (let k = 0; k < nk; k++) if (logits[k] > max) max = logits[k];
  let sum = 0;
  for (let k = 0; k < nk; k++) sum += Math.exp(logits[k] - max);
  const prob = new Array<number>(nk);
  for (let k = 0; k < nk; k++) prob[k] = Math.exp(logits[k] - max) / sum;
  const nearest = new Array<number>(nk).fill(0);
  for (let e = 0; e < exSims.length; e++) {
    const k = p.exampleIntent[e];
    if (exSims[e] > nearest[k]) nearest[k] = exSims[e];
  }
  // A reply with content words, none of which any example uses ("what's the weather on mars"),
  // shares only function words with the bot: whatever the scores say, it is about something else.
  const content = words.filter(isContentWord);
  const unknownContent = content.length > 0 && !content.some((w) => p.lookup.has(stem(w)));
  // Shared function words and letter groups alone do not make a reply about an intent: "I'd like
  // to get it done today" shares "I", "like", "to", "get" with "get me a person" and nothing else,
  // and "1 thanks" shares nothing. Only an intent made of function words ("hello", "thanks") can
  // be matched by function words alone.
  const stems = content.map(stem);
  const offTopic = p.contentStems.map((set, k) =>
    content.length === 0 ? !p.functionOnly[k] : set.size > 0 && !stems.some((s) => set.has(s)),
  );
  return { prob, nearest, centroid, unknownContent, noContent: words.every((w) => w === '0'), offTopic };
}

/**
 * The classifier's confidence in intent `k` against the uniform guess, on a 0–1 scale that does not
 * depend on how many intents the bot has: 0 at or below 1/K, 1 at certainty.
 */
function relativeProbability(p: number, nk: number): number {
  if (nk < 2) return 1;
  return Math.max(0, Math.log(p * nk) / Math.log(nk));
}

export interface MatchOptions {
  /**
   * Only these intents can be the answer (the runtime passes the intents that can route at the
   * current step, with `human` and the sensitive ones), so an intent of another flow cannot take
   * a reply meant for this step. Scores are those of the whole bot: a lone candidate is not
   * inflated.
   */
  candidates?: Iterable<string> | ReadonlySet<string>;
}

/** The best intent for a customer reply, or `none` when no intent scores above the threshold. */
export function matchIntent(nlu: NluIndex, text: string, options: MatchOptions = {}): IntentMatch {
  const all = nlu.intents.length;
  if (all === 0) return { intent: 'none', score: 0, ranking: [] };
  const s = scoreIntents(nlu, text);
  const ks: number[] = [];
  if (options.candidates) {
    const wanted = options.candidates instanceof Set ? options.candidates : new Set(options.candidates);
    for (let k = 0; k < all; k++) if (wanted.has(nlu.intents[k])) ks.push(k);
    if (ks.length === 0) return { intent: 'none', score: 0, ranking: [] };
  } else for (let k = 0; k < all; k++) ks.push(k);
  const nk = all;
  const { prob, nearest, centroid } = nlu.blend;
  // The best RANKED, by score and then by position: kept in order as the scores come, rather than
  // sorting every intent, since the matcher runs on every customer reply.
  const topK: number[] = [];
  const topScore: number[] = [];
  for (const k of ks) {
    let score = round(
      all < 2
        ? (nearest * s.nearest[k] + centroid * s.centroid[k]) / (nearest + centroid || 1)
        : prob * relativeProbability(s.prob[k], nk) + nearest * s.nearest[k] + centroid * s.centroid[k],
      4,
    );
    if (s.unknownContent || s.offTopic[k]) score = round(score * UNKNOWN_CONTENT_FACTOR, 4);
    // ks ascend, so a tie keeps the earlier intent ahead: insert after every score not below it.
    let at = topScore.length;
    while (at > 0 && topScore[at - 1] < score) at--;
    if (at >= RANKED) continue;
    topK.splice(at, 0, k);
    topScore.splice(at, 0, score);
    if (topK.length > RANKED) {
      topK.pop();
      topScore.pop();
    }
  }
  const ranking = topK.map((k, i) => ({ intent: nlu.intents[k], score: topScore[i] }));
  const best = ranking[0];
  // A reply of numbers only ("42", "2") says nothing an intent can be about: it is a value or a
  // choice for the step, never a request.
  const matched = best.score >= nlu.threshold && !s.noContent;
  return { intent: matched ? best.intent : 'none', score: best.score, ranking };
}
