import { createRequire } from 'node:module';
import type { RuleMeta } from './types.js';

const require = createRequire(import.meta.url);

/**
 * The metadata of every rule (and of `unused-disable`), in the registry's order, without loading
 * the rules and what they analyze with: from catalog.json, written beside the built module at build
 * time from the rules themselves (scripts/build-extras.js). Where it is missing (tests run from the
 * sources) the rules are loaded.
 */
export async function ruleCatalog(): Promise<RuleMeta[]> {
  try {
    return require('./catalog.json') as RuleMeta[];
  } catch {
    return (await import('./registry.js')).ruleMetas();
  }
}
