// The customer-sentiment half of the text analyzer: what a customer writes → a score and a label.
//
// VADER's method and lexicon (Hutto & Gilbert 2014, via `vader-sentiment`) with a layer for what
// customer-service text needs: failure words and phrases ("still waiting", "on hold", "lost my bag",
// "third time"), general words retuned ("help" and "please" ask, they do not praise), emoji, cheap
// sarcasm markers, questions that ask rather than feel, and politeness that does not undo a
// complaint. Pure, deterministic and browser-safe: no Node built-ins, no model, no I/O.

import WINK_EMOJI from 'wink-sentiment/src/emojis.js';
import WINK_EMOTICONS from 'wink-sentiment/src/emoticons.js';
import type { SentimentLabel, SentimentThresholds } from '../flow/types.js';
import { SERVICE_EMOJI } from './lexicon/emoji.js';
import {
  BOOST,
  BOOSTERS,
  CAPS_BOOST,
  CONTRAST,
  DAMPENERS,
  isNegator,
  NEGATION_SCALAR,
} from './lexicon/modifiers.js';
import {
  ABSENCE,
  MAX_PHRASE_WORDS,
  NOT_ABSENCES,
  NOT_NEGATABLE,
  POLITENESS,
  REPETITION,
  SARCASM_MARKS,
  SARCASM_OPENERS,
  SERVICE_LEXICON,
  SERVICE_VERBS,
  TIME_LEADS,
  TIME_UNITS,
  VERB_GAP,
} from './lexicon/service.js';
import { VADER_LEXICON } from './lexicon/vader-lexicon.js';
import { isShouting, type Token, tokenize } from './text-tokens.js';

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive) */
  score: number;
  label: SentimentLabel;
  /** The words or marks that decided the score, as written ("not happy", "still waiting", "😡", "!!!"). */
  evidence: string[];
}

export const DEFAULT_THRESHOLDS: SentimentThresholds = {
  positive: 0.25,
  negative: -0.25,
  very_negative: -0.6,
};

/** The label for a score under the given thresholds. */
export function labelSentiment(score: number, t: SentimentThresholds = DEFAULT_THRESHOLDS): SentimentLabel {
  if (score <= t.very_negative) return 'very_negative';
  if (score <= t.negative) return 'negative';
  if (score >= t.positive) return 'positive';
  return 'neutral';
}

// Maps, not the plain objects: a lookup of "constructor" must not find Object.prototype's.
const GENERAL = new Map(Object.entries(VADER_LEXICON));
const SERVICE = new Map(Object.entries(SERVICE_LEXICON));
const EMOJI = new Map(Object.entries(SERVICE_EMOJI));
// wink-sentiment scores on AFINN's -5..5; VADER's scale is -4..4.
const AFINN_TO_VADER = 0.8;

/** VADER's normalization of a sum of valences into -1..1. */
const ALPHA = 15;
const EXCLAMATION_STEP = 0.292;
const MAX_EXCLAMATIONS = 4;
/** Each mark of a repeated "??" or "?!": exasperation, whatever else the message says. */
const QUESTION_STEP = 0.3;
const MAX_QUESTION_AMP = 1.2;
/** Praise next to a failure, turned into sarcasm, counts this much against the service. */
const SARCASM_SCALAR = -0.8;
/** Politeness in a message that reports a problem. */
const POLITE_IN_COMPLAINT = 0.3;
/** Positive words in a question are asked about, not felt ("is the wifi any good?"). */
const POSITIVE_IN_QUESTION = 0.5;

/** Strongly felt words to find inside a run-together hashtag (#worstflightever, #badservice). */
const HASHTAG_WORDS: readonly [string, number][] = [...new Map([...GENERAL, ...SERVICE])]
  .filter(([w, v]) => /^[a-z]{3,}$/.test(w) && Math.abs(v) >= 1.5)
  .sort((a, b) => b[0].length - a[0].length);
