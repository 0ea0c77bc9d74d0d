import { syllable } from 'syllable';
import { proseWords } from '../analysis/text-tokens.js';
import { defineRule } from './define.js';
import { distinctProjectTexts } from './texts.js';
import type { Report } from './types.js';

type Options = { max_grade: number; min_words: number };

// What a reader does not read as words: `{placeholders}`, links and email addresses.
// Placeholders, links and addresses. Written to stay linear on a long run of text: `[^{}]` stops
// at the next brace, an address starts only at the start of a token.
const NOT_PROSE = /\{[^{}]*\}|\b(?:https?:\/\/|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.\S+/gi;

/**
 * Flesch–Kincaid grade of a text, with its word count, and `margin`: how far the grade could be
 * off on so few words (one standard error of the syllables-per-word average, times the formula's
 * weight of 11.8). The formula was made for passages of a hundred words; on a dozen, two long but
 * everyday words ("appointment", "inconvenience") move it by three grades.
 */
export function fleschKincaid(text: string): {
  grade: number;
  margin: number;
  words: number;
  sentences: number;
} {
  const prose = text.replace(NOT_PROSE, ' ');
  const words = proseWords(prose);
  // A sentence ends at . ! ? (or a line break) followed by space or the end; text without any
  // end mark is one sentence.
  const sentences = prose.split(/[.!?]+(?=\s|$)|\n+/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
  if (words.length === 0 || sentences === 0) return { grade: 0, margin: 0, words: 0, sentences: 0 };
  // A number is read aloud; count it as one syllable rather than the zero `syllable` gives.
  // A "word" of more than 40 letters is an id or a paste, not English: syllable's patterns take
  // time that grows with its square, so it is counted as a third of its letters.
  const counts = words.map((w) => Math.max(1, w.length > 40 ? Math.ceil(w.length / 3) : syllable(w)));
  const n = counts.length;
  const mean = counts.reduce((a, b) => a + b, 0) / n;
  const grade = 0.39 * (n / sentences) + 11.8 * mean - 15.59;
  const variance = n > 1 ? counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { grade, margin: 11.8 * Math.sqrt(variance / n), words: n, sentences };
}

export default defineRule<Options>({
  id: 'readability',
  category: 'language',
  severity: 'warn',
  description: 'A message is harder to read than `max_grade` (Flesch–Kincaid grade, default 8).',
  messages: {
    tooHard:
      'reads at grade {grade} (Flesch–Kincaid, ±{margin} on {words} words), above {max}: use shorter sentences and everyday words ({words} words in {sentences})',
  },
  options: {
    max_grade: { type: 'number', minimum: 0 },
    min_words: { type: 'integer', minimum: 1 },
  },
  defaults: { max_grade: 8, min_words: 12 },
  check(project, options) {
    const max = typeof options.max_grade === 'number' ? options.max_grade : 8;
    const minWords = typeof options.min_words === 'number' ? options.min_words : 12;
    const reports: Report[] = [];
    // The same text recurs across steps and flows: score each distinct text once.
    const scores = new Map<string, ReturnType<typeof fleschKincaid>>();
    for (const { text, pos } of distinctProjectTexts(project)) {
      let score = scores.get(text);
      if (!score) {
        score = fleschKincaid(text);
        scores.set(text, score);
      }
      const { grade, margin, words, sentences } = score;
      // Only a grade above the limit by more than the formula's own uncertainty is reported.
      if (words < minWords || grade - margin <= max) continue;
      reports.push({
        messageId: 'tooHard',
        data: {
          grade: grade.toFixed(1),
          margin: margin.toFixed(1),
          max,
          words,
          sentences: sentences === 1 ? '1 sentence' : `${sentences} sentences`,
        },
        at: pos,
      });
    }
    return reports;
  },
});
