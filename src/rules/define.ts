import type { LoadProblem, Project, Severity } from '../flow/types.js';
import type { Report, Rule, RuleCategory } from './types.js';

export interface RuleDefinition<O extends Record<string, unknown>> {
  id: string;
  category: RuleCategory;
  severity: Severity;
  description: string;
  /** Message templates by message id; `{name}` is replaced by the report's data. */
  messages: Record<string, string>;
  /** JSON Schema of the options object (properties only; additional properties are refused). */
  options?: Record<string, Record<string, unknown>>;
  defaults?: O;
  check(project: Project, options: O): Report[];
}

/**
 * Define a rule: fills in the docs path and the options schema. A rule reports; it never throws,
 * formats or exits (the framework catches a throwing rule and reports it as an internal error).
 */
export function defineRule<O extends Record<string, unknown> = Record<string, never>>(
  def: RuleDefinition<O>,
): Rule<O> {
  return {
    meta: {
      id: def.id,
      category: def.category,
      severity: def.severity,
      description: def.description,
      docs: `docs/rules/${def.id}.md`,
      optionsSchema: {
        type: 'object',
        additionalProperties: false,
        properties: { severity: {}, ...(def.options ?? {}) },
      },
      defaultOptions: (def.defaults ?? {}) as Record<string, unknown>,
      messages: def.messages,
    },
    check: def.check,
  };
}

/** Fill a message template's `{name}` placeholders. */
export function renderMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/**
 * The loader's problems of one kind as findings: the check of the rules (`yaml`, `schema`,
 * `duplicate-flow`) that report what `loadProject` found rather than look at the model.
 */
export function reportLoadProblems(project: Project, rule: LoadProblem['rule'], messageId: string): Report[] {
  return project.problems
    .filter((p) => p.rule === rule)
    .map((p) => ({ messageId, data: { message: p.message }, at: p.pos, related: p.related }));
}
