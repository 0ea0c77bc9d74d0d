import { dataRef } from '../analysis/paths.js';
import { suggest } from '../analysis/text-distance.js';
import { CONDITION_BUILTINS } from '../flow/conditions.js';
import type { Flow, Pos } from '../flow/types.js';
import { defineRule } from './define.js';
import { conditionNames, eachCondition, placeholdersIn } from './refs.js';
import { eachMessageText } from './texts.js';
import type { Report } from './types.js';

export default defineRule({
  id: 'unknown-data',
  category: 'structure',
  severity: 'error',
  description:
    '`collect`, `sets`, `discloses`, a `{name}` placeholder or a condition names data the flow does not declare.',
  messages: {
    undeclared: '`{name}` is not declared in the `data` of flow `{flow}`{hint}',
    unknownFlow: '`{name}` names flow `{flow}`, which does not exist{hint}',
    undeclaredShared: '`{name}` is not declared in the `data` of any flow{hint}',
  },
  check(project) {
    const reports: Report[] = [];
    const flowIds = [...project.flows.keys()];
    const hintFrom = (name: string, candidates: string[], add: string) => {
      const close = suggest(name, candidates);
      return close ? `: did you mean \`${close}\`?` : add;
    };

    const checkName = (name: string, at: Pos, flow: Flow | undefined) => {
      if (dataRef(project, flow?.id, name)) return;
      const slash = name.indexOf('/');
      if (slash >= 0) {
        const owner = name.slice(0, slash);
        const local = name.slice(slash + 1);
        const other = project.flows.get(owner);
        if (!other) {
          const close = suggest(owner, flowIds);
          reports.push({
            messageId: 'unknownFlow',
            data: { name, flow: owner, hint: close ? `: did you mean \`${close}/${local}\`?` : '' },
            at,
          });
          return;
        }
        reports.push({
          messageId: 'undeclared',
          data: { name, flow: owner, hint: hintFrom(local, [...other.data.keys()], '') },
          at,
        });
        return;
      }
      if (!flow) {
        // tact.config.yaml: the name is filled in from whichever flow is running.
        const all = [...project.flows.values()].flatMap((f) => [...f.data.keys()]);
        if (all.includes(name)) return;
        reports.push({ messageId: 'undeclaredShared', data: { name, hint: hintFrom(name, all, '') }, at });
        return;
      }
      reports.push({
        messageId: 'undeclared',
        data: {
          name,
          flow: flow.id,
          hint: hintFrom(name, [...flow.data.keys()], ': declare it under `data` with its type'),
        },
        at,
      });
    };

    for (const flow of project.flows.values()) {
      for (const step of flow.steps.values()) {
        if (step.collect) checkName(step.collect.name, step.collect.pos, flow);
        for (const s of step.sets ?? []) checkName(s.name, s.pos, flow);
        for (const d of step.discloses?.names ?? []) checkName(d.name, d.pos, flow);
      }
    }
    eachMessageText(project, (text, pos, flow) => {
      for (const name of new Set(placeholdersIn(text))) checkName(name, pos, flow);
    });
    eachCondition(project, (c, flow) => {
      const seen = new Set<string>();
      for (const name of conditionNames(c)) {
        if (Object.hasOwn(CONDITION_BUILTINS, name) || seen.has(name)) continue;
        seen.add(name);
        checkName(name, c.pos, flow);
      }
    });
    return reports;
  },
});
