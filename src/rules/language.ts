import inclusiveLanguage from './inclusive-language.js';
import messageLength from './message-length.js';
import readability from './readability.js';
import tooManyOptions from './too-many-options.js';
import type { Rule } from './types.js';

/** The language rules of rules.md, in the order of its table. */
export const languageRules: Rule<any>[] = [readability, messageLength, tooManyOptions, inclusiveLanguage];
