import badCondition from './bad-condition.js';
import deadEnd from './dead-end.js';
import duplicateFlow from './duplicate-flow.js';
import personaRefs from './persona-refs.js';
import schema from './schema.js';
import type { Rule } from './types.js';
import unknownData from './unknown-data.js';
import unknownIntent from './unknown-intent.js';
import unknownTarget from './unknown-target.js';
import unreachableStep from './unreachable-step.js';
import unusedData from './unused-data.js';
import unusedIntent from './unused-intent.js';
import yaml from './yaml.js';

/** The structure rules of rules.md, in the order of its table. */
export const structureRules: Rule<any>[] = [
  yaml,
  schema,
  unknownTarget,
  unknownData,
  unknownIntent,
  badCondition,
  duplicateFlow,
  deadEnd,
  unreachableStep,
  unusedIntent,
  unusedData,
  personaRefs,
];
