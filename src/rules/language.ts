import inclusiveLanguage from './inclusive-language.js';
import internalText from './internal-text.js';
import messageLength from './message-length.js';
import readability from './readability.js';
import tooManyOptions from './too-many-options.js';
import type { Rule } from './types.js';
import unsetPlaceholder from './unset-placeholder.js';

/** The language rules of rules.md, in the order of its table. */
export const languageRules: Rule<any>[] = [
  readability,
  messageLength,
  tooManyOptions,
  inclusiveLanguage,
  internalText,
  unsetPlaceholder,
];
