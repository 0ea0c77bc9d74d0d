import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TactError } from '../errors.js';

/**
 * Write a file atomically: a temp file beside it, then a rename, so an interrupted run leaves the
 * old file or the new one, never half of one (cli.md, Conventions).
 */
export function writeFileAtomic(file: string, content: string): void {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, abs);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new TactError(
      `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      2,
      'check that the folder exists and is writable',
    );
  }
}

/** Whether to colour what goes to stdout: not with NO_COLOR, not into a pipe or file. */
export function useColor(toFile: boolean): boolean {
  if (toFile) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

/** Print to stdout, or write atomically to `--output FILE`. */
export function emit(text: string, output: string | undefined): void {
  if (output) writeFileAtomic(output, text);
  else if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
