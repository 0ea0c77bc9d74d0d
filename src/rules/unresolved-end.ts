import { type Edge, projectGraph, stepsThatReach, toPathSteps } from '../analysis/graph.js';
import { dataRef, HUMAN_INTENT, shortestStatePath } from '../analysis/paths.js';
import type { Project, Step } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/**
 * Did the customer's answer at this edge choose a person? An option (a quick reply they saw), a
 * route the designer put on the step for this question (not the catch-all `human` intent, not a
 * sentiment), or the answer to a yes/no or pick-one question (`next` of a boolean or choice collect).
 */
function isChoice(project: Project, step: Step, e: Edge): boolean {
  if (e.kind === 'option') return true;
  if (e.kind === 'route') {
    const when = e.route?.when;
    if (!when || 'sentiment' in when) return false;
    return (
      !('intent' in when) || (when.intent !== HUMAN_INTENT && !project.intents.get(when.intent)?.sensitive)
    );
  }
  if (e.kind === 'next' && step.collect) {
    const type = dataRef(project, step.flow, step.collect.name)?.type;
    return type === 'boolean' || type === 'choice';
  }
  return false;
}

export default defineRule({
  id: 'unresolved-end',
  category: 'empathy',
  severity: 'warn',
  description: 'A conversation does not end unresolved without the customer being offered a person.',
  messages: {
    unresolved:
      'the conversation can end unresolved at `{step}` without the customer being offered a person: end with a handoff instead, or offer one first (an option leading to a handoff at the last question)',
  },
  check(project) {
    const graph = projectGraph(project);
    // Steps that reach a handoff without asking anything more.
    const toPersonNow = stepsThatReach(
      graph,
      (s) => s.kind === 'handoff',
      (e) => graph.steps.get(e.from)?.kind !== 'ask',
    );
    const offers = new Set<string>();
    for (const step of graph.steps.values())
      if (
        step.kind === 'ask' &&
        (graph.out.get(step.qid) ?? []).some((e) => toPersonNow.has(e.to) && isChoice(project, step, e))
      )
        offers.add(step.qid);

    const reports: Report[] = [];
    for (const end of graph.steps.values()) {
      if (end.kind !== 'end' || end.end?.outcome !== 'unresolved') continue;
      // State: did the last question on the way offer a person?
      const path = shortestStatePath<boolean>(
        graph,
        false,
        (e, offered) => {
          const from = graph.steps.get(e.from)!;
          return from.kind === 'ask' ? offers.has(from.qid) : offered;
        },
        (qid, offered) => qid === end.qid && !offered,
      );
      if (path)
        reports.push({
          messageId: 'unresolved',
          data: { step: end.id },
          at: end.end.pos,
          path: toPathSteps(graph, path),
        });
    }
    return reports;
  },
});
