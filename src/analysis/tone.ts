// PLACEHOLDER written by the lead so other parts compile; the analyzer owner replaces it entirely.
export type BotTone = 'empathetic' | 'upbeat' | 'neutral' | 'blunt';

export interface ToneResult {
  tone: BotTone;
  /** The words or marks that decided the tone, quoted from the text. */
  evidence: string[];
}

/** Tone of what the bot writes. */
export function analyzeTone(text: string): ToneResult {
  const sorry = text.match(/\b(sorry|apologi[sz]e|understand)\b/i);
  if (sorry) return { tone: 'empathetic', evidence: [sorry[0]] };
  const hype = text.match(/\b(great|awesome|amazing)\b|!!/i);
  if (hype) return { tone: 'upbeat', evidence: [hype[0]] };
  return { tone: 'neutral', evidence: [] };
}
