// Discovery: which flow and persona files the given paths hold.
import { accessSync, constants, type Dirent, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { fsReason, TactError } from '../errors.js';
import { CONFIG_FILE } from './config.js';
import { notAFile } from './fs.js';
import type { Ignores, IgnoreTest } from './ignore.js';

const FLOW_RE = /\.flow\.ya?ml$/;
const PERSONA_RE = /\.persona\.ya?ml$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage']);

export interface Discovery {
  flows: string[];
  personas: string[];
  warnings: string[];
  /** Real paths of the folders and files taken, so each is read once and a link loop ends. */
  seen: Map<string, string>;
  unreadable: string[];
  /** Files and folders a walk left out because an ignore pattern matched them (relative paths). */
  ignored: string[];
  /** Config files a walk passed below the paths given (not read: the config is looked up upwards). */
  configs: string[];
  rel: (abs: string) => string;
}

/**
 * Walk the given paths for flow and persona files. A symbolic link is followed once: the real path
 * of every folder and file is kept, so a link back up (`ln -s .. flows/up`) or to a file already
 * taken is skipped with a warning. FIFOs, sockets and devices are never opened (reading a FIFO
 * waits forever); those with a flow or persona name are skipped with a warning. Files and folders
 * that cannot be read are all named in one error (exit 2). A walk leaves out what `ignores` match;
 * the paths given are always read.
 */
export function discoverAll(inputs: string[], rel: (abs: string) => string, ignores?: Ignores): Discovery {
  const d: Discovery = {
    flows: [],
    personas: [],
    warnings: [],
    seen: new Map(),
    unreadable: [],
    ignored: [],
    configs: [],
    rel,
  };
  for (const input of inputs) discoverInput(input, d, ignores);
  if (d.unreadable.length === 1)
    throw new TactError(
      `cannot read ${d.unreadable[0].replace(/ \((.*)\)$/, ': $1')}`,
      2,
      'fix its permissions, or leave it out',
    );
  if (d.unreadable.length > 1)
    throw new TactError(
      `cannot read ${d.unreadable.length} files and folders: ${d.unreadable.join(', ')}`,
      2,
      'fix their permissions, or leave them out',
    );
  return d;
}

/** Stat a path that was given: one that is not there, or cannot be looked at, is an error (exit 2). */
export function statInput(input: string): { st: Stats; real: string } {
  try {
    return { st: statSync(input), real: realpathSync(input) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new TactError(`no such file or folder: ${input}`, 2, 'check the path you gave');
    throw new TactError(`cannot read ${input}: ${fsReason(err)}`, 2, 'check the path you gave');
  }
}

function discoverInput(input: string, d: Discovery, ignores: Ignores | undefined): void {
  const { st, real } = statInput(input);
  if (st.isDirectory()) {
    if (d.seen.has(real)) return;
    d.seen.set(real, input);
    walkFolder(input, real, d, ignores?.below(input));
    return;
  }
  const what = notAFile(st);
  if (what)
    throw new TactError(
      `${d.rel(input)} is ${what}, not a file`,
      2,
      'give flow files or the folders that hold them',
    );
  const base = path.basename(input);
  if (base === CONFIG_FILE) return;
  const kind = PERSONA_RE.test(base)
    ? 'persona'
    : FLOW_RE.test(base) || /\.ya?ml$/.test(base)
      ? 'flow'
      : undefined;
  if (!kind) throw new TactError(`not a flow file: ${input}`, 2, 'flow files end in .flow.yaml');
  takeFile(input, real, kind, d);
}

function takeFile(abs: string, real: string, kind: 'flow' | 'persona', d: Discovery): void {
  const first = d.seen.get(real);
  if (first !== undefined) {
    if (first !== abs) d.warnings.push(`skipped ${d.rel(abs)}: the same file as ${d.rel(first)}`);
    return;
  }
  d.seen.set(real, abs);
  try {
    accessSync(abs, constants.R_OK);
  } catch (err) {
    d.unreadable.push(`${d.rel(abs)} (${fsReason(err)})`);
    return;
  }
  (kind === 'flow' ? d.flows : d.personas).push(abs);
}

function walkFolder(dir: string, realDir: string, d: Discovery, skip: IgnoreTest | undefined): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    d.unreadable.push(`${d.rel(dir)} (${fsReason(err)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const name = entry.name;
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (skip?.(full, isFolder(entry, full))) {
      d.ignored.push(d.rel(full));
      continue;
    }
    if (name === CONFIG_FILE && entry.isFile()) d.configs.push(full);
    const kind = FLOW_RE.test(name) ? 'flow' : PERSONA_RE.test(name) ? 'persona' : undefined;
    let st: Stats | Dirent = entry;
    let real = full;
    if (entry.isSymbolicLink()) {
      try {
        real = realpathSync(full);
        st = statSync(real);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (kind || code === 'ELOOP')
          d.warnings.push(
            `skipped ${d.rel(full)}: ${code === 'ELOOP' ? 'a symbolic link that loops' : 'a symbolic link to nothing'}`,
          );
        continue;
      }
    } else if (entry.isDirectory() || entry.isFile()) {
      real = path.join(realDir, name);
    }
    if (st.isDirectory()) {
      if (realDir === real || realDir.startsWith(real + path.sep)) {
        d.warnings.push(`skipped ${d.rel(full)}: a link to ${d.rel(real)}, a folder that holds it (a loop)`);
        continue;
      }
      const first = d.seen.get(real);
      if (first !== undefined) {
        d.warnings.push(`skipped ${d.rel(full)}: the folder ${d.rel(first)} again (through a link)`);
        continue;
      }
      d.seen.set(real, full);
      walkFolder(full, real, d, skip);
    } else if (kind) {
      const what = notAFile(st);
      if (what) d.warnings.push(`skipped ${d.rel(full)}: it is ${what}, not a file`);
      else if (st.isFile()) takeFile(full, real, kind, d);
    }
  }
}

/** Whether an entry is a folder (a link is matched as what it points to), for folder patterns such as `fixtures/`. */
function isFolder(entry: Dirent, full: string): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(full).isDirectory();
  } catch {
    return false;
  }
}
