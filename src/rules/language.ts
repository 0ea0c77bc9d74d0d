import type { Rule } from './types.js';

/** The language rules of rules.md, in the order of its table. */
export const languageRules: Rule<any>[] = [];
