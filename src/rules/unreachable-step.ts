import { entryTree, projectGraph } from '../analysis/graph.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

export default defineRule({
  id: 'unreachable-step',
  category: 'structure',
  severity: 'warn',
  description: 'A step that no path from the bot’s entry (or a flow’s start) reaches.',
  messages: {
    unreachable:
      'step `{step}` is never reached: no `next`, `goto`, option, route or handler leads here from {from}; link it or remove it',
  },
  check(project) {
    const graph = projectGraph(project);
    // Without a root (no flow has a valid start) everything would be "unreachable": unknown-target says why.
    if (graph.roots.length === 0) return [];
    const reached = entryTree(project);
    const from =
      graph.roots.length === 1
        ? `\`${graph.roots[0]}\``
        : 'the start of any flow (set `entry` in tact.config.yaml to say where the bot starts)';
    const reports: Report[] = [];
    for (const step of graph.steps.values()) {
      if (reached.has(step.qid)) continue;
      reports.push({ messageId: 'unreachable', data: { step: step.id, from }, at: step.pos });
    }
    return reports;
  },
});
