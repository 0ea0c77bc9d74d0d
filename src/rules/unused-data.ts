import { dataRef } from '../analysis/paths.js';
import { CONDITION_BUILTINS } from '../flow/conditions.js';
import type { DataDef, Flow, Project } from '../flow/types.js';
import { defineRule } from './define.js';
import { conditionNames, eachCondition, placeholdersIn } from './refs.js';
import { eachMessageText } from './texts.js';
import type { Report } from './types.js';

/** Data that something collects, sets or reads. Disclosing data does not use it. */
function usedData(project: Project): Set<DataDef> {
  const used = new Set<DataDef>();
  const mark = (flow: Flow | undefined, name: string) => {
    if (Object.hasOwn(CONDITION_BUILTINS, name)) return;
    const def = dataRef(project, flow?.id, name);
    if (def) used.add(def);
    else if (!flow && !name.includes('/'))
      // tact.config.yaml is read in whichever flow is running: it may use the name in any flow.
      for (const f of project.flows.values()) {
        const d = f.data.get(name);
        if (d) used.add(d);
      }
  };
  for (const flow of project.flows.values()) {
    for (const step of flow.steps.values()) {
      if (step.collect) mark(flow, step.collect.name);
      for (const s of step.sets ?? []) mark(flow, s.name);
    }
  }
  eachMessageText(project, (text, _pos, flow) => {
    for (const name of placeholdersIn(text)) mark(flow, name);
  });
  eachCondition(project, (c, flow) => {
    for (const name of conditionNames(c)) mark(flow, name);
  });
  return used;
}

export default defineRule({
  id: 'unused-data',
  category: 'structure',
  severity: 'info',
  description: 'Data that nothing collects, sets or reads.',
  messages: {
    unused: 'data `{name}` is never collected, set or read: remove it, or use it',
  },
  check(project) {
    const used = usedData(project);
    const reports: Report[] = [];
    for (const flow of project.flows.values())
      for (const def of flow.data.values())
        if (!used.has(def)) reports.push({ messageId: 'unused', data: { name: def.name }, at: def.pos });
    return reports;
  },
});
