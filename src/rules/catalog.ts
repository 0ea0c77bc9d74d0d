import { ownRequire } from '../own-files.js';
import type { RuleMeta } from './types.js';

/**
 * The metadata of every rule (and of `unused-disable`), in the registry's order, without loading
 * the rules and what they analyze with: from dist/rules/catalog.json, written at build
 * time from the rules themselves (scripts/build-extras.js). Where it is missing (tests run from the
 * sources) the rules are loaded.
 */
export async function ruleCatalog(): Promise<RuleMeta[]> {
  try {
    return ownRequire('./rules/catalog.json') as RuleMeta[];
  } catch {
    return (await import('./registry.js')).ruleMetas();
  }
}
