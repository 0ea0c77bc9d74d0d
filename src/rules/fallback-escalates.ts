import { projectGraph, replyCanFail } from '../analysis/graph.js';
import { projectPersonSteps } from '../analysis/paths.js';
import type { Pos, Step, Target } from '../flow/types.js';
import { fallbackMax } from '../runtime/routing.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

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
    const graph = projectGraph(project);
    const person = projectPersonSteps(project);
    const maxTries = typeof options.max_tries === 'number' ? options.max_tries : 3;
    const reports: Report[] = [];
    const def = project.config.fallback;
    // Steps where the project default decides: the whole fallback, or only its `then`.
    const usingDefault: Step[] = [];
    const usingDefaultThen: Step[] = [];
    const fromDefault = (t: Target | undefined) =>
      t !== undefined && def?.then !== undefined && samePos(t.pos, def.then.pos);
    const check = (
      fb: { max: number; then?: Target; pos: Pos },
      whose: string,
      flow: string | undefined,
      parts: { then: boolean; max: boolean },
    ) => {
      const data = {
        max: fallbackMax(fb.max),
        max_tries: maxTries,
        whose,
        whose_lower: `the fallback ${whose}`,
        whose_upper: `the fallback ${whose}`.replace(/^t/, 'T'),
      };
      if (parts.then && !fb.then) reports.push({ messageId: 'noThen', data, at: fb.pos });
      else if (parts.then && fb.then && graph.steps.has(fb.then.qid) && !person.has(fb.then.qid)) {
        const target = flow && fb.then.qid.startsWith(`${flow}/`) ? fb.then.raw : fb.then.qid;
        reports.push({ messageId: 'thenNoPerson', data: { ...data, target }, at: fb.pos });
      }
      if (parts.max && fb.max > maxTries) reports.push({ messageId: 'tooMany', data, at: fb.pos });
    };
    for (const step of graph.steps.values()) {
      // A question that takes every reply (free text, or only `next`) never falls back.
      if (step.kind !== 'ask' || !replyCanFail(project, step)) continue;
      const fb = step.fallback;
      if (!fb) {
        reports.push({ messageId: 'noFallback', data: { step: step.id }, at: step.pos });
        continue;
      }
      if (fb.inherited) {
        usingDefault.push(step);
        continue;
      }
      const thenIsDefault = fromDefault(fb.then);
      if (thenIsDefault) usingDefaultThen.push(step);
      check(fb, `of \`${step.id}\``, step.flow, { then: !thenIsDefault, max: true });
    }
    // The project default is written once: a problem in it is reported once, where it is defined,
    // naming the steps that use it.
    const users = [...usingDefault, ...usingDefaultThen];
    if (def && users.length > 0) {
      const names = users.map((s) => `\`${s.qid}\``);
      const shown =
        names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      check(
        def,
        `in tact.config.yaml (the default of ${plural(users.length, 'ask step')}: ${shown})`,
        undefined,
        {
          then: true,
          max: usingDefault.length > 0,
        },
      );
    }
    return reports;
  },
});

const samePos = (a: Pos, b: Pos) => a.file === b.file && a.line === b.line && a.column === b.column;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
