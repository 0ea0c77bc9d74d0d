import { buildGraph, pathTo, searchFrom, toPathSteps } from '../analysis/graph.js';
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
    const graph = buildGraph(project);
    const reports: Report[] = [];
    for (const step of graph.steps.values()) {
      if (!step.collect) continue;
      const data = dataRef(project, step.flow, step.collect.name);
      if (!data?.personal || disclosesData(step, data)) continue;
      // Walk from the entry without passing any step that tells the customer about this data.
      const tree = searchFrom(graph, graph.roots, (e) => !disclosesData(graph.steps.get(e.from), data));
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