/** A negated service action ("didn't get", "can't check in"). */
const FAILED_EXPECTATION = -1.3;
/** Time the customer lost ("for 3 hours", "after 45 minutes"). */
const TIME_LOST = -1.5;
/** "Seriously?", "Really??": disbelief at the service. */
const DISBELIEF = -1.5;
/** Failure words in a question are partly asked about ("will I make it with the delay?"). */
const NEGATIVE_IN_QUESTION = 0.7;
/** Politeness closing a request ("Can I pay for the lounge? Thanks") is not satisfaction. */
const POLITE_IN_REQUEST = 0.5;
const NUMBER_WORDS = new Set([
  'a',
  'an',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'several',
  'many',
  'few',
  'couple',
]);

interface Cue {
  /** Index of the first token of the cue, and of the first modifier counted with it. */
  first: number;
  start: number;
  end: number;
  valence: number;
  /** The cue's own words, for the politeness and sarcasm checks. */
  key: string;
  kind: 'lexical' | 'emoji';
  /** Negation does not flip it: a phrase or failure that already carries its polarity. */
  fixed: boolean;
  /** Why its polarity was turned, shown in the evidence. */
  note?: string;
}

function clamp(x: number): number {
  return Math.max(-1, Math.min(1, x));
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** A word's valence: the service layer, then VADER; elongated words ("sooo", "loooove") too. */
function wordValence(word: string): number | undefined {
  const v = SERVICE.get(word) ?? GENERAL.get(word);
  if (v !== undefined) return v;
  if (!/(\p{L})\1\1/u.test(word)) return undefined;
  return (
    wordValence(word.replace(/(\p{L})\1{2,}/gu, '$1$1')) ?? wordValence(word.replace(/(\p{L})\1{2,}/gu, '$1'))
  );
}

/** Service phrases written as one hashtag (#neveragain, #customerservicefail). */
const JOINED_PHRASES = new Map(
  [...SERVICE].filter(([k]) => k.includes(' ')).map(([k, v]) => [k.replace(/ /g, ''), v]),
);
const HASHTAG_NEGATORS = /^(?:not|no|never)(?=[a-z]{3,})/;

function hashtagValence(token: Token): number | undefined {
  const whole = wordValence(token.norm) ?? JOINED_PHRASES.get(token.norm);
  if (whole !== undefined) return whole;
  // #nothappy, #NoService, #neverflyingagain: a negated word or an absence.
  const negator = token.norm.match(HASHTAG_NEGATORS);
  if (negator) {
    const rest = token.norm.slice(negator[0].length);
    const v = wordValence(rest) ?? JOINED_PHRASES.get(rest);
    return v !== undefined && v !== 0 ? -Math.abs(v) : negator[0] === 'no' ? ABSENCE : -0.8;
  }
  const parts = token.raw.slice(1).match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
  if (parts && parts.length > 1) {
    const sum = parts.reduce((s, p) => s + (wordValence(p.toLowerCase()) ?? 0), 0);
    return sum === 0 ? undefined : sum;
  }
  const inner = HASHTAG_WORDS.find(
    ([w]) => token.norm.startsWith(w) || token.norm.endsWith(w) || (w.length >= 4 && token.norm.includes(w)),
  );
  return inner ? inner[1] : undefined;
}

function symbolValence(token: Token): number | undefined {
  if (token.kind === 'emoji') {
    const base = token.raw.replace(/[\u{FE0F}\u{1F3FB}-\u{1F3FF}]|\u200D.*/gu, '');
    const v = EMOJI.get(token.raw) ?? EMOJI.get(base);
    if (v !== undefined) return v;
    const w = WINK_EMOJI[token.raw] ?? WINK_EMOJI[base];
    return typeof w === 'number' ? w * AFINN_TO_VADER : undefined;
  }
  const v = GENERAL.get(token.raw) ?? GENERAL.get(token.raw.toLowerCase());
  if (v !== undefined) return v;
  const w = WINK_EMOTICONS[token.raw];
  return typeof w === 'number' ? w * AFINN_TO_VADER : undefined;
}

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === 'word';
const isQuote = (t: Token | undefined) => t !== undefined && t.kind === 'punct' && /^["“”]$/.test(t.raw);

/** A negator, up to two filler words, then a service verb: the span's end, or -1. */
function failedExpectationEnd(tokens: Token[], i: number): number {
  if (!isNegator(tokens[i].norm)) return -1;
  for (let j = i + 1; j < Math.min(tokens.length, i + 4); j++) {
    const t = tokens[j];
    if (!isWord(t)) return -1;
    if (SERVICE_VERBS.has(t.norm)) return j + 1;
    if (!VERB_GAP.has(t.norm)) return -1;
  }
  return -1;
}

/** "for 3 hours", "over two days", "after 45min": the span's end, or -1. */
function timeLostEnd(tokens: Token[], i: number): number {
  if (!TIME_LEADS.has(tokens[i].norm)) return -1;
  const [n, unit] = [tokens[i + 1], tokens[i + 2]];
  if (!isWord(n)) return -1;
  if (/^\d+(?:h|hr|hrs|min|mins)$/.test(n.norm)) return i + 2;
  const isAmount = /^\d+(?:\.\d+)?$/.test(n.norm) || NUMBER_WORDS.has(n.norm);
  return isAmount && isWord(unit) && TIME_UNITS.has(unit.norm) ? i + 3 : -1;
}

/** Finds the sentiment-bearing words, phrases and symbols, longest phrase first. */
function findCues(tokens: Token[]): Cue[] {
  const cues: Cue[] = [];
  const add = (start: number, end: number, valence: number, key: string, kind: Cue['kind'], fixed: boolean) =>
    cues.push({ first: start, start, end, valence, key, kind, fixed });
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === 'word') {
      let matched = false;
      for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n >= 2 && !matched; n--) {
        let key = t.norm;
        for (let j = i + 1; j < i + n && key !== ''; j++)
          key = isWord(tokens[j]) ? `${key} ${tokens[j].norm}` : '';
        const v = key === '' ? undefined : SERVICE.get(key);
        if (v !== undefined) {
          add(i, i + n, v, key, 'lexical', true);
          i += n;
          matched = true;
        }
      }
      if (matched) continue;
      const end = Math.max(failedExpectationEnd(tokens, i), timeLostEnd(tokens, i));
      if (end > 0) {
        add(i, end, TIME_LEADS.has(t.norm) ? TIME_LOST : FAILED_EXPECTATION, t.norm, 'lexical', true);
        i = end;
        continue;
      }
      const next = tokens[i + 1];
      if (t.norm === 'no' && isWord(next) && !NOT_ABSENCES.has(next.norm) && !/^\d/.test(next.norm)) {
        add(i, i + 2, ABSENCE + Math.min(0, wordValence(next.norm) ?? 0), 'no', 'lexical', true);
        i += 2;
        continue;
      }
      if (/^(?:seriously|really|srsly)$/.test(t.norm) && next?.kind === 'punct' && next.raw.includes('?')) {
        add(i, i + 1, DISBELIEF, t.norm, 'lexical', true);
        i++;
        continue;
      }
      const v = wordValence(t.norm);
      if (v !== undefined) add(i, i + 1, v, t.norm, 'lexical', NOT_NEGATABLE.has(t.norm));
    } else if (t.kind === 'hashtag') {
      const v = hashtagValence(t);
      if (v !== undefined) add(i, i + 1, v, t.raw, 'lexical', true);
    } else if (t.kind === 'emoji' || t.kind === 'emoticon') {
      const v = symbolValence(t);
      if (v !== undefined) add(i, i + 1, v, t.raw, 'emoji', true);
    }
    i++;
  }
  return cues.filter((c) => c.valence !== 0);
}

