import { logicVars, parseCondition } from '../flow/conditions.js';
import type { Condition, Flow, Project } from '../flow/types.js';

// Where flows refer to data: `{placeholders}` in messages and names read by conditions. Shared by
// unknown-data, unused-data and bad-condition.

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
  if (c.names) return c.names;
  const parsed = parseCondition(c.source);
  return parsed.error === undefined ? parsed.names : [];
}
