import { createHash } from 'node:crypto';

/** Compare strings by UTF-16 code units: the same order on every machine, whatever the locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of a map-like object with its keys sorted (for maps whose order carries no meaning). */
export function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => compareKeys(a, b))) out[k] = v;
  return out;
}

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, `undefined` members left out,
 * arrays kept in order. Two values that mean the same give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const members = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort(compareKeys)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

/** `sha256-<hex>` of the canonical JSON of a bot file without its `hash` member. */
export function botHash(bot: object): string {
  const { hash: _ignored, ...content } = bot as Record<string, unknown>;
  return `sha256-${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}
