import { compareKeys } from '../runtime/canonical.js';

// One canonical JSON and one hash for the compiler and the runtime that checks it.
export { botHash, canonicalJson, compareKeys } from '../runtime/canonical.js';

/** A copy of a map-like object with its keys sorted (for maps whose order carries no meaning). */
export function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  // defineProperty, not `out[k] = v`: a key `__proto__` (an intent may be called so) stays a key.
  for (const [k, v] of [...entries].sort(([a], [b]) => compareKeys(a, b)))
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}
