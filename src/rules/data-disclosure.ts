import { type Edge, pathTo, projectGraph, searchFrom, toPathSteps } from '../analysis/graph.js';
import { dataRef } from '../analysis/paths.js';
import type { DataDef, Step } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/**
 * Does the step's message explain how this data is used? `discloses` names data as written in
 * its flow (`email`) or qualified (`billing/email`); a plain name also covers data of that name in
 * another flow, since a privacy message about "your email" is about the customer's email.
 */
export function disclosesData(step: Step | undefined, data: DataDef): boolean {
  const d = step?.discloses;
  if (!d) return false;
  return d.all || d.names.some((n) => n.name === data.name || n.name === data.qid);
}

export default defineRule({
  id: 'data-disclosure',
  category: 'empathy',
  severity: 'error',
  description: 'Before the bot asks for personal data, it says how the data will be used.',
  messages: {
    undisclosed:
      'the customer can be asked for `{data}` at `{step}` without being told how it will be used: add a step with `discloses: [{data}]` before it (or on it)',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    // Which steps disclose a data name as written (`email` or `billing/email`): data that share a
    // name and the steps that name them by qualified id are stopped by the same steps, so one walk
    // serves them all.
    const byName = new Map<string, string[]>();
    for (const s of graph.steps.values())
      for (const n of s.discloses?.names ?? []) {
        const list = byName.get(n.name) ?? [];
        list.push(s.qid);
        byName.set(n.name, list);
      }
    const trees = new Map<string, Map<string, Edge | undefined>>();
    for (const step of graph.steps.values()) {
      if (!step.collect) continue;
      const data = dataRef(project, step.flow, step.collect.name);
      if (!data?.personal || disclosesData(step, data)) continue;
      // Walk from the entry without passing any step that tells the customer about this data.
      const key = `${data.name}\u0000${(byName.get(data.qid) ?? []).join(',')}`;
      let tree = trees.get(key);
      if (!tree) {
        tree = searchFrom(graph, graph.roots, (e) => !disclosesData(graph.steps.get(e.from), data));
        trees.set(key, tree);
      }
      if (!tree.has(step.qid)) continue;
      reports.push({
        messageId: 'undisclosed',
        data: { data: data.name, step: step.id },
        at: step.collect.pos,
        path: toPathSteps(graph, pathTo(tree, step.qid)),
      });
    }
    return reports;
  },
});
