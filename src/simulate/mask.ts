import type { Persona } from '../flow/types.js';
import type { BotFile } from '../runtime/bot-types.js';
import type { JsonValue } from '../runtime/state.js';
import type { ConversationResult } from './types.js';

/** A value to hide in reports, and the data name shown in its place. */
export interface PersonalValue {
  value: string;
  name: string;
}

const localName = (qid: string) => qid.slice(qid.indexOf('/') + 1);

/**
 * The personal values of one conversation: what the bot collected into data marked `personal`, and
 * what the persona knows under those names (the customer may type it before the bot asks).
 */
export function personalValues(
  bot: BotFile,
  data: Record<string, JsonValue>,
  persona: Pick<Persona, 'knows'>,
): PersonalValue[] {
  const out = new Map<string, PersonalValue>();
  const add = (raw: unknown, name: string) => {
    if (typeof raw !== 'string' && typeof raw !== 'number') return;
    const value = String(raw).trim();
    if (value.length < 2) return;
    out.set(value.toLowerCase(), { value, name });
  };
  for (const [qid, def] of Object.entries(bot.data ?? {})) {
    if (!def?.personal) continue;
    const name = localName(qid);
    if (Object.hasOwn(data, qid)) add(data[qid], name);
    for (const key of [qid, name]) {
      const known = persona.knows.get(key);
      if (known) add(known.value, name);
    }
  }
  return [...out.values()];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace each personal value in `text` by `[hidden: name]`, longest values first, ignoring case. */
export function maskText(text: string, values: readonly PersonalValue[]): string {
  if (values.length === 0) return text;
  const sorted = [...values].sort((a, b) => b.value.length - a.value.length);
  const re = new RegExp(sorted.map((v) => escapeRegExp(v.value)).join('|'), 'gi');
  const byValue = new Map(sorted.map((v) => [v.value.toLowerCase(), v.name]));
  return text.replace(re, (m) => `[hidden: ${byValue.get(m.toLowerCase()) ?? 'personal'}]`);
}

/** Every string inside a JSON value, masked (keys stay as they are: they are the bot's data names). */
function maskJson(value: unknown, values: readonly PersonalValue[]): unknown {
  if (typeof value === 'string') return maskText(value, values);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, values));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskJson(v, values)]));
  return value;
}

/**
 * Mask, in place, every text of a finished conversation that a personal value could reach: the
 * transcript's lines and the results of the actions shown in it, the tone mismatches (the bot's
 * line, the customer's line before it, the words heard), the handoff reason, the engine's error,
 * the judge's reasons and the expectations' messages. Ids, step and data names are the bot's own
 * and stay as they are.
 */
export function maskConversation(result: ConversationResult, values: readonly PersonalValue[]): void {
  if (values.length === 0) return;
  const mask = (text: string) => maskText(text, values);
  for (const line of result.transcript) {
    line.text = mask(line.text);
    if (line.action) line.action.result = maskJson(line.action.result, values) as Record<string, unknown>;
  }
  for (const m of result.toneMismatches) {
    m.text = mask(m.text);
    m.after.text = mask(m.after.text);
    m.evidence = m.evidence.map(mask);
  }
  if (result.handoff) result.handoff.reason = mask(result.handoff.reason);
  if (result.error !== undefined) result.error = mask(result.error);
  if (result.judge) result.judge.reasons = result.judge.reasons.map(mask);
  for (const e of result.expectations) {
    e.message = mask(e.message);
    e.actual = mask(e.actual);
  }
}
