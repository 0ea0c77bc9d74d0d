import blameLanguage from './blame-language.js';
import toneDeclared from './tone-declared.js';
import toneSentiment from './tone-sentiment.js';

/** The tone rules among the empathy rules, in the order of rules.md (the lead splices them in). */
export const toneRules = [toneSentiment, toneDeclared, blameLanguage];
