// Turning a text into the sparse features the intent matcher compares. No Node imports.
import { stemmer } from 'stemmer';
import { editDistance } from '../analysis/text-distance.js';
import { normalizeText, wordTokens } from './text-normalize.js';

/**
 * Function words and the most generic question words: they still count, but lightly, so that
 * "I want a refund" and "refund" meet and an intent made only of such words ("hello", "thanks")
 * can still be found. Negations, `why`, `when` and `where` are not here: "card not working" and
 * "why was I charged" need them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if so of to in on at by for from with into onto about as than then ' +
    'i me my mine myself we us our ours you your yours he him his she her it its they them their ' +
    'this that these those there here is am are was were be been being do does did doing have has ' +
    'had having will would shall should can could may might must get got just also too very really ' +
    'some any all please pls plz hi hello hey thanks thank thx ok okay well like want need im ive ' +
    'id would go going what which who how let lets'
  ).split(' '),
);

/** How much the feature groups weigh against whole words (before the vector is normalised). */
export interface FeatureWeights {
  /** Word bigrams (of non-stop words). */
  bigram: number;
  /** Character 3–5-grams inside words. */
  chars: number;
  /** Stop words, against other words. */
  stop: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { bigram: 0.6, chars: 0.3, stop: 0.6 };

const stemCache = new Map<string, string>();

/** The Porter stem of a lower-case word (cached). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length > 2 ? stemmer(word) : word;
    if (stemCache.size > 50000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Feature kinds, told apart by a prefix that no word starts with. */
const BIGRAM = '+';
const CHARS = '~';

/** The group weight of a feature, from its prefix. */
export function featureGroupWeight(feature: string, w: FeatureWeights): number {
  const c = feature[0];
  if (c === BIGRAM) return w.bigram;
  if (c === CHARS) return w.chars;
  return STOP_WORDS.has(feature) ? w.stop : 1;
}

/** Words of a text, normalised (see normalizeText). */
export function textWords(text: string): string[] {
  return wordTokens(normalizeText(text));
}

/** Raw feature counts of a list of words: stems, bigrams of content stems, char n-grams. */
export function featureCounts(words: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string) => out.set(f, (out.get(f) ?? 0) + 1);
  let prev: string | undefined;
  for (const w of words) {
    const s = stem(w);
    add(s);
    if (STOP_WORDS.has(w)) continue;
    if (prev !== undefined) add(`${BIGRAM}${prev} ${s}`);
    prev = s;
    if (w.length >= 3 && w !== '0') for (const g of charGrams(w)) add(g);
  }
  return out;
}

const gramCache = new Map<string, string[]>();

/** The character 3–5-gram features of a word, in order (cached: replies reuse their words). */
function charGrams(w: string): string[] {
  let grams = gramCache.get(w);
  if (grams === undefined) {
    grams = [];
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(CHARS + padded.slice(i, i + n));
    }
    if (gramCache.size > 50000) gramCache.clear();
    gramCache.set(w, grams);
  }
  return grams;
}

/**
 * Spelling tolerance: maps a word the examples never use (nor its stem) to the closest word they
 * do use, within 1 edit (2 for words of 8 letters or more), keeping the first letter of words under 6
 * letters. Ties go to the more frequent word,
 * then to the first in alphabetical order, so the result is deterministic.
 */
/** Words shorter than this are corrected only to words with the same first letter. */
const SAME_FIRST_LETTER_BELOW = 6;

export class Speller {
  private readonly known = new Map<string, number>();
  private readonly stems = new Set<string>();
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(words: Iterable<string>) {
    for (const w of words) this.known.set(w, (this.known.get(w) ?? 0) + 1);
    const sorted = [...this.known.keys()].sort();
    for (const w of sorted) {
      this.stems.add(stem(w));
      if (w.length < 3 || /[0-9]/.test(w)) continue;
      const list = this.byLength.get(w.length);
      if (list) list.push(w);
      else this.byLength.set(w.length, [w]);
    }
  }

  correct(word: string): string {
    // A function word is never a typo of a content word ("like" is not "live").
    if (word.length < 4 || this.known.has(word) || STOP_WORDS.has(word) || /[0-9]/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    let best = word;
    if (!this.stems.has(stem(word))) {
      const max = word.length >= 8 ? 2 : 1;
      let bestD = max + 1;
      let bestF = 0;
      for (let len = word.length - max; len <= word.length + max; len++) {
        for (const cand of this.byLength.get(len) ?? []) {
          // A slip rarely hits the first letter of a short word; "deal" is not a typo of "real".
          if (word.length < SAME_FIRST_LETTER_BELOW && cand[0] !== word[0]) continue;
          const d = editDistance(word, cand, Math.min(max, bestD));
          const f = this.known.get(cand) ?? 0;
          if (d < bestD || (d === bestD && d <= max && (f > bestF || (f === bestF && cand < best)))) {
            best = cand;
            bestD = d;
            bestF = f;
          }
        }
      }
    }
    if (this.cache.size > 10000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}