/** Capitals, degree words and negation in the three words before a cue (VADER's rules). */
function applyModifiers(cue: Cue, tokens: Token[], shouting: boolean): void {
  if (cue.kind !== 'lexical') return;
  const dir = sign(cue.valence);
  let v = cue.valence;
  if (!shouting && tokens.slice(cue.start, cue.end).some((t) => t.caps)) v += dir * CAPS_BOOST;
  let negated = false;
  for (let d = 1, j = cue.start - 1; d <= 3 && j >= 0; d++, j--) {
    const w = tokens[j];
    if (w.kind === 'punct' && !isQuote(w)) break;
    if (w.kind !== 'word') continue;
    const decay = 1 - 0.05 * (d - 1);
    const capsExtra = w.caps && !shouting ? CAPS_BOOST : 0;
    if (BOOSTERS.has(w.norm)) {
      v += dir * (BOOST + capsExtra) * decay;
      cue.first = j;
    } else if (DAMPENERS.has(w.norm)) {
      v -= dir * BOOST * decay;
      cue.first = j;
    } else if (isNegator(w.norm)) {
      negated = true;
      cue.first = j;
    }
  }
  if (negated && !cue.fixed) v *= NEGATION_SCALAR;
  cue.valence = v;
}

function textOf(tokens: Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t) => t.raw)
    .join(' ');
}

