import { dataRef, projectGraph, type StepGraph, stepCandidates } from '../analysis/graph.js';
import { type Answer, intentMeans, lastQuestion, meansAnswer, questionKind } from '../analysis/questions.js';
import type { Project, Step } from '../flow/types.js';
import { type Candidate, canFail, liveCandidates } from '../runtime/routing.js';
import { defineRule } from './define.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

/** Does this candidate take the answer "yes" (or "no") somewhere on purpose? */
function takes(project: Project, step: Step, c: Candidate, answer: Answer): boolean {
  switch (c.test.type) {
    case 'label': {
      const o = step.options?.[c.index];
      return (
        o !== undefined &&
        (meansAnswer(o.label, answer) || (o.intent !== undefined && intentMeans(project, o.intent, answer)))
      );
    }
    case 'intent':
      return c.source !== 'answer' && intentMeans(project, c.test.intent, answer);
    case 'value': {
      const def = step.collect ? dataRef(project, step.flow, step.collect.name) : undefined;
      if (def?.type === 'boolean' || c.test.freeText) return true;
      return def?.type === 'choice' && (def.values ?? []).some((v) => meansAnswer(v, answer));
    }
    default:
      return false;
  }
}

const quote = (answers: Answer[]) => answers.map((a) => `"${a}"`).join(answers.length === 2 ? ' nor ' : '');

/** The `say` texts of steps that end the conversation without another question: an end, or messages on the way to one. */
function endsWithoutAsking(graph: StepGraph, step: Step): boolean {
  const seen = new Set<string>();
  for (let s: Step | undefined = step; s && !seen.has(s.qid); s = s.next && graph.steps.get(s.next.qid)) {
    if (s.kind === 'end') return true;
    if (s.kind !== 'message' && s.kind !== 'action') return false;
    seen.add(s.qid);
  }
  return false;
}

export default defineRule({
  id: 'yes-no-question',
  category: 'empathy',
  severity: 'warn',
  description: 'A yes/no question understands both "yes" and "no", and is asked where the answer is read.',
  messages: {
    unrouted:
      '`{step}` asks a yes/no question ("{question}"), but neither {answers} is understood: the answer is a failed try, so {what}: add options "Yes" and "No", or routes on intents with examples like "yes" and "no thanks", or collect a `boolean`',
    unroutedOne:
      '`{step}` asks a yes/no question ("{question}"), but a {answers} is not understood: the answer is a failed try, so {what}: add an option "{label}", or a route on an intent with examples like "{example}"',
    sameWay:
      '`{step}` asks a yes/no question ("{question}"), but takes any reply and goes on to `{next}`, so "yes" and "no" lead to the same place: route each answer',
    ends: '`{step}` asks "{question}" and then the conversation ends, so the answer is never read: ask it at an ask step that routes "yes" and "no", or end without a question',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    for (const step of graph.steps.values()) {
      if (step.kind !== 'ask') {
        // A question said on the way out: the customer's answer goes nowhere.
        if (!endsWithoutAsking(graph, step)) continue;
        for (const t of textsOf(step.say)) {
          if (!questionKind(t.text)) continue;
          reports.push({
            messageId: 'ends',
            data: { step: step.id, question: lastQuestion(t.text)! },
            at: t.pos,
          });
          break;
        }
        continue;
      }
      const asked = textsOf(step.ask).find((t) => questionKind(t.text) !== undefined);
      if (!asked) continue;
      const kind = questionKind(asked.text)!;
      const question = lastQuestion(asked.text)!;
      const candidates = stepCandidates(project, step);
      const live = liveCandidates(candidates);
      if (live.some((c) => c.source === 'accept') && kind === 'yes-no') {
        reports.push({
          messageId: 'sameWay',
          data: { step: step.id, question, next: step.next?.raw ?? '' },
          at: asked.pos,
        });
        continue;
      }
      const wanted: Answer[] = kind === 'yes-no' ? ['yes', 'no'] : ['no'];
      const missing = wanted.filter((a) => !live.some((c) => takes(project, step, c, a)));
      if (missing.length === 0 || !canFail(candidates)) continue;
      const fb = step.fallback;
      const what = !fb
        ? 'the bot asks again for ever'
        : fb.then
          ? `the bot falls back and asks again, and after ${fb.max} tries sends the customer to \`${fb.then.raw}\``
          : 'the bot falls back and asks again, for ever';
      const data = {
        step: step.id,
        question,
        answers: quote(missing),
        what,
        label: missing[0] === 'yes' ? 'Yes' : 'No',
        example: missing[0] === 'yes' ? 'yes' : 'no thanks',
      };
      reports.push({ messageId: missing.length === 2 ? 'unrouted' : 'unroutedOne', data, at: asked.pos });
    }
    return reports;
  },
});
