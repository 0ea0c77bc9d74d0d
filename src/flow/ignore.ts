// Ignored files and folders: `ignore:` in tact.config.yaml and a `.tactignore` beside it, both
// gitignore-style patterns (the `ignore` package, which ESLint and Prettier use for theirs).
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { TactError } from '../errors.js';
import { fileProblem, readText } from './fs.js';

export const IGNORE_FILE = '.tactignore';

/** One pattern in force and where it was written (`.tactignore:3`, `tact.config.yaml`). */
export interface IgnorePattern {
  pattern: string;
  from: string;
}

/** Patterns relative to one folder (the folder of the file that holds them). */
interface IgnoreSource {
  base: string;
  patterns: IgnorePattern[];
}

/** Whether a walk skips an entry (absolute path; folders are matched as folders). */
export type IgnoreTest = (abs: string, isDir: boolean) => boolean;

const posix = (p: string) => p.split(path.sep).join('/');

/** The patterns of a `.tactignore` text, with their line numbers; blank lines and comments are not patterns. */
export function parseIgnoreFile(text: string, file: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const pattern = line.replace(/\s+$/, '');
    if (pattern === '' || pattern.startsWith('#')) return;
    out.push({ pattern, from: `${file}:${i + 1}` });
  });
  return out;
}

/**
 * The ignores of a project: the config's `ignore:` list (relative to the config's folder) and the
 * `.tactignore` in the project folder, if there is one. A `.tactignore` that exists but cannot be
 * read is an error (exit 2), never passed over.
 */
export class Ignores {
  private readonly sources: IgnoreSource[] = [];

  /** Every pattern in force, in the order they apply (the config's first, then .tactignore's). */
  get patterns(): IgnorePattern[] {
    return this.sources.flatMap((s) => s.patterns);
  }

  add(base: string, patterns: IgnorePattern[]): void {
    if (patterns.length > 0) this.sources.push({ base, patterns });
  }

  /** Read `.tactignore` in `folder` when there is one; `rel` names it in `from` and in errors. */
  addFile(folder: string, rel: (abs: string) => string): void {
    const file = path.join(folder, IGNORE_FILE);
    const why = fileProblem(file);
    if (why === 'missing') return;
    if (why)
      throw new TactError(
        `cannot read the ignore file ${rel(file)}: ${why}`,
        2,
        'tact reads the ignored paths from there: fix it, or remove it',
      );
    this.add(folder, parseIgnoreFile(readText(file), rel(file)));
  }

  /**
   * What a walk of the folder `dir` (a path that was named) skips. A named path is always read:
   * patterns that match `dir` itself, or a folder above it, do not apply below it, so
   * `tact lint fixtures/dead-end` reads that fixture even when `fixtures/` is ignored.
   */
  below(dir: string): IgnoreTest | undefined {
    const tests: ((rel: string) => boolean)[] = [];
    for (const { base, patterns } of this.sources) {
      const at = relativeInside(base, dir);
      const kept =
        at === undefined || at === ''
          ? patterns
          : patterns.filter((p) => !ignore().add(p.pattern).ignores(`${at}/`));
      if (kept.length === 0) continue;
      const ig: Ignore = ignore().add(kept.map((p) => p.pattern));
      tests.push((abs) => {
        const rel = relativeInside(base, abs);
        return rel !== undefined && rel !== '' && ig.ignores(rel);
      });
    }
    if (tests.length === 0) return undefined;
    return (abs, isDir) => {
      const key = isDir ? `${abs}${path.sep}` : abs;
      return tests.some((t) => t(key));
    };
  }
}

/** `abs` relative to `base` with forward slashes, or undefined when it is not inside `base`. */
function relativeInside(base: string, abs: string): string | undefined {
  const rel = path.relative(base, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const out = posix(rel);
  return abs.endsWith(path.sep) && out !== '' ? `${out}/` : out;
}