interface Mark {
  at: number;
  text: string;
  valence: number;
}

/** Sentiment of what a customer writes. */
export function analyzeSentiment(
  text: string,
  thresholds: SentimentThresholds = DEFAULT_THRESHOLDS,
): SentimentResult {
  const tokens = tokenize(text);
  const shouting = isShouting(tokens);
  const cues = findCues(tokens);
  for (const cue of cues) applyModifiers(cue, tokens, shouting);

  // Where each clause ends, and whether it is a question.
  const clauseEnd: number[] = [];
  let questionUntil = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.kind === 'punct' && /[.!?…]/.test(t.raw)) questionUntil = /\?/.test(t.raw) ? i : -1;
    clauseEnd[i] = questionUntil;
  }
  const inQuestion = (c: Cue) => clauseEnd[c.start] >= 0 && tokens[clauseEnd[c.start]].raw === '?';
  // "Thanks." closing a message is a formula; "thanks so much for your help" is gratitude for something.
  const isBareCloser = (c: Cue) =>
    POLITENESS.has(c.key) && c.first === c.start && !/^(?:for|so|a|again)$/.test(tokens[c.end]?.norm ?? '');
  const asks = tokens.some((t) => t.kind === 'punct' && t.raw.includes('?'));
  const words = tokens.filter(isWord);
  // Repetition ("again", "several times") makes a complaint worse; it is not one by itself.
  const complaint = cues.some((c) => c.valence < 0 && !REPETITION.has(c.key));
  if (!complaint) for (const c of cues) if (REPETITION.has(c.key)) c.valence = 0;
  const hasProblem = cues.some((c) => c.valence <= -1);
  const wordText = ` ${words.map((w) => w.norm).join(' ')} `;
  const marks: Mark[] = [];

  // Cheap sarcasm markers. Declared ones (#not, /s, "so much for") turn all praise; the others turn
  // only the praise they mark, and only beside a reported problem.
  const declared =
    tokens.some((t) => SARCASM_MARKS.has(t.raw.toLowerCase())) ||
    /(?:^|\s)\/s(?:\s|$)|\(not\)/i.test(text) ||
    /(?<!thanks|thank you|thank u|thx) so much for /.test(wordText);
  const ironic = new Set<Cue>();
  for (const cue of cues) {
    if (cue.valence <= 0) continue;
    if (declared) ironic.add(cue);
    if (!hasProblem) continue;
    const before = ` ${tokens
      .slice(Math.max(0, cue.start - 2), cue.end + 2)
      .filter(isWord)
      .map((w) => w.norm)
      .join(' ')} `;
    // "love how nobody answers", "great job losing my bag", "thanks a lot"
    if (SARCASM_OPENERS.some((o) => before.includes(` ${o} `))) ironic.add(cue);
    // "Great, delayed again.": praise as a whole opening clause.
    if (cue.start === 0 && tokens[1]?.kind === 'punct' && /^[,.!…]/.test(tokens[1].raw)) ironic.add(cue);
    // Drawn-out praise: "Faaantastic", "greeeat".
    if (/(\p{L})\1\1/u.test(tokens[cue.start].norm)) ironic.add(cue);
    // An eye-roll beside praise.
    if (tokens.some((t) => t.kind === 'emoji' && /^[🙄😒😑]/u.test(t.raw))) ironic.add(cue);
  }

  let contrastAt = -1;
  tokens.forEach((t, i) => {
    if (t.kind === 'word' && CONTRAST.has(t.norm)) contrastAt = i;
  });

  for (const cue of cues) {
    if (cue.valence > 0) {
      const scare = isQuote(tokens[cue.start - 1]) && isQuote(tokens[cue.end]);
      if (ironic.has(cue) || scare) {
        cue.valence *= SARCASM_SCALAR;
        cue.note = 'sarcasm';
      } else if (hasProblem && isBareCloser(cue)) cue.valence *= POLITE_IN_COMPLAINT;
      else if (asks && isBareCloser(cue)) cue.valence *= POLITE_IN_REQUEST;
      else if (inQuestion(cue)) cue.valence *= POSITIVE_IN_QUESTION;
    } else if (cue.kind === 'lexical' && inQuestion(cue)) cue.valence *= NEGATIVE_IN_QUESTION;
    if (contrastAt >= 0) cue.valence *= cue.start < contrastAt ? 0.5 : 1.5;
  }

  let sum = cues.reduce((s, c) => s + c.valence, 0);
  if (shouting) {
    const v = sum === 0 ? -CAPS_BOOST : sign(sum) * CAPS_BOOST;
    sum += v;
    marks.push({ at: -1, text: 'ALL CAPS', valence: v });
  }

  // "!" strengthens what is already there; a repeated "??" or "?!" is exasperation, whatever the words.
  const bangs = tokens.filter((t) => t.kind === 'punct' && t.raw.includes('!'));
  const exclamations = Math.min(
    MAX_EXCLAMATIONS,
    bangs.reduce((n, t) => n + t.raw.split('!').length - 1, 0),
  );
  const askRuns = tokens.filter((t) => t.kind === 'punct' && /\?/.test(t.raw) && t.raw.length > 1);
  const questions = askRuns.reduce((n, t) => n + t.raw.length, 0);
  let emphasis = 0;
  if (sum !== 0 && exclamations > 0) emphasis += sign(sum) * exclamations * EXCLAMATION_STEP;
  if (questions > 0) emphasis -= Math.min(MAX_QUESTION_AMP, questions * QUESTION_STEP);
  if (emphasis !== 0) {
    sum += emphasis;
    const strongest = [...bangs, ...askRuns].sort((a, b) => b.raw.length - a.raw.length)[0];
    if (strongest) marks.push({ at: tokens.indexOf(strongest), text: strongest.raw, valence: emphasis });
  }

  const score = Math.round(clamp(sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000;
  const dir = sign(score);
  const found: Mark[] = [
    ...cues.map((c) => ({
      at: c.first,
      text: `${c.note ? `${c.note}: ` : ''}${textOf(tokens, c.first, c.end)}`,
      valence: c.valence,
    })),
    ...marks,
  ];
  const evidence = found
    .filter((m) => (dir === 0 ? m.valence !== 0 : sign(m.valence) === dir))
    .sort((a, b) => a.at - b.at)
    .map((m) => m.text);
  return { score, label: labelSentiment(score, thresholds), evidence: [...new Set(evidence)] };
}
