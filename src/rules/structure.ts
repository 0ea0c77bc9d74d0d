import duplicateFlow from './duplicate-flow.js';
import schema from './schema.js';
import type { Rule } from './types.js';
import yaml from './yaml.js';

/** The structure rules of rules.md, in the order of its table. */
export const structureRules: Rule<any>[] = [yaml, schema, duplicateFlow];
