import { random } from '../../random.js';

/** A seeded random source (`random`, mulberry32) with the draws a simulated customer makes. */
export class Rng {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = random(seed);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** A 32-bit hash of a string (FNV-1a), to mix a persona's id into its seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed of one conversation: the run's seed mixed with the persona, so personas differ. */
export function conversationSeed(personaId: string, seed: number): number {
  return (hashString(personaId) ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
}
