import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/tact.js');

/** Run the built CLI (bin/tact.js → dist/) the way a user does; never throws on a non-zero exit. */
export function tact(args: string[], options: Options = {}) {
  return execa('node', [BIN, ...args], {
    cwd: ROOT,
    reject: false,
    env: { NO_COLOR: '1', ...(options.env ?? {}) },
    ...options,
  });
}
