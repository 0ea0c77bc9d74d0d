// PLACEHOLDER written by the lead so other parts compile; the matcher owner replaces it entirely.

/** What the compiler precomputes for the matcher; JSON-serialisable, stored in the bot's `nlu`. */
export interface NluIndex {
  version: 1;
  threshold: number;
  intents: Record<string, string[][]>;
}

export interface IntentMatch {
  /** Best intent id, or 'none' when nothing is above the threshold. */
  intent: string;
  score: number;
  /** Top candidates, best first. */
  ranking: { intent: string; score: number }[];
}

const tokens = (s: string) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/** Precompute the matcher's index from intents and their examples (compile time). */
export function buildNlu(intents: Record<string, { examples: string[] }>): NluIndex {
  const out: Record<string, string[][]> = {};
  for (const [id, i] of Object.entries(intents)) out[id] = i.examples.map(tokens);
  return { version: 1, threshold: 0.5, intents: out };
}

/** The best intent for a customer reply, or `none`. */
export function matchIntent(nlu: NluIndex, text: string): IntentMatch {
  const t = new Set(tokens(text));
  const ranking = Object.entries(nlu.intents)
    .map(([intent, exs]) => ({
      intent,
      score: Math.max(0, ...exs.map((e) => e.filter((w) => t.has(w)).length / Math.max(1, e.length))),
    }))
    .sort((a, b) => b.score - a.score);
  const best = ranking[0];
  return best && best.score >= nlu.threshold
    ? { intent: best.intent, score: best.score, ranking: ranking.slice(0, 5) }
    : { intent: 'none', score: best?.score ?? 0, ranking: ranking.slice(0, 5) };
}
