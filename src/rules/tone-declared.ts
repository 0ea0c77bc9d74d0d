import { perText } from '../analysis/memo.js';
import { analyzeTone, type BotTone, type ToneResult } from '../analysis/tone.js';
import type { Message, Tone } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/**
 * The measured tone each declared tone agrees with. Apologetic and reassuring are kinds of
 * empathetic to the analyzer. A blunt message never agrees: no designer means a step to sound curt,
 * and one declared `neutral` that reads blunt sounds colder than they think.
 */
const AGREES: Record<Tone, BotTone> = {
  empathetic: 'empathetic',
  apologetic: 'empathetic',
  reassuring: 'empathetic',
  upbeat: 'upbeat',
  neutral: 'neutral',
};

/**
 * The texts a step's declared tone describes. For a map of sentiment variants, only `default`:
 * the other variants adapt to the customer on purpose (tone-sentiment checks the upset ones).
 */
function declaredTexts(m: Message | undefined): string[] {
  if (!m) return [];
  return m.value.kind === 'text' ? m.value.variants : (m.value.variants.default ?? []);
}

/**
 * What the customer hears on each visit: the `say` then the `ask` of that visit (variants are used
 * in turn, so visit i says variant i of each, cycling the shorter list).
 */
function utterances(say: string[], ask: string[]): string[] {
  if (say.length === 0 || ask.length === 0) return [...say, ...ask];
  const n = Math.max(say.length, ask.length);
  return Array.from({ length: n }, (_, i) => `${say[i % say.length]} ${ask[i % ask.length]}`);
}

export default defineRule({
  id: 'tone-declared',
  category: 'empathy',
  severity: 'warn',
  description: "A step's declared `tone` disagrees with the tone the analyzer measures in its message.",
  messages: {
    disagrees:
      'declared `{declared}` but the message reads {measured} ({evidence}): reword "{text}" or change the declared tone',
  },
  check(project) {
    const reports: Report[] = [];
    for (const flow of project.flows.values()) {
      for (const step of flow.steps.values()) {
        if (!step.tone) continue;
        const want = AGREES[step.tone.value];
        if (!want) continue;
        for (const text of utterances(declaredTexts(step.say), declaredTexts(step.ask))) {
          const r: ToneResult = perText(project, 'tone', text, analyzeTone);
          if (r.tone === want) continue;
          reports.push({
            messageId: 'disagrees',
            data: {
              declared: step.tone.value,
              measured: r.tone,
              evidence:
                r.evidence.length > 0
                  ? r.evidence.map((e) => `"${e}"`).join(', ')
                  : `no words that make it ${want}`,
              text: text.length > 60 ? `${text.slice(0, 57)}...` : text,
            },
            at: step.tone.pos,
            evidence: r.evidence,
          });
          // One finding per step: they would all point at the same `tone` node.
          break;
        }
      }
    }
    return reports;
  },
});
