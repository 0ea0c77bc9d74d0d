// Finding a value of a data item's type inside a free-text customer reply (flow-format.md, "Values
// found in a reply"). Never throws; only the first MAX_SCAN characters of a reply are read and no
// regular expression here can backtrack catastrophically. No Node imports.

import { editDistance } from '../analysis/text-distance.js';
import type { BotData } from './bot-types.js';
import { MAX_SCAN, normalizeText, wordTokens } from './text-normalize.js';

export type SlotValue = string | number | boolean;

/**
 * Find a value of the data's type inside a customer reply; undefined when there is none (or, for
 * `boolean` and `choice`, when the reply says both).
 *
 * - `text`: with `pattern`, the first match anywhere in the reply (anchors `^…$` then mean "a
 *   whole token": `AB123456` is found in "it's AB123456 thanks", not in "XAB1234567"); without,
 *   the whole reply trimmed.
 * - `number`: the first number (`42`, `-3`, `42.50`, `1,200`, "twenty-one", "a hundred").
 * - `boolean`: yes/no words and phrases.
 * - `email`: the address; `phone`: the digits with a leading `+` kept (7 to 15 digits).
 * - `date`: ISO `yyyy-mm-dd`; `--mm-dd` when the year is not said; `today`, `tomorrow` or
 *   `yesterday` as those words (the runtime has no clock). Numeric dates are read day first
 *   (12/03/2026 is 12 March) unless that cannot be a date.
 * - `choice`: one of `values` as written there, case-insensitive, with small typos.
 */
export function extractValue(def: BotData, text: string): SlotValue | undefined {
  if (typeof text !== 'string') return undefined;
  // Customers send the same replies again and again; the answer depends only on the data's
  // definition and the text.
  let memo = found.get(def);
  if (!memo) {
    memo = new Map();
    found.set(def, memo);
  }
  if (memo.has(text)) return memo.get(text);
  const value = extractUncached(def, text);
  if (memo.size >= FOUND_KEPT) memo.clear();
  memo.set(text, value);
  return value;
}

const FOUND_KEPT = 1024;
const found = new WeakMap<BotData, Map<string, SlotValue | undefined>>();

