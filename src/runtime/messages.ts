import type { BotMessage, BotSentimentLabel } from './bot-types.js';
import type { JsonValue } from './state.js';

/** Longest customer reply the runtime reads; the rest is cut so that analysis stays fast. */
export const MAX_REPLY_CHARS = 2000;

// C0 and C1 control characters other than whitespace, plus bidirectional overrides, which can make
// a transcript read differently from what was typed. They are removed; \v \f \r become spaces.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ODD_SPACE = /[\v\f\r]/g;

/** A customer reply made safe to analyse: control characters removed, at most MAX_REPLY_CHARS long. */
export function sanitizeReply(text: unknown): string {
  const raw = typeof text === 'string' ? text : text == null ? '' : String(text);
  // Cut before the regexes run, leaving room for removed characters, so a huge reply costs little.
  let clean = raw
    .slice(0, MAX_REPLY_CHARS * 2)
    .replace(CONTROL, '')
    .replace(ODD_SPACE, ' ');
  if (clean.length > MAX_REPLY_CHARS) clean = clean.slice(0, MAX_REPLY_CHARS);
  // Do not leave half of a surrogate pair at the end of a cut.
  if (/[\ud800-\udbff]$/.test(clean)) clean = clean.slice(0, -1);
  return clean.trim();
}

const FALLBACK_LABELS: Record<BotSentimentLabel, BotSentimentLabel[]> = {
  very_negative: ['very_negative', 'negative'],
  negative: ['negative'],
  neutral: ['neutral'],
  positive: ['positive'],
};

/**
 * The variant list to use for a message: a list is its own; a sentiment map gives the list for the
 * latest label, falling back from very_negative to negative to default.
 */
export function variantsFor(message: BotMessage | string | undefined, label: BotSentimentLabel): string[] {
  if (message === undefined || message === null) return [];
  if (typeof message === 'string') return [message];
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string');
  for (const l of FALLBACK_LABELS[label] ?? []) {
    const list = message[l];
    if (Array.isArray(list) && list.length > 0) return list;
  }
  return Array.isArray(message.default) ? message.default : [];
}

const PLACEHOLDER = /\{([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\}/g;

function display(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Replace `{flow/name}` placeholders by the data value (empty when unset). A local `{name}` is
 * read in the given flow, in case a compiler left one unqualified.
 */
export function fillPlaceholders(text: string, data: Record<string, JsonValue>, flow: string): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const key = name.includes('/') ? name : `${flow}/${name}`;
    return display(Object.hasOwn(data, key) ? data[key] : undefined);
  });
}

/** Compare option labels and replies regardless of case, spacing and closing punctuation. */
export function normalizeLabel(text: string): string {
  // Every reply at a step with options is compared with every label: the labels come back each time.
  let s = labels.get(text);
  if (s === undefined) {
    s = text
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.!?]+$/, '')
      .trim();
    if (labels.size >= 2048) labels.clear();
    labels.set(text, s);
  }
  return s;
}

const labels = new Map<string, string>();
