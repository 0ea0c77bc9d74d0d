import { buildGraph } from '../analysis/graph.js';
import { stepsReachingPerson } from '../analysis/paths.js';
import type { Step } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/**
 * An ask step that takes any reply and goes on (no collect, options or routes; a `next`) never
 * falls back: the runtime accepts every reply there (runtime/step.ts, "accepts any reply").
 */
const acceptsAnyReply = (s: Step) =>
  !s.collect && (s.options ?? []).length === 0 && (s.routes ?? []).length === 0 && s.next !== undefined;

export default defineRule<{ max_tries: number }>({
  id: 'fallback-escalates',
  category: 'empathy',
  severity: 'error',
  description: 'When the bot keeps not understanding, the customer is passed to a person after a few tries.',
  messages: {
    noFallback:
      'when the bot does not understand the customer at `{step}`, it asks again forever: add a `fallback` whose `then` leads to a handoff (or a default `fallback` in tact.config.yaml)',
    noThen:
      'the fallback {whose} has no `then`, so a customer the bot does not understand is asked again forever: add `then:` leading to a handoff',
    thenNoPerson:
      'after {max} failed tries {whose_lower} sends the customer to `{target}`, from which no person can be reached: send it to a handoff',
    tooMany:
      '{whose_upper} lets the customer fail {max} times before a person is offered: at most {max_tries}',
  },
  options: { max_tries: { type: 'integer', minimum: 1 } },
  defaults: { max_tries: 3 },
  check(project, options) {
    const graph = buildGraph(project);
    const person = stepsReachingPerson(graph);
    const maxTries = typeof options.max_tries === 'number' ? options.max_tries : 3;
    const reports: Report[] = [];
    for (const step of graph.steps.values()) {
      if (step.kind !== 'ask' || acceptsAnyReply(step)) continue;
      const fb = step.fallback;
      if (!fb) {
        reports.push({ messageId: 'noFallback', data: { step: step.id }, at: step.pos });
        continue;
      }
      // A problem in the project default is reported at each step that uses it, so it can be
      // seen (and silenced) where the customer meets it.
      const at = fb.inherited ? step.pos : fb.pos;
      const whose = fb.inherited
        ? `of \`${step.id}\` (the default in tact.config.yaml)`
        : `of \`${step.id}\``;
      const data = {
        step: step.id,
        max: Math.max(1, fb.max),
        max_tries: maxTries,
        whose,
        whose_lower: `the fallback ${whose}`,
        whose_upper: `the fallback ${whose}`.replace(/^t/, 'T'),
      };
      if (!fb.then) reports.push({ messageId: 'noThen', data, at });
      else if (graph.steps.has(fb.then.qid) && !person.has(fb.then.qid)) {
        const target = fb.then.qid.startsWith(`${step.flow}/`) ? fb.then.raw : fb.then.qid;
        reports.push({ messageId: 'thenNoPerson', data: { ...data, target }, at });
      }
      if (fb.max > maxTries) reports.push({ messageId: 'tooMany', data, at });
    }
    return reports;
  },
});
