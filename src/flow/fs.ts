// File-system helpers of the loader: stat without throwing, read a tact file with a clear error,
// and name what an entry is when it is not a regular file or a folder.
import { accessSync, constants, type Dirent, readFileSync, type Stats, statSync } from 'node:fs';
import { fsReason, TactError } from '../errors.js';
import { MAX_FILE_BYTES } from './yaml.js';

export function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** Files larger than this are not read at all (a flow file over MAX_FILE_BYTES is reported). */
const MAX_READ_BYTES = 16 * 1024 * 1024;

export function readText(abs: string): string {
  try {
    const size = statSync(abs).size;
    if (size > MAX_READ_BYTES)
      throw new TactError(
        `${abs} is ${Math.round(size / 1024 / 1024)} MB, far over the ${MAX_FILE_BYTES / 1024} KB limit of a tact file`,
        2,
        'split it into smaller flows, or leave it out of the paths you give',
      );
    return readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof TactError) throw err;
    throw new TactError(`cannot read ${abs}: ${fsReason(err)}`, 2);
  }
}

/** What a file-system entry is, in words, when it is not a regular file or a folder. */
export function notAFile(st: Stats | Dirent): string | undefined {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return undefined;
}

/** Why a file (the config, .tactignore) cannot be read ('missing' when nothing is there), or undefined when it can. */
export function fileProblem(file: string): string | undefined {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    return fsReason(err);
  }
  if (st.isDirectory()) return 'it is a folder, not a file';
  const what = notAFile(st);
  if (what) return `it is ${what}, not a file`;
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    return fsReason(err);
  }
  return undefined;
}
