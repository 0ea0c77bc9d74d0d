// What a bot's question asks for, and which short answers mean yes or no: shared by the rules
// that check that a question's natural answers are understood, and that a step that cannot be
// undone is confirmed first.
import type { Project } from '../flow/types.js';

/** A whole reply that means yes. */
const YES =
  /^(?:yes|yeah|yea|yep|yup|ya|sure|correct|right|that'?s right|that is right|ok|okay|please do|please|absolutely|of course|definitely|affirmative|i do|it is|sounds good|go ahead|confirm(?:ed)?|agreed?|true)(?:\s+please)?[\s.!]*$/i;
/** A whole reply that means no. */
const NO =
  /^(?:no|nope|nah|not really|no thanks|no thank you|that'?s all|that'?s it|nothing|nothing else|i'?m good|all good|i'?m done|negative|incorrect|wrong|not right|that'?s wrong|false|cancel)(?:\s+thanks)?[\s.!]*$/i;

export type Answer = 'yes' | 'no';

/** Does this whole reply (an option label, an example) mean yes, or no? */
export function meansAnswer(text: string, answer: Answer): boolean {
  return (answer === 'yes' ? YES : NO).test(text.trim());
}

/** An intent whose name says yes or no (`yes`, `confirm_yes`, `affirm`, `deny`), or most of whose examples do. */
export function intentMeans(project: Project, intent: string, answer: Answer): boolean {
  const def = project.intents.get(intent);
  const name = (def?.name ?? intent.slice(intent.indexOf('/') + 1)).toLowerCase();
  const names =
    answer === 'yes'
      ? /(?:^|_)(?:yes|affirm|affirmative|confirm|agree|accept|ok)(?:_|$)/
      : /(?:^|_)(?:no|deny|negative|decline|reject|disagree)(?:_|$)/;
  if (names.test(name)) return true;
  const examples = def?.examples ?? [];
  return examples.length > 0 && examples.filter((x) => meansAnswer(x, answer)).length * 2 >= examples.length;
}

/** The sentences of a text: split after . ! ? or at a line break. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The last sentence of a text when it is a question. */
export function lastQuestion(text: string): string | undefined {
  const last = sentencesOf(text).at(-1);
  return last?.endsWith('?') ? last : undefined;
}

const AUXILIARY =
  /^(?:(?:so|ok|okay|and|great|thanks|sorry|alright|just to check|to confirm)[,\s]+)*(?:is|are|was|were|do|does|did|can|could|shall|should|would|will|have|has|had|may|might|am|isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|can'?t|couldn'?t|shouldn'?t)\b/i;
const TAG =
  /(?:,\s*|\b)(?:is that|is this|was that|are those)\s+(?:right|correct|ok|okay|alright)\?$|,\s*(?:right|correct|ok|okay|yes)\?$/i;
const MORE = /\b(?:anything|something)\s+else\b|\bany(?:thing)?\s+(?:other|more)\b/i;
const WHAT_ELSE = /^(?:\w+[,\s]+)?(?:what|how)\s+else\b/i;
/** "Is it billing or delivery?": a choice, not a yes/no question ("…, or not?" still is). */
const CHOICE = /\bor\b(?!\s+not\b)/i;

/**
 * What kind of question a text ends with: `yes-no` ("Is that right?", "Anything else?", "Would you
 * like a refund?"), `what-else` ("What else can I do for you?", where "no" is a natural answer
 * and "yes" is not), or undefined (an open question, a choice, or no question).
 */
export function questionKind(text: string): 'yes-no' | 'what-else' | undefined {
  const q = lastQuestion(text.replace(/\{[^}]*\}/g, 'X'));
  if (!q) return undefined;
  if (WHAT_ELSE.test(q)) return 'what-else';
  if (TAG.test(q) || MORE.test(q)) return 'yes-no';
  if (AUXILIARY.test(q) && !CHOICE.test(q)) return 'yes-no';
  return undefined;
}
