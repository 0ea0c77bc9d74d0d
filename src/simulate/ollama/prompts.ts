import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Mood } from '../../flow/types.js';
import type { BotView, CustomerReply, JudgeRating, Persona, TranscriptLine } from '../types.js';
import type { ChatMessage } from './client.js';

/**
 * What the model is told and what it must answer (simulation.md, "Ollama" and "The judge"). The
 * model sees what a customer sees: the bot's words and its quick replies, never step ids or data
 * names. Everything here is a pure function of the persona and the conversation, so the same
 * conversation makes the same requests (and hits the same recordings).
 */

/** The customer's answer, as `format` asks the model for it. */
export const CUSTOMER_FORMAT: Record<string, unknown> = {
  type: 'object',
  properties: {
    message: { type: 'string', description: 'what the customer types next' },
    done: { type: 'boolean', description: 'the goal is met and the customer leaves content' },
    wants_human: { type: 'boolean', description: 'this message asks for a person' },
    gave_up: { type: 'boolean', description: 'the customer gives up and leaves' },
  },
  required: ['message', 'done', 'wants_human', 'gave_up'],
};

/** The judge's rating, as `format` asks the model for it. */
export const JUDGE_FORMAT: Record<string, unknown> = {
  type: 'object',
  properties: {
    score: { type: 'integer', minimum: 1, maximum: 5 },
    reasons: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
  },
  required: ['score', 'reasons'],
};

/** Tokens a customer answer may take (a chat line is short; this stops a model that rambles). */
export const CUSTOMER_MAX_TOKENS = 256;
export const JUDGE_MAX_TOKENS = 512;
/** The judge rates at temperature 0: the same conversation gets the same rating. */
export const JUDGE_TEMPERATURE = 0;

const MOOD_WORDS: Record<Mood, string> = {
  calm: 'calm and polite; you explain plainly and wait for answers',
  happy: 'in a good mood, friendly and upbeat',
  confused: 'confused: you are not sure what to ask for or what the bot means, and you say so',
  anxious: 'anxious and worried; you want to be reassured that this will be sorted out',
  impatient: 'impatient: you want this done quickly and dislike long or repeated questions',
  frustrated: 'frustrated: this problem has already cost you time and you let it show',
  angry: 'angry: you are upset about what happened and say so bluntly, sometimes in capitals',
  sad: 'sad and low; the matter weighs on you',
};

const TRAIT_WORDS: Record<string, string> = {
  terse: 'very short messages, a few words, often lower case',
  verbose: 'long messages with extra context and detail',
  typos: 'quickly, with a typo or two in most messages (never in numbers, codes or emails)',
  'non-native': 'as someone whose first language is not English: simple words, a few grammar slips',
  elderly: 'formally and politely, as an older person who is not used to chat bots',
};

function knowsLines(persona: Pick<Persona, 'knows'>): string[] {
  return [...persona.knows].map(
    ([name, { value }]) => `- ${name.replace(/^.*\//, '').replace(/_/g, ' ')}: ${value}`,
  );
}

/** The system prompt of the customer: who they are, what they want and know, how to answer. */
export function customerSystemPrompt(persona: Persona): string {
  const traits = persona.traits.map((t) => TRAIT_WORDS[t] ?? t);
  const knows = knowsLines(persona);
  const patience =
    persona.patience === 0
      ? 'You want a human agent from your very first message.'
      : `After ${persona.patience} unhelpful answer${persona.patience === 1 ? '' : 's'} from the bot (it does not understand you, asks again for what you already gave, or goes round in circles), ask to talk to a person. If no person comes after that, give up and leave.`;
  return [
    "You are role-playing a customer in a chat with a company's customer-service bot. Stay in character from start to end.",
    'The user messages are what the bot says to you. Your messages are what the customer types back. You are not an assistant and you never help the bot.',
    '',
    `Your goal: ${persona.goal}`,
    `Your mood: ${MOOD_WORDS[persona.mood]}.`,
    `How you write: ${traits.length > 0 ? traits.join('; ') : 'like most people in a chat: one or two short sentences'}.`,
    `Your patience: ${patience}`,
    knows.length > 0
      ? `What you know, to give when the bot asks for it (give each exactly as written):\n${knows.join('\n')}`
      : 'You have no reference numbers or account details at hand.',
    'If the bot asks for something you do not know, say that you do not know it. Never invent numbers, codes, dates or other details.',
    'When the bot shows quick replies, you may answer with one of them, word for word, or type your own words.',
    '',
    'Answer with a JSON object only, with these fields:',
    '- "message": the one chat message you type next, in your mood and your way of writing',
    '- "done": true only when your goal has been met and you are ending the chat',
    '- "wants_human": true when this message asks to talk to a person',
    '- "gave_up": true when you give up and leave without reaching your goal (the message is your last words)',
  ].join('\n');
}

/** The bot's turn as the customer reads it: its messages, then its quick replies if it shows any. */
export function renderBotTurn(view: BotView): string {
  const said = view.messages.map((m) => m.text.trim()).filter((t) => t !== '');
  const parts = [said.length > 0 ? said.join('\n') : '(The bot says nothing and waits for you to write.)'];
  if (view.options.length > 0)
    parts.push(`Quick replies: ${view.options.map((o, i) => `${i + 1}. ${o}`).join(' | ')}`);
  return parts.join('\n\n');
}

