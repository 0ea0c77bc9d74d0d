import botDisclosure from './bot-disclosure.js';
import botHonesty from './bot-honesty.js';
import confirmBeforeActing from './confirm-before-acting.js';
import contradiction from './contradiction.js';
import dataDisclosure from './data-disclosure.js';
import dataPurpose from './data-purpose.js';
import fallbackEscalates from './fallback-escalates.js';
import humanExit from './human-exit.js';
import personPromise from './person-promise.js';
import personalDataUnmarked from './personal-data-unmarked.js';
import repeatedAsk from './repeated-ask.js';
import sensitiveAnswer from './sensitive-answer.js';
import sensitiveIntent from './sensitive-intent.js';
import toneFlippant from './tone-flippant.js';
import { toneRules } from './tone-rules.js';
import type { Rule } from './types.js';
import unresolvedEnd from './unresolved-end.js';
import yesNoQuestion from './yes-no-question.js';

const [toneSentiment, toneDeclared, blameLanguage] = toneRules;

/** The empathy rules of rules.md, in the order of its table. */
export const empathyRules: Rule<any>[] = [
  humanExit,
  fallbackEscalates,
  dataDisclosure,
  dataPurpose,
  personalDataUnmarked,
  toneSentiment,
  toneDeclared,
  sensitiveIntent,
  botDisclosure,
  unresolvedEnd,
  blameLanguage,
  repeatedAsk,
  botHonesty,
  yesNoQuestion,
  personPromise,
  sensitiveAnswer,
  confirmBeforeActing,
  contradiction,
  toneFlippant,
];
