import { type Edge, projectGraph, type StepGraph, toPathSteps } from '../analysis/graph.js';
import { perText } from '../analysis/memo.js';
import { HUMAN_INTENT, shortestStatePath } from '../analysis/paths.js';
import { lastQuestion, sentencesOf as splitSentences } from '../analysis/questions.js';
import type { Pos, Step } from '../flow/types.js';
import { defineRule } from './define.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

const GOODBYE =
  /\b(?:good ?bye|bye(?: for now)?|farewell|have a (?:nice|good|great|lovely|wonderful) (?:day|evening|night|weekend|one)|take care|talk (?:to you )?soon|see you)\b/iu;
/** The bot says the customer asked for a person. */
const ACK_PERSON =
  /\b(?:(?:i understand|i see|i hear|since|as|because|so|now that)\s+(?:that\s+)?you(?:['’]d| would| have)?\s+(?:like|want(?:ed)?|wish(?:ed)?|asked|prefer(?:red)?|requested)\s+(?:to\s+(?:speak|talk|chat)\s+(?:to|with)\s+|for\s+)?(?:a |an )?(?:real\s+|live\s+)?(?:person|human|agent|someone|representative)|you(?:['’]ve| have)?\s+(?:asked|requested)\s+(?:for|to speak to|to talk to)\s+(?:a |an )?(?:real\s+|live\s+)?(?:person|human|agent|someone|representative))\b/iu;
const PERSON_WORDS =
  /\b(?:person|human|agent|someone|representative|staff|operator|team member|advis[eo]r)\b/iu;

/** The texts the bot says in one go from a step on, until it waits: its say, its ask, then on through messages. */
function turnFrom(graph: StepGraph, step: Step): { step: Step; text: string; pos: Pos }[] {
  const out: { step: Step; text: string; pos: Pos }[] = [];
  const seen = new Set<string>();
  for (let s: Step | undefined = step; s && !seen.has(s.qid); s = s.next && graph.steps.get(s.next.qid)) {
    seen.add(s.qid);
    for (const t of textsOf(s.say).slice(0, 1)) out.push({ step: s, text: t.text, pos: t.pos });
    for (const t of textsOf(s.ask).slice(0, 1)) out.push({ step: s, text: t.text, pos: t.pos });
    if (s.kind !== 'message' && s.kind !== 'action') break;
  }
  return out;
}

/** Did this move come from the customer asking for a person? */
function askedForPerson(e: Edge): boolean {
  const when = e.route?.when;
  if (when && 'intent' in when) return when.intent === HUMAN_INTENT;
  if (e.option) return e.option.intent === HUMAN_INTENT || PERSON_WORDS.test(e.option.label);
  return false;
}

/**
 * Two things in a row that cannot both be meant: a goodbye followed by a question in the same
 * turn ("Goodbye! Anything else?"), and "I understand you want a person" reached on a way where
 * the customer never asked for one (a fallback, another intent, a bad mood).
 */
export default defineRule({
  id: 'contradiction',
  category: 'empathy',
  severity: 'warn',
  description:
    'The bot does not contradict itself: no question after a goodbye, no "you asked for a person" when they did not.',
  messages: {
    goodbyeThenQuestion:
      'the bot says goodbye ("{goodbye}") and then asks "{question}" in the same turn: ask first and say goodbye at the end, or leave one out',
    unaskedPerson:
      '`{step}` says the customer asked for a person ("{quote}"), but this path reaches it without them asking: say why a person is taking over instead (or only come here from a request for one)',
  },
  check(project) {
    // The sentences of each distinct text, split once (steps of a bot repeat their texts).
    const sentencesOf = (text: string) => perText(project, 'sentences', text, splitSentences);
    const graph = projectGraph(project);
    const reports: Report[] = [];
    const reported = new Set<string>();
    for (const step of graph.steps.values()) {
      // Goodbye then a question, in what the bot says before the customer can answer.
      const turn = turnFrom(graph, step);
      const bye = turn.findIndex((t) => sentencesOf(t.text).some((s) => GOODBYE.test(s) && !s.endsWith('?')));
      if (bye >= 0) {
        const byeText = turn[bye];
        const sentences = sentencesOf(byeText.text);
        const at = sentences.findIndex((s) => GOODBYE.test(s));
        const sameText = sentences.slice(at + 1).find((s) => s.endsWith('?'));
        const later = turn.slice(bye + 1).find((t) => lastQuestion(t.text) !== undefined);
        const question = sameText ?? (later ? lastQuestion(later.text) : undefined);
        const key = `${byeText.pos.file}:${byeText.pos.line}:${byeText.pos.column}`;
        if (question && byeText.step.qid === step.qid && !reported.has(key)) {
          reported.add(key);
          reports.push({
            messageId: 'goodbyeThenQuestion',
            data: { goodbye: sentences[at], question },
            at: byeText.pos,
          });
        }
      }
      // "You asked for a person", on a way where they did not.
      for (const t of [...textsOf(step.say), ...textsOf(step.ask)]) {
        const quote = sentencesOf(t.text).find((s) => ACK_PERSON.test(s));
        if (!quote) continue;
        const path = shortestStatePath<boolean>(
          graph,
          false,
          (e, asked) => (graph.steps.get(e.from)?.kind === 'ask' ? askedForPerson(e) : asked),
          (qid, asked) => qid === step.qid && !asked,
        );
        if (path)
          reports.push({
            messageId: 'unaskedPerson',
            data: { step: step.id, quote },
            at: t.pos,
            path: toPathSteps(graph, path),
          });
        break;
      }
    }
    return reports;
  },
});
