import type { Rule } from './types.js';

/** The empathy rules of rules.md, in the order of its table. */
export const empathyRules: Rule<any>[] = [];
