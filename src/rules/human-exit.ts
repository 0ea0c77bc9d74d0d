import {
  edgesInto,
  entryTree,
  pathTo,
  projectGraph,
  stepsThatReach,
  toPathSteps,
} from '../analysis/graph.js';
import {
  HUMAN_INTENT,
  leadsStraightToPerson,
  projectPersonSteps,
  routeForIntent,
} from '../analysis/paths.js';
import type { Step } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

const local = (qid: string) => qid.slice(qid.indexOf('/') + 1);

/**
 * Two checks:
 * 1. at every reachable ask step, the reply "I want a person" (intent `human`) is routed, the way
 *    the runtime routes it, to a step from which a handoff can be reached;
 * 2. no reachable step leads only to places without a person, unless every way on from it can
 *    still end `resolved`. Only the first step of such a region is reported (where the customer
 *    loses the way to a person), not every step inside it.
 */
export default defineRule({
  id: 'human-exit',
  category: 'empathy',
  severity: 'error',
  description: 'At every step the customer can reach a person, and asking for one is routed to a handoff.',
  messages: {
    notRouted:
      'a customer at `{step}` who asks for a person is not routed to one: route intent `human` to a handoff (step, flow handlers or global handlers)',
    notRoutedOption:
      'a customer at `{step}` who types that they want a person is not routed to one: option "{label}" leads to a person, so add `intent: human` to it, or route intent `human` to a handoff',
    routedNowhere:
      'a customer at `{step}` who asks for a person is sent to `{target}` (by the {via}), from which no person can be reached: route intent `human` to a handoff',
    noWayOut:
      'from `{step}` on the customer can no longer reach a person, and the conversation can {how}: add a way to a handoff, or end every path with `end: resolved`',
  },
  check(project) {
    const graph = projectGraph(project);
    const tree = entryTree(project);
    const person = projectPersonSteps(project);
    const reports: Report[] = [];
    const reported = new Set<string>();

    for (const qid of tree.keys()) {
      const step = graph.steps.get(qid)!;
      if (step.kind !== 'ask') continue;
      const routing = routeForIntent(project, step, HUMAN_INTENT);
      if (routing && (!graph.steps.has(routing.target.qid) || person.has(routing.target.qid))) continue;
      const path = toPathSteps(graph, pathTo(tree, qid));
      reported.add(qid);
      if (!routing) {
        // Name an option only when it is itself the way to a person, not one from which a person is
        // reachable much later.
        const option = (step.options ?? []).find((o) => leadsStraightToPerson(graph, o.goto.qid));
        reports.push(
          option
            ? {
                messageId: 'notRoutedOption',
                data: { step: step.id, label: option.label },
                at: step.pos,
                path,
              }
            : { messageId: 'notRouted', data: { step: step.id }, at: step.pos, path },
        );
      } else {
        const via = {
          route: "step's route",
          handler: "flow's handler",
          global: 'global handler',
          option: 'option',
        }[routing.via];
        const target = routing.target.qid.startsWith(`${step.flow}/`)
          ? local(routing.target.qid)
          : routing.target.qid;
        reports.push({
          messageId: 'routedNowhere',
          data: { step: step.id, target, via },
          at: step.pos,
          path,
        });
      }
    }

    // A step is fine without a person when everything reachable from it can still end resolved;
    // "bad" steps can reach a step that cannot (an unresolved end, a dead end, a closed loop).
    const resolving = stepsThatReach(graph, (s) => s.kind === 'end' && s.end?.outcome === 'resolved');
    const bad = stepsThatReach(graph, (s) => !resolving.has(s.qid));
    const isBad = (qid: string) => !person.has(qid) && bad.has(qid);
    const roots = new Set(graph.roots);
    // Entered from a reachable step that still has a way to a person.
    const enteredFromSafety = (qid: string) =>
      edgesInto(graph, qid).some((e) => tree.has(e.from) && !isBad(e.from));
    for (const qid of tree.keys()) {
      // Report where the way to a person is lost: a root, or a step entered from one that had it.
      if (!isBad(qid) || reported.has(qid) || !(roots.has(qid) || enteredFromSafety(qid))) continue;
      const step = graph.steps.get(qid)!;
      reports.push({
        messageId: 'noWayOut',
        data: { step: step.id, how: describeTrap(graph.steps, graph.out, qid, resolving) },
        at: step.pos,
        path: toPathSteps(graph, pathTo(tree, qid)),
      });
    }
    return reports;
  },
});

/** Say how the conversation can go wrong from a step without a person: the nearest cause. */
function describeTrap(
  steps: Map<string, Step>,
  out: Map<string, { to: string }[]>,
  from: string,
  resolving: Set<string>,
): string {
  const seen = new Set([from]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const s = steps.get(queue[i])!;
    const edges = out.get(s.qid) ?? [];
    if (s.kind === 'end' && s.end?.outcome !== 'resolved') return `end unresolved at \`${s.id}\``;
    if (edges.length === 0 && s.kind !== 'end') return `stop at \`${s.id}\` with nowhere to go`;
    for (const e of edges)
      if (!seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
  }
  const loop = queue.find((q) => !resolving.has(q)) ?? from;
  return `go round without end from \`${steps.get(loop)?.id ?? loop}\``;
}
