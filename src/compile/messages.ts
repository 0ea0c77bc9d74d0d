import type { Message } from '../flow/types.js';
import type { BotMessage, BotSentimentLabel } from '../runtime/bot-types.js';

const PLACEHOLDER = /\{([a-z][a-z0-9_-]*)\}/g;
const SENTIMENT_KEYS = ['positive', 'neutral', 'negative', 'very_negative'] as const;

/** `{name}` → `{flow/name}`; placeholders already qualified (`{billing/amount}`) stay as written. */
export function qualifyPlaceholders(text: string, flow: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => `{${flow}/${name}}`);
}

/**
 * A message as the bot file holds it: a list of variants (a single string becomes a list of one),
 * or a sentiment map of lists with `default` first. Placeholders are qualified with `flow`.
 * Undefined when the message has no text at all (the bot file has no empty messages).
 */
export function compileMessage(message: Message | undefined, flow: string): BotMessage | undefined {
  if (!message) return undefined;
  const texts = (list: string[] | undefined) => (list ?? []).map((t) => qualifyPlaceholders(t, flow));
  const value = message.value;
  if (value.kind === 'text') {
    const list = texts(value.variants);
    return list.length > 0 ? list : undefined;
  }
  const byLabel: Partial<Record<BotSentimentLabel, string[]>> = {};
  for (const key of SENTIMENT_KEYS) {
    const list = texts(value.variants[key]);
    if (list.length > 0) byLabel[key] = list;
  }
  let def = texts(value.variants.default);
  // `default` is required (the schema and lint say so); under --force, borrow the first variant
  // rather than write a file the runtime cannot read.
  if (def.length === 0) def = Object.values(byLabel)[0] ?? [];
  if (def.length === 0) return undefined;
  return { default: def, ...byLabel };
}
