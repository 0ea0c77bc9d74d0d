import { dataRef, type Edge, projectGraph, toPathSteps } from '../analysis/graph.js';
import { shortestStatePath } from '../analysis/paths.js';
import type { Step } from '../flow/types.js';
import { defineRule } from './define.js';
import { placeholdersIn } from './refs.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

/** The data a move stores: a collect's value, or what an action `sets`. */
function stored(project: Parameters<typeof dataRef>[0], from: Step, e: Edge): string[] {
  if (from.kind === 'ask' && e.move === 'collect' && from.collect)
    return [dataRef(project, from.flow, from.collect.name)?.qid ?? ''];
  if (from.kind === 'action')
    return (from.sets ?? []).map((s) => dataRef(project, from.flow, s.name)?.qid ?? '');
  return [];
}

/**
 * A `{placeholder}` in a message is filled in on every path to it. The runtime puts nothing in
 * place of data that was never collected or set ("You already have a plan for  in your
 * account"), so some path from the entry that reaches the message without it is reported, with
 * that path. Data counts as set after the collect that stores it or the action that `sets` it.
 */
export default defineRule({
  id: 'unset-placeholder',
  category: 'language',
  severity: 'warn',
  description: 'A `{placeholder}` is collected or set on every path to the message that shows it.',
  messages: {
    unset:
      '`{{name}}` can be empty here: this path reaches `{step}` without `{name}` being collected or set, and the customer sees nothing in its place: ask for it or set it on every way here, or leave it out of this message',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    // A message written once and used by several steps (a YAML alias) is reported once.
    const reported = new Set<string>();
    for (const step of graph.steps.values()) {
      const flow = project.flows.get(step.flow);
      if (!flow) continue;
      const texts = [
        ...textsOf(step.say),
        ...textsOf(step.ask),
        ...(step.fallback?.inherited ? [] : textsOf(step.fallback?.say)),
      ];
      const done = new Set<string>();
      for (const t of texts) {
        for (const name of placeholdersIn(t.text)) {
          const def = dataRef(project, step.flow, name);
          if (!def || done.has(def.qid)) continue; // unknown-data reports an undeclared name
          done.add(def.qid);
          const path = shortestStatePath<boolean>(
            graph,
            false,
            (e, set) => set || stored(project, graph.steps.get(e.from)!, e).includes(def.qid),
            (qid, set) => qid === step.qid && !set,
            (set) => (set ? '1' : '0'),
          );
          const key = `${t.pos.file}:${t.pos.line}:${t.pos.column}:${def.qid}`;
          if (path && !reported.has(key)) {
            reported.add(key);
            reports.push({
              messageId: 'unset',
              data: { name, step: step.id },
              at: t.pos,
              path: toPathSteps(graph, path),
            });
          }
        }
      }
    }
    return reports;
  },
});
