import { dataRef } from '../analysis/paths.js';
import { CONDITION_BUILTINS, logicVars, parseCondition } from '../flow/conditions.js';
import type { Condition, Flow, Pos, Project } from '../flow/types.js';
import { suggest } from '../flow/validate.js';
import { defineRule } from './define.js';
import { eachMessageText } from './texts.js';
import type { Report } from './types.js';

/**
 * `{name}` or `{flow/name}` in a message. Wider than the runtime's pattern on purpose: `{OrderId}`
 * is never filled in and reaches the customer as written, so it is reported rather than skipped.
 */
const PLACEHOLDER = /\{\s*([A-Za-z_][\w-]*(?:\/[A-Za-z_][\w-]*)?)\s*\}/g;

/** The names of the `{name}` placeholders in one text, in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Visit every condition (`if` in branches, step routes, flow handlers and global handlers) with the
 * flow it is written in (undefined for global handlers).
 */
export function eachCondition(project: Project, visit: (c: Condition, flow: Flow | undefined) => void): void {
  for (const flow of project.flows.values()) {
    for (const r of flow.handlers) if ('if' in r.when) visit(r.when.if, flow);
    for (const step of flow.steps.values()) {
      for (const r of step.routes ?? []) if ('if' in r.when) visit(r.when.if, flow);
      for (const c of step.branch ?? []) visit(c.if, flow);
    }
  }
  for (const r of project.config.handlers) if ('if' in r.when) visit(r.when.if, undefined);
}

/** True when the condition was written as a JSON Logic object rather than an expression. */
export function isJsonLogic(c: Condition): boolean {
  return c.error === undefined && c.logic !== null && typeof c.logic === 'object' && /^\s*\{/.test(c.source);
}

/**
 * The data names a condition reads, as written (built-ins included; `flow/name` kept qualified).
 * A condition that does not parse reads nothing: bad-condition reports it.
 */
export function conditionNames(c: Condition): string[] {
  if (c.error !== undefined) return [];
  if (isJsonLogic(c)) return logicVars(c.logic).map((n) => n.split('.')[0]);
  const parsed = parseCondition(c.source);
  return parsed.error === undefined ? parsed.names : [];
}

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
