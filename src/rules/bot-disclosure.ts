import { saysItIsABot } from '../analysis/disclosure.js';
import { firstMessages, projectGraph } from '../analysis/graph.js';
import type { Message, Pos } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

export default defineRule<{ phrases: string[] }>({
  id: 'bot-disclosure',
  category: 'empathy',
  severity: 'warn',
  description: 'The bot’s first message says it is an automated assistant.',
  messages: {
    notDisclosed:
      "the bot's first message does not say it is an automated assistant, so a customer may think they are talking to a person: say so (e.g. \"I'm Acme's virtual assistant\")",
  },
  options: { phrases: { type: 'array', items: { type: 'string' } } },
  defaults: { phrases: [] },
  check(project, options) {
    const phrases = Array.isArray(options.phrases)
      ? options.phrases.filter((p) => typeof p === 'string')
      : [];
    const graph = projectGraph(project);
    // The first message: the first `say` (or `ask`) reached from each root, following every way
    // on through steps that say nothing (branches, actions).
    const firsts = firstMessages(graph, graph.roots, { throughAsks: true });
    const reports: Report[] = [];
    const done = new Set<string>();
    for (const m of firsts) {
      // Every variant: list variants rotate on later visits, sentiment variants by the customer's mood.
      const texts = variantsWithPos(m);
      for (const { text, pos } of texts) {
        const key = `${pos.file}:${pos.line}:${pos.column}`;
        if (done.has(key) || saysItIsABot(text, phrases)) continue;
        done.add(key);
        reports.push({ messageId: 'notDisclosed', at: pos });
      }
    }
    return reports;
  },
});

/** Each text of a message with its own position (textPos is in the order of the variants). */
function variantsWithPos(m: Message): { text: string; pos: Pos }[] {
  const texts =
    m.value.kind === 'text'
      ? m.value.variants
      : (['default', 'positive', 'neutral', 'negative', 'very_negative'] as const).flatMap(
          (k) => (m.value.kind === 'sentiment' ? m.value.variants[k] : undefined) ?? [],
        );
  return texts.map((text, i) => ({ text, pos: m.textPos[i] ?? m.pos }));
}
