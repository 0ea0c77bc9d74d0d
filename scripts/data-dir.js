// Where the shared data lives (real labelled data for measuring only; see its README): the one
// place the tests, `npm run eval` and `npm run bench` ask. TACT_DATA_DIR overrides the default,
// `../shared/data` beside the repository. Nothing here reads the data.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared data folder: TACT_DATA_DIR (relative to the working folder), else ../shared/data beside the repository. */
export function dataDir() {
  const set = process.env.TACT_DATA_DIR;
  return set ? resolve(set) : resolve(REPO_ROOT, '..', 'shared', 'data');
}

/** A file of the shared data: its path, whether it is there, and what to say when it is not. */
export function dataFile(relative) {
  const path = join(dataDir(), relative);
  const present = existsSync(path);
  return { path, present, missing: `${path} not found (set TACT_DATA_DIR to the shared data folder)` };
}