function extractUncached(def: BotData, text: string): SlotValue | undefined {
  try {
    if (typeof text !== 'string') return undefined;
    const reply = text
      .slice(0, MAX_SCAN)
      .replace(/\u001b\[[0-9;]{0,20}[A-Za-z]/g, ' ')
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
    switch (def.type) {
      case 'text':
        return def.pattern ? findPattern(def.pattern, reply) : reply.trim() || undefined;
      case 'number':
        return findNumber(reply);
      case 'boolean':
        return findBoolean(reply);
      case 'email':
        return findEmail(reply);
      case 'phone':
        return findPhone(reply);
      case 'date':
        return findDate(reply);
      case 'choice':
        return findChoice(def.values ?? [], reply);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

const patternCache = new Map<string, RegExp[] | null>();

/** The designer's pattern, as written and (when anchored) as a whole token inside the reply. */
function compilePattern(pattern: string): RegExp[] | null {
  let cached = patternCache.get(pattern);
  if (cached !== undefined) return cached;
  const anchoredStart = pattern.startsWith('^');
  const anchoredEnd = /(?:^|[^\\])(?:\\\\)*\$$/.test(pattern);
  const body = pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  const guard = (word: string) =>
    `${anchoredStart ? `(?<!${word})` : ''}(?:${body})${anchoredEnd ? `(?!${word})` : ''}`;
  cached = null;
  for (const [flags, word] of [
    ['u', '[\\p{L}\\p{N}]'],
    ['', '[A-Za-z0-9]'],
  ]) {
    try {
      cached = [new RegExp(pattern, flags), new RegExp(guard(word), flags)];
      break;
    } catch {
      // not valid with these flags: try the next
    }
  }
  if (patternCache.size > 500) patternCache.clear();
  patternCache.set(pattern, cached);
  return cached;
}

function findPattern(pattern: string, reply: string): string | undefined {
  const res = compilePattern(pattern);
  if (!res) return undefined;
  const trimmed = reply.trim();
  for (const re of res) {
    const m = re.exec(trimmed);
    if (m && m[0] !== '') return m[0];
  }
  return undefined;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

function findNumber(reply: string): number | undefined {
  const m = /(?<![\p{L}\p{N}.,])([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/u.exec(reply);
  const words = numberWords(reply);
  if (m && (!words || m.index <= words.index)) {
    const n = Number(`${m[1] === '+' ? '' : m[1] ? '-' : ''}${m[2].replace(/,/g, '')}${m[3] ?? ''}`);
    return Number.isFinite(n) ? n : undefined;
  }
  return words?.value;
}

/** A number written in words ("twenty-one", "a hundred", "two thousand five hundred"). */
function numberWords(reply: string): { value: number; index: number } | undefined {
  const tokens = [...reply.toLowerCase().matchAll(/[a-z]+/g)];
  for (let i = 0; i < tokens.length; i++) {
    let total = 0;
    let current = 0;
    let used = 0;
    let afterMultiplier = false;
    for (let j = i; j < tokens.length && j - i < 12; j++) {
      const w = tokens[j][0];
      const multiplier = w === 'hundred' || w === 'thousand';
      if (w in UNITS) current += UNITS[w];
      else if (w in TENS) current += TENS[w];
      else if (w === 'hundred' && (used > 0 || tokens[j - 1]?.[0] === 'a')) current = (current || 1) * 100;
      else if (w === 'thousand' && (used > 0 || tokens[j - 1]?.[0] === 'a')) {
        total += (current || 1) * 1000;
        current = 0;
      } else if (w === 'and' && afterMultiplier) continue;
      else if (w === 'a' && used === 0 && /^(hundred|thousand)$/.test(tokens[j + 1]?.[0] ?? '')) continue;
      else break;
      afterMultiplier = multiplier;
      used++;
    }
    if (used > 0) return { value: total + current, index: tokens[i].index ?? 0 };
  }
  return undefined;
}

/** Phrases that say neither yes nor no, taken out before looking for either. */
const UNSURE =
  /\b(?:not sure|unsure|(?:i )?do not know|(?:i )?(?:am )?not certain|no idea|maybe|perhaps|not yet decided)\b/g;
const NO =
  /\b(?:no|nope|nah|nay|not really|not at all|no thanks?|no thank you|(?:do|does|did|is|was|are|have|has|had|can|will|would|could) not|never|negative|wrong|incorrect|not (?:correct|right|true)|i would rather not|rather not|not now|cancel|n)\b/g;
const YES =
  /\b(?:yes|yeah|yea|yep|yup|ya|yah|y|sure|surely|certainly|correct|right|true|ok|okay|k|alright|all right|absolutely|definitely|indeed|affirmative|of course|please do|go ahead|do it|sounds good|that is it|exactly|confirm(?:ed)?|no problem|no worries|i do|i did|it is)\b/g;

/**
 * A yes or a no. The answer to a yes/no question comes first ("no. please, I need help quickly"),
 * so the first clause that says either decides; a clause that says both says neither. A bare
 * "please" is a yes; inside a request ("please help") it is not an answer.
 */
function findBoolean(reply: string): boolean | undefined {
  const clauses = normalizeText(reply)
    .split(/[.!?;,:\n]+/)
    .map((c) => c.replace(/[^a-z0-9' ]+/g, ' ').trim())
    .filter(Boolean);
  for (const clause of clauses) {
    const answer = clausePolarity(clause);
    if (answer !== null) return answer;
  }
  return undefined;
}

/** true, false, undefined (says both, or is unsure) or null (says neither: look further). */
function clausePolarity(clause: string): boolean | undefined | null {
  if (/^(?:yes |oh |ok )?please$/.test(clause)) return true;
  let s = ` ${clause} `;
  const unsure = UNSURE.test(s);
  UNSURE.lastIndex = 0;
  if (unsure) return undefined;
  // Yes-phrases that contain "no" ("no problem") go first, then no-phrases ("not correct").
  const yesNo = /\b(?:no problem|no worries)\b/g;
  const hasYesNo = yesNo.test(s);
  s = s.replace(yesNo, ' ');
  const hasNo = NO.test(s);
  NO.lastIndex = 0;
  s = s.replace(NO, ' ');
  const hasYes = hasYesNo || YES.test(s);
  YES.lastIndex = 0;
  if (!hasYes && !hasNo) return null;
  if (hasYes === hasNo) return undefined;
  return hasYes;
}

function findEmail(reply: string): string | undefined {
  const m =
    /(?<![\w.%+-])[\w%+-](?:[\w.%+-]{0,62}[\w%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}(?![\w-])/i.exec(
      reply,
    );
  if (!m || m[0].includes('..')) return undefined;
  return m[0];
}

function findPhone(reply: string): string | undefined {
  // A run of digits with the usual separators; ISO dates and d/m/y dates are not phones.
  const re = /(?:\+|\b00)?\(?\d(?:[\d\s().-]{0,24}\d)?/g;
  for (const m of reply.matchAll(re)) {
    const raw = m[0];
    const trimmed = raw.trim();
    if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(trimmed) || /^\d+\.\d{1,2}$/.test(trimmed)) continue;
    const after = reply.slice((m.index ?? 0) + raw.length, (m.index ?? 0) + raw.length + 1);
    if (after === '/' || reply[(m.index ?? 0) - 1] === '/') continue;
    const digits = raw.replace(/\D/g, '');
    const plus = raw.startsWith('+') || raw.startsWith('00');
    const national = plus && raw.startsWith('00') ? digits.slice(2) : digits;
    if (national.length < 7 || national.length > 15) continue;
    return plus ? `+${national}` : national;
  }
  return undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_RE = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR_RE = "(\\d{4}|'\\d{2})";

const monthOf = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1;

function validDate(y: number | undefined, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y !== undefined && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (y === undefined && m === 2) return d <= 29;
  return d <= days[m - 1];
}

function iso(y: number | undefined, m: number, d: number): string | undefined {
  if (!validDate(y, m, d)) return undefined;
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  return y === undefined ? `--${mm}-${dd}` : `${String(y).padStart(4, '0')}-${mm}-${dd}`;
}

const fullYear = (y: string) => {
  const digits = y.replace("'", '');
  if (digits.length === 4) return Number(digits);
  const n = Number(digits);
  return n < 70 ? 2000 + n : 1900 + n;
};

function findDate(reply: string): string | undefined {
  const s = reply.toLowerCase();
  const found: { index: number; value: string }[] = [];
  const add = (index: number, value: string | undefined) => {
    if (value) found.push({ index, value });
  };
  for (const m of s.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) add(m.index, iso(+m[1], +m[2], +m[3]));
  for (const m of s.matchAll(/(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])/g)) {
    const [a, b, y] = [+m[1], +m[3], fullYear(m[4])];
    add(m.index, iso(y, b, a) ?? iso(y, a, b));
  }
  const dayMonth = new RegExp(`\\b${DAY_RE}(?: of)? ${MONTH_RE}(?:,? ${YEAR_RE})?(?![a-z0-9])`, 'g');
  for (const m of s.matchAll(dayMonth))
    add(m.index, iso(m[3] ? fullYear(m[3]) : undefined, monthOf(m[2]), +m[1]));
  const monthDay = new RegExp(`\\b${MONTH_RE} (?:the )?${DAY_RE}(?:,? ${YEAR_RE})?(?![a-z0-9])`, 'g');
  for (const m of s.matchAll(monthDay))
    add(m.index, iso(m[3] ? fullYear(m[3]) : undefined, monthOf(m[1]), +m[2]));
  for (const m of s.matchAll(/\b(today|tomorrow|yesterday|tonight)\b/g)) {
    add(m.index, m[1] === 'tonight' ? 'today' : m[1]);
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.index - b.index);
  return found[0].value;
}

/** Words of a text for choice matching: lower case, accents and punctuation gone, numbers kept. */
const choiceWords = (s: string) => wordTokens(normalizeText(s), { numbers: true });

function findChoice(values: string[], reply: string): string | undefined {
  const words = choiceWords(reply);
  if (words.length === 0) return undefined;
  type Hit = { value: string; start: number; end: number; cost: number };
  const hits: Hit[] = [];
  for (const value of values) {
    const vw = choiceWords(String(value));
    if (vw.length === 0) continue;
    const target = vw.join(' ');
    const allowed = target.length >= 8 ? 2 : target.length >= 4 ? 1 : 0;
    let best: Hit | undefined;
    for (let i = 0; i + vw.length <= words.length; i++) {
      const window = words.slice(i, i + vw.length).join(' ');
      const cost = editDistance(window, target, allowed);
      if (cost <= allowed && (!best || cost < best.cost))
        best = { value, start: i, end: i + vw.length, cost };
    }
    if (best) hits.push(best);
  }
  if (hits.length === 0) return undefined;
  const minCost = Math.min(...hits.map((h) => h.cost));
  // A value found inside a longer one that was also found ("standard" in "standard plus") yields.
  const kept = hits
    .filter((h) => h.cost === minCost)
    .filter(
      (h, _, all) =>
        !all.some(
          (o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
        ),
    );
  const distinct = new Set(kept.map((h) => h.value));
  return distinct.size === 1 ? kept[0].value : undefined;
}
