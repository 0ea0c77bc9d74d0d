import { empathyRules } from './empathy.js';
import { languageRules } from './language.js';
import { structureRules } from './structure.js';
import type { Rule, RuleMeta } from './types.js';

/** Reported when a `# tact-disable-next-line` comment silences nothing. Not a rule with a check. */
export const UNUSED_DISABLE: RuleMeta = {
  id: 'unused-disable',
  category: 'structure',
  severity: 'warn',
  description: 'A `# tact-disable-next-line` comment silences nothing: remove it, or fix the rule id.',
  docs: 'docs/rules/unused-disable.md',
  optionsSchema: { type: 'object', properties: { severity: {} }, additionalProperties: false },
  defaultOptions: {},
  messages: {
    unused: 'this disable comment silences nothing: no `{rule}` finding on the next line',
    unknownRule: 'unknown rule `{rule}` in a disable comment',
    unknownRuleSuggest: 'unknown rule `{rule}` in a disable comment: did you mean `{suggestion}`?',
  },
};

/** Every rule, empathy first (the order of rules.md). */
export const allRules: Rule<any>[] = [...empathyRules, ...languageRules, ...structureRules];

/** Metadata of every rule and of `unused-disable`. */
export function ruleMetas(): RuleMeta[] {
  return [...allRules.map((r) => r.meta), UNUSED_DISABLE];
}

/** Look a rule's metadata up by id. */
export function findRule(id: string): RuleMeta | undefined {
  return ruleMetas().find((m) => m.id === id);
}
