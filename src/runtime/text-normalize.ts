// Small text helpers shared by the intent matcher and the value extractor. No Node imports.

/** Longest reply the matcher and the extractor look at; the rest is ignored. */
export const MAX_SCAN = 2000;

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\bshan'?t\b/g, 'shall not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(i)'m\b/g, '$1 am'],
  [/\b(\w+)'re\b/g, '$1 are'],
  [/\b(\w+)'ve\b/g, '$1 have'],
  [/\b(\w+)'ll\b/g, '$1 will'],
  [/\b(\w+)'d\b/g, '$1 would'],
  [/\b(\w+)'s\b/g, '$1'],
];

/**
 * Lower-case, strip accents and control characters, unify apostrophes and expand the common
 * English contractions, so that "Can't" and "cannot" meet.
 */
export function normalizeText(text: string): string {
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const s = normalizeUncached(text);
  if (normalized.size >= NORMALIZED_KEPT) normalized.clear();
  normalized.set(text, s);
  return s;
}

/** The same reply is normalised by the matcher and by each value finder: keep the last few. */
const NORMALIZED_KEPT = 2048;
const normalized = new Map<string, string>();

function normalizeUncached(text: string): string {
  let s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  s = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\bcannot\b/g, 'can not');
  for (const [re, by] of CONTRACTIONS) s = s.replace(re, by);
  return s;
}

/**
 * Word tokens of a normalised text: letters and digits; a run of digits becomes `0` (the matcher's
 * words, which the compiled `nlu` index stores), or stays as written with `numbers` (choices such
 * as "plan 2"). The one tokenizer of the matcher and the value extractor.
 */
export function wordTokens(normalized: string, options: { numbers?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[a-z0-9]+/g)) {
    const w = m[0];
    out.push(!options.numbers && /^[0-9]+$/.test(w) ? '0' : w);
  }
  return out;
}
