import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Compare strings by UTF-16 code units: the same order on every machine, whatever the locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/**
 * `sha256-<hex>` of the canonical JSON of a bot file without its `hash` member (bot-format.md).
 * Pure JavaScript (@noble/hashes), so the runtime checks it in a browser too.
 */
export function botHash(bot: object): string {
  const { hash: _ignored, ...content } = bot as Record<string, unknown>;
  return `sha256-${bytesToHex(sha256(utf8ToBytes(canonicalJson(content))))}`;
}

/** How deep lists and maps nest in `value` (walked without recursion), stopping past `max`. */
export function nestingDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > max) return deepest;
    for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push([item, depth + 1]);
  }
  return deepest;
}
