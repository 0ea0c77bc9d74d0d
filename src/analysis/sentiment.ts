// PLACEHOLDER written by the lead so other parts compile; the analyzer owner replaces it entirely.
import type { SentimentLabel, SentimentThresholds } from '../flow/types.js';

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive) */
  score: number;
  label: SentimentLabel;
  /** The words or marks that decided the score. */
  evidence: string[];
}

export const DEFAULT_THRESHOLDS: SentimentThresholds = { positive: 0.25, negative: -0.25, very_negative: -0.6 };

/** The label for a score under the given thresholds. */
export function labelSentiment(score: number, t: SentimentThresholds = DEFAULT_THRESHOLDS): SentimentLabel {
  if (score <= t.very_negative) return 'very_negative';
  if (score <= t.negative) return 'negative';
  if (score >= t.positive) return 'positive';
  return 'neutral';
}

/** Sentiment of what a customer writes. */
export function analyzeSentiment(text: string, thresholds: SentimentThresholds = DEFAULT_THRESHOLDS): SentimentResult {
  const neg = (text.match(/\b(angry|broken|worst|terrible|still waiting|never)\b/gi) ?? []).length;
  const pos = (text.match(/\b(thanks|great|love|perfect)\b/gi) ?? []).length;
  const score = Math.max(-1, Math.min(1, (pos - neg) / 2));
  return { score, label: labelSentiment(score, thresholds), evidence: [] };
}