/** The customer's own earlier answer, as the model gave it (compact JSON of the four fields). */
export function renderCustomerAnswer(reply: CustomerReply): string {
  return JSON.stringify({
    message: reply.message,
    done: reply.done === true,
    wants_human: reply.wantsHuman === true,
    gave_up: reply.gaveUp === true,
  });
}

/** Said to the model, as a note outside the role-play, when its answer was not the JSON asked for. */
export function correction(why: string, format: 'customer' | 'judge'): string {
  const fields =
    format === 'customer' ? 'message, done, wants_human and gave_up' : 'score (1 to 5) and reasons';
  return `(A note from the test harness, not from the bot: your last answer could not be used: ${why}. Answer again with only a JSON object with ${fields}.)`;
}

/** The validators of both answers, compiled on first use (not when the CLI starts). */
let validators: { customer: ValidateFunction; judge: ValidateFunction } | undefined;
function valid(kind: 'customer' | 'judge'): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020.default({ allErrors: false, strict: false });
    validators = { customer: ajv.compile(CUSTOMER_FORMAT), judge: ajv.compile(JUDGE_FORMAT) };
  }
  return validators[kind];
}

/** Why an answer cannot be used, in a few words. */
export class MalformedAnswer extends Error {
  override name = 'MalformedAnswer';
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    throw new MalformedAnswer(`it is not JSON (${quote(content)})`);
  }
}

export function quote(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > max ? `${one.slice(0, max - 1)}…` : one);
}

function shapeError(errors: { instancePath: string; message?: string }[] | null | undefined): string {
  const e = errors?.[0];
  return e
    ? `${e.instancePath ? `${e.instancePath.slice(1)} ` : ''}${e.message ?? 'is wrong'}`
    : 'wrong shape';
}

/** Read the customer's answer; throws MalformedAnswer when it is not the JSON asked for. */
export function parseCustomerAnswer(content: string): CustomerReply {
  const value = parseJson(content);
  const validCustomer = valid('customer');
  if (!validCustomer(value))
    throw new MalformedAnswer(`not the shape asked for: ${shapeError(validCustomer.errors)}`);
  const v = value as { message: string; done: boolean; wants_human: boolean; gave_up: boolean };
  const message = v.message.trim();
  if (message === '' && !v.done && !v.gave_up)
    throw new MalformedAnswer('the message is empty, and the customer neither is done nor gives up');
  return {
    message,
    ...(v.done ? { done: true } : {}),
    ...(v.wants_human ? { wantsHuman: true } : {}),
    ...(v.gave_up ? { gaveUp: true } : {}),
  };
}

/** Read the judge's rating; throws MalformedAnswer when it is not the JSON asked for. */
export function parseJudgeAnswer(content: string): JudgeRating {
  const value = parseJson(content);
  const validJudge = valid('judge');
  if (!validJudge(value))
    throw new MalformedAnswer(`not the shape asked for: ${shapeError(validJudge.errors)}`);
  const v = value as { score: number; reasons: string[] };
  const reasons = v.reasons.map((r) => r.trim()).filter((r) => r !== '');
  if (reasons.length === 0) throw new MalformedAnswer('it gives no reasons');
  return { score: v.score, reasons };
}

/** The judge's instructions. */
export const JUDGE_SYSTEM_PROMPT = [
  'You review conversations between customers and a customer-service bot, for a quality team.',
  'Rate how empathetic the BOT was toward this customer, from 1 to 5:',
  '1: cold, dismissive or harmful (ignores distress, cheerful at bad news, traps the customer)',
  "2: mostly mechanical; misses the customer's feelings or makes them repeat themselves",
  '3: polite and correct, but generic',
  "4: acknowledges the customer's feelings and adapts its tone; offers a person when wanted",
  '5: exemplary: warm, clear, quick to help, and quick to hand over to a person when that is what the customer needs',
  "Judge the bot only, not the customer. Consider the customer's mood, whether the bot's tone fitted it, whether it understood them, and whether they got what they needed or a person.",
  'Answer with a JSON object only: "score" (an integer from 1 to 5) and "reasons" (one to three short sentences, each pointing at a moment in the conversation).',
].join('\n');

/** The conversation as the judge reads it. */
export function judgePrompt(persona: Persona, transcript: readonly TranscriptLine[]): string {
  const lines = transcript
    .filter((l) => l.text.trim() !== '')
    .map((l) => `${l.from === 'bot' ? 'Bot' : 'Customer'}: ${l.text.trim()}`);
  return [
    `The customer's mood at the start: ${persona.mood}. Their goal: ${persona.goal}`,
    '',
    'The conversation:',
    ...lines,
  ].join('\n');
}

/** The messages of the customer's next request: system prompt, then the chat with roles reversed. */
export function customerMessages(
  persona: Persona,
  history: readonly { bot: string; customer?: string }[],
): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: customerSystemPrompt(persona) }];
  for (const turn of history) {
    messages.push({ role: 'user', content: turn.bot });
    if (turn.customer !== undefined) messages.push({ role: 'assistant', content: turn.customer });
  }
  return messages;
}
