import { projectGraph } from '../analysis/graph.js';
import { perText } from '../analysis/memo.js';
import { leadsStraightToPerson } from '../analysis/paths.js';
import { sentencesOf } from '../analysis/questions.js';
import type { Message } from '../flow/types.js';
import { defineRule } from './define.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

const PERSON =
  '(?:person|people|human|agent|someone|somebody|colleague|specialist|team|representative|advis[eo]r|expert|manager|supervisor|staff|operator|member of (?:our|the) team|one of (?:our|us))';
/** The bot says it is passing the customer to a person now, or that a person will come. */
const PROMISES = [
  new RegExp(
    `\\b(?:i['’]ll|i will|let me|i['’]m going to|i am going to|i['’]m|i am|we['’]ll|we will|we['’]re|we are)\\s+(?:now\\s+|just\\s+)?(?:connect(?:ing)?|transfer(?:ring)?|pass(?:ing)?|put(?:ting)?|hand(?:ing)?|get(?:ting)?|find(?:ing)?|bring(?:ing)?|escalat(?:e|ing))\\b.*\\b${PERSON}\\b`,
    'iu',
  ),
  new RegExp(`\\b(?:connecting|transferring|passing|putting)\\s+you\\b.*\\b${PERSON}\\b`, 'iu'),
  new RegExp(
    `\\b(?:an?|one of our|our)\\s+(?:\\w+\\s+)?${PERSON}\\s+will\\s+(?:be with you|join|take over|call|contact|pick|help|get back)`,
    'iu',
  ),
  /\byou['’]ll (?:now )?be (?:connected|transferred|put through|passed)\b/iu,
];
/** An offer or a capability is not a promise: "I can connect you to a person at any time". */
const NOT_NOW =
  /\b(?:i|we)\s+(?:can|could)\b|\b(?:if|whenever|any ?time|would you like|want me to|do you want|shall i|able to|happy to|just ask|just say)\b/iu;

/** The first sentence of a text that promises a person now. */
function promise(text: string): string | undefined {
  return sentencesOf(text).find(
    (s) => !s.endsWith('?') && !NOT_NOW.test(s) && PROMISES.some((re) => re.test(s)),
  );
}

export default defineRule({
  id: 'person-promise',
  category: 'empathy',
  severity: 'error',
  description: 'A message that promises a person is followed by a handoff.',
  messages: {
    goesOn:
      '`{step}` promises a person ("{quote}"), but the conversation goes on to `{next}`, not to a handoff: hand off right after it, or say what will really happen',
    asks: '`{step}` promises a person ("{quote}"), then waits for an answer instead of handing off: hand off right after it, or offer a person as a question',
    ends: '`{step}` promises a person ("{quote}"), then the conversation ends: end with a handoff instead',
    fallback:
      'the fallback message of `{step}` promises a person ("{quote}"), but it is said when the bot asks again, not when it hands off: promise a person only in the step its fallback `then` leads to',
    defaultFallback:
      'the default fallback message in tact.config.yaml promises a person ("{quote}"), but it is said when the bot asks again, not when it hands off: promise a person only in the step its `then` leads to',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    const each = (message: Message | undefined, fn: (quote: string, at: Report['at']) => void) => {
      for (const t of textsOf(message)) {
        const q = perText(project, 'person-promise', t.text, promise);
        if (q) fn(q, t.pos);
      }
    };
    for (const step of graph.steps.values()) {
      const data = (quote: string) => ({ step: step.id, quote, next: step.next?.raw ?? '' });
      if (step.kind === 'ask') {
        each(step.say, (q, at) => reports.push({ messageId: 'asks', data: data(q), at }));
        each(step.ask, (q, at) => reports.push({ messageId: 'asks', data: data(q), at }));
        if (step.fallback && !step.fallback.inherited)
          each(step.fallback.say, (q, at) => reports.push({ messageId: 'fallback', data: data(q), at }));
      } else if (step.kind === 'end') {
        each(step.say, (q, at) => reports.push({ messageId: 'ends', data: data(q), at }));
      } else if (step.kind === 'message' || step.kind === 'action') {
        if (step.next && leadsStraightToPerson(graph, step.next.qid)) continue;
        each(step.say, (q, at) => reports.push({ messageId: 'goesOn', data: data(q), at }));
      }
    }
    // The default fallback of tact.config.yaml is one message: checked once, where it is written.
    const def = project.config.fallback;
    if (def?.say)
      for (const t of textsOf(def.say)) {
        const q = promise(t.text);
        if (q) reports.push({ messageId: 'defaultFallback', data: { quote: q }, at: t.pos });
      }
    return reports;
  },
});
