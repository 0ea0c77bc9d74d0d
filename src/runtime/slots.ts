// PLACEHOLDER written by the lead so other parts compile; the slot owner replaces it entirely.
import type { BotData } from './bot-types.js';

export type SlotValue = string | number | boolean;

/** Find a value of the data's type inside a customer reply; undefined when there is none. */
export function extractValue(def: BotData, text: string): SlotValue | undefined {
  const t = text.trim();
  if (def.type === 'number') {
    const m = t.match(/\d+(?:\.\d+)?/);
    return m ? Number(m[0]) : undefined;
  }
  if (def.type === 'text' && def.pattern) {
    const m = t.match(new RegExp(def.pattern.replace(/^\^|\$$/g, '')));
    return m ? m[0] : undefined;
  }
  return t || undefined;
}
