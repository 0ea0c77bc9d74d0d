// The bot-tone half of the text analyzer: what a bot writes → empathetic | upbeat | neutral | blunt,
// with the words or marks that decided it. Pure, deterministic and browser-safe.
import {
  BLUNT,
  EMPATHY,
  HYPE_EMOJI,
  HYPE_MODERATE,
  HYPE_STRONG,
  IMPERATIVE_VERBS,
  NOT_HYPE,
  PARTY_EMOJI,
  SOFTENERS,
  type ToneCue,
} from './lexicon/tone.js';

export type BotTone = 'empathetic' | 'upbeat' | 'neutral' | 'blunt';

export interface ToneResult {
  tone: BotTone;
  /** The words or marks that decided the tone, quoted from the text. */
  evidence: string[];
  /** How strongly each tone showed (sums of cue weights), for rules that want a margin. */
  scores: Record<Exclude<BotTone, 'neutral'>, number>;
}

interface Hit {
  start: number;
  end: number;
  text: string;
  weight: number;
}

/** Hype must outweigh empathy by this much before a cheerful apology counts as upbeat. */
const HYPE_OVER_EMPATHY = 2;
const UPBEAT_AT = 1.5;
const BLUNT_AT = 1.5;
const EMPATHETIC_AT = 1;
/** A command or an error of this many words or fewer, with nothing around it, is curt. */
const TERSE_WORDS = 6;

const overlaps = (a: Hit, hits: readonly Hit[]) => hits.some((b) => a.start < b.end && b.start < a.end);

const heaviestFirst = (cues: readonly ToneCue[]) => [...cues].sort((a, b) => b.weight - a.weight);
// Heavier cues claim their words first ("you failed to" over "failed").
const EMPATHY_CUES = heaviestFirst(EMPATHY);
const BLUNT_CUES = heaviestFirst(BLUNT);

/** Non-overlapping matches of the cues, in the order given. */
function findHits(text: string, cues: readonly ToneCue[], taken: readonly Hit[] = []): Hit[] {
  const hits: Hit[] = [];
  for (const { pattern, weight } of cues) {
    for (const m of text.matchAll(pattern)) {
      const hit = { start: m.index, end: m.index + m[0].length, text: m[0].trim(), weight };
      if (hit.text !== '' && !overlaps(hit, hits) && !overlaps(hit, taken)) hits.push(hit);
    }
  }
  return hits;
}

function sum(hits: readonly Hit[]): number {
  return hits.reduce((s, h) => s + h.weight, 0);
}

function quote(hits: readonly Hit[]): string[] {
  return [...hits].sort((a, b) => a.start - b.start).map((h) => h.text);
}

function sentencesOf(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  for (const m of text.matchAll(/[^.!?\n]+[.!?]*/g)) {
    const trimmed = m[0].trim();
    if (trimmed !== '') out.push({ start: m.index + m[0].indexOf(trimmed), text: trimmed });
  }
  return out;
}

function hypeHits(text: string, empathy: readonly Hit[]): Hit[] {
  const excluded = [...empathy, ...findHits(text, [{ pattern: NOT_HYPE, weight: 0 }])];
  const hits: Hit[] = [];
  const add = (m: RegExpMatchArray, weight: number) => {
    const hit = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0].trim(), weight };
    if (!overlaps(hit, excluded) && !overlaps(hit, hits)) hits.push(hit);
  };
  for (const m of text.matchAll(HYPE_STRONG)) add(m, 1.5);
  for (const m of text.matchAll(HYPE_MODERATE)) add(m, m[0].includes('!') ? 1.5 : 0.5);
  for (const m of text.matchAll(PARTY_EMOJI)) add(m, 1.5);
  for (const m of text.matchAll(HYPE_EMOJI)) add(m, 1);
  // Lots of exclamation: every "!!" run, and every "!" after the first (a greeting's "Hi!" is free).
  for (const m of text.matchAll(/!{2,}/g)) add(m, 1);
  const bangs = (text.match(/!/g) ?? []).length;
  if (bangs >= 3)
    hits.push({ start: text.length, end: text.length, text: `${bangs}× !`, weight: (bangs - 1) * 0.4 });
  return hits;
}

function bluntHits(text: string, softened: boolean): Hit[] {
  const hits = findHits(text, BLUNT_CUES);
  const words = (text.match(/[\p{L}\p{N}']+/gu) ?? []).length;
  if (!softened) {
    for (const s of sentencesOf(text)) {
      if (s.text.endsWith('?')) continue;
      const first = s.text
        .toLowerCase()
        .replace(/^(?:now|just|then|simply|first)[,\s]+/, '')
        .match(/^[\p{L}-]+/u)?.[0];
      if (first && IMPERATIVE_VERBS.has(first)) {
        const hit = { start: s.start, end: s.start + s.text.length, text: s.text, weight: 1 };
        if (!overlaps(hit, hits)) hits.push(hit);
        else hits.push({ ...hit, start: -1, end: -1, text: '' });
      }
    }
    if (hits.length > 0 && words <= TERSE_WORDS) hits.push({ start: -1, end: -1, text: '', weight: 0.5 });
  }
  return softened ? hits.map((h) => ({ ...h, weight: h.weight / 2 })) : hits;
}

/** Tone of what the bot writes, with the words or marks that decided it. */
export function analyzeTone(text: string): ToneResult {
  // Straight apostrophes, same length, so match positions stay those of the text.
  const plain = text.replace(/[’‘]/g, "'");
  const empathy = findHits(plain, EMPATHY_CUES);
  const hype = hypeHits(plain, empathy);
  const blunt = bluntHits(plain, SOFTENERS.test(plain));
  const scores = { empathetic: sum(empathy), upbeat: sum(hype), blunt: sum(blunt) };
  const shown = (hits: Hit[]) => quote(hits.filter((h) => h.text !== ''));

  if (scores.empathetic >= EMPATHETIC_AT && scores.upbeat < scores.empathetic + HYPE_OVER_EMPATHY) {
    return { tone: 'empathetic', evidence: shown(empathy), scores };
  }
  if (scores.upbeat >= UPBEAT_AT && scores.upbeat >= scores.blunt) {
    return { tone: 'upbeat', evidence: shown(hype), scores };
  }
  if (scores.blunt >= BLUNT_AT) return { tone: 'blunt', evidence: shown(blunt), scores };
  return { tone: 'neutral', evidence: [], scores };
}
