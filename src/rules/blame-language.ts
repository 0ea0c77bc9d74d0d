import { defineRule } from './define.js';
import { distinctProjectTexts } from './texts.js';
import type { Report } from './types.js';

interface Blame {
  /** Phrases, matched on word boundaries, any case; `'` matches straight and curly apostrophes. */
  phrases: string[];
  /** Words that, right after the phrase, make it harmless ("you didn't receive" is not blame). */
  unless?: string[];
  /** Text right before the phrase that makes it harmless ("if you didn't", "not your fault"). */
  notAfter?: RegExp;
  /** A wording that owns the problem instead. */
  repair: string;
}

const BLAMES: Blame[] = [
  {
    phrases: ['you failed to', 'you have failed to', "you've failed to"],
    repair: "That didn't go through. Let's try again.",
  },
  {
    phrases: ["you didn't", 'you did not', "you haven't", 'you have not'],
    // Reporting what happened to the customer, or asking about it, is not blame.
    unless: [
      'receive',
      'received',
      'get',
      'got',
      'hear',
      'heard',
      'order',
      'ordered',
      'make',
      'made',
      'authorize',
      'authorise',
      'authorized',
      'authorised',
      'request',
      'requested',
      'recognize',
      'recognise',
      'want',
      'need',
      'expect',
      'like',
      'mean',
      'been',
      'yet',
      'see',
      'seen',
      'already',
    ],
    notAfter: /\b(?:if|in case|unless)\s+$/i,
    repair: "I didn't catch that. Could you tell me ...?",
  },
  {
    phrases: [
      'as i already said',
      'as i said',
      "as i've said",
      'like i said',
      'i already told you',
      "i've already told you",
      'as i already mentioned',
      'as i mentioned',
      'as already mentioned',
      'as previously stated',
    ],
    repair: 'To recap, ...',
  },
  {
    phrases: [
      'invalid input',
      'wrong input',
      'invalid entry',
      'invalid response',
      'you entered an invalid',
      'you entered the wrong',
      'you entered a wrong',
      'you typed the wrong',
      'you typed it wrong',
    ],
    repair: "Sorry, I couldn't read that. It looks like AB123456.",
  },
  { phrases: ['you forgot', "you've forgotten"], repair: 'I still need ...' },
  {
    phrases: ['your mistake', 'your fault', 'you made a mistake', 'you made an error'],
    // "It's not your fault" is the opposite of blame.
    notAfter: /(?:\bnot|n['’]t|\bnever)\s+(?:\w+\s+)?$/i,
    repair: 'Something went wrong. Let me fix it.',
  },
  {
    phrases: [
      'you need to read',
      'you should have read',
      'you should have checked',
      'you should have entered',
      'read the instructions',
      'did you even',
      'you were supposed to',
      'you misunderstood',
    ],
    repair: 'Here is how it works: ...',
  },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phraseSource = (p: string) =>
  p
    .split(/\s+/)
    .map((w) => escapeRegExp(w).replace(/'/g, "['’]"))
    .join('\\s+');

const MATCHERS = BLAMES.map((b) => ({
  re: new RegExp(
    `(?<![\\w'’])(?:${b.phrases.map(phraseSource).join('|')})(?![\\w'’])${
      b.unless ? `(?!\\s+(?:${b.unless.join('|')})\\b)` : ''
    }`,
    'giu',
  ),
  notAfter: b.notAfter,
  repair: b.repair,
}));

/** The phrases that blame the customer in one text, each once, in the order they appear. */
export function findBlame(text: string): { phrase: string; repair: string; index: number }[] {
  const found: { phrase: string; repair: string; index: number }[] = [];
  const seen = new Set<string>();
  for (const m of MATCHERS) {
    for (const hit of text.matchAll(m.re)) {
      const index = hit.index ?? 0;
      if (m.notAfter?.test(text.slice(Math.max(0, index - 40), index))) continue;
      const phrase = hit[0].replace(/\s+/g, ' ');
      if (seen.has(phrase.toLowerCase())) continue;
      seen.add(phrase.toLowerCase());
      found.push({ phrase, repair: m.repair, index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export default defineRule({
  id: 'blame-language',
  category: 'empathy',
  severity: 'warn',
  description:
    'A message blames the customer ("you failed to", "you didn\'t", "as I already said", "invalid input").',
  messages: {
    blames: '"{phrase}" blames the customer: own the problem instead, e.g. "{repair}"',
  },
  check(project) {
    const reports: Report[] = [];
    // The same text recurs across steps and flows: look at each distinct text once.
    const found = new Map<string, ReturnType<typeof findBlame>>();
    for (const { text, pos } of distinctProjectTexts(project)) {
      let blames = found.get(text);
      if (!blames) {
        blames = findBlame(text);
        found.set(text, blames);
      }
      for (const b of blames)
        reports.push({ messageId: 'blames', data: { phrase: b.phrase, repair: b.repair }, at: pos });
    }
    return reports;
  },
});
