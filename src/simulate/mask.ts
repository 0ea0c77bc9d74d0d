import type { Persona } from '../flow/types.js';
import type { BotFile } from '../runtime/bot-types.js';
import type { JsonValue } from '../runtime/state.js';

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
