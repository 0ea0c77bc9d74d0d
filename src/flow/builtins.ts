/**
 * Examples of the built-in `human` intent: the customer asks for a person. Projects may add more.
 * Their content words are what a reply must share to be read as asking for a person, so none of
 * them is a word customers use for other things ("service" in "terrible service", "back" in "send
 * it back", "stop" in "stop the payments", "no" in any answer).
 */
export const HUMAN_EXAMPLES: readonly string[] = [
  'agent',
  'human',
  'talk to a human',
  'speak to a person',
  'real person please',
  'I want a real person',
  'can I talk to someone',
  'representative',
  'speak to a representative',
  'an advisor please',
  'connect me to an agent',
  'let me talk to a human being',
  'operator',
  'I need to speak to someone',
  'get me a person',
  'transfer me to a human',
  'is there a real person I can talk to',
  'I want to chat with a human',
  'live agent',
  'I want to speak to staff',
];

/** Data types that are personal unless `personal: false` is written. */
export const PERSONAL_TYPES = new Set(['email', 'phone']);

/**
 * A `date` is personal when it is a date of birth (flow-format.md: "`date` of birth"); a booking
 * or delivery date is not. Told apart by the data's name.
 */
export const BIRTH_DATE_NAME = /(^|_)(birth|dob|born|birthday)(_|$)|date_of_birth|birthdate/;

/** Default sentiment thresholds (tact.config.yaml `sentiment`). */
export const DEFAULT_SENTIMENT = { positive: 0.25, negative: -0.25, very_negative: -0.6 } as const;

/** Default failed tries before an ask step's fallback goes to `then`. */
export const DEFAULT_FALLBACK_MAX = 2;

/**
 * The built-in intent of a customer asking whether they are talking to a person ("are you a
 * real person?"). Every bot answers it honestly: where nothing routes it, the runtime says the
 * bot's disclosure (`bot.disclosure`) and asks its question again. Projects may add examples.
 */
/** The id of that intent (the runtime's routing.ts knows it by the same name). */
export const ARE_YOU_A_BOT = 'are_you_a_bot';

export const ARE_YOU_A_BOT_EXAMPLES: readonly string[] = [
  'are you a real person',
  'are you a bot',
  'am I talking to a bot',
  'is this a real person',
  'are you human',
  'am I chatting with a machine',
  'is this automated',
  'are you a robot',
  'are you an AI',
  'is this a computer',
  'am I talking to a real human',
  'are you a person or a bot',
];
