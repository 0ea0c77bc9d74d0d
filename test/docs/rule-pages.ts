// How the examples of a rule page (docs/rules/ID.md) are read, put in a project and linted.
// test/docs/rule-pages.test.ts states the convention and the checks; this file does the work.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { loadProject } from '../../src/flow/load.js';
import { lintProject } from '../../src/lint.js';
import type { Finding } from '../../src/rules/types.js';
import { ROOT } from '../e2e/helpers.js';
import { type Block, codeBlocks } from './blocks.js';

export type Role = 'bad' | 'fixed' | 'silenced' | 'config';

export interface Example extends Block {
  /** 1-based index of the block among the page's YAML blocks, for messages. */
  index: number;
  role: Role;
  /** Where the block goes: `# path` on its first line, else by what it is (see fileOf). */
  marker?: string;
}

/** A line of a composed file, and the example line it came from (none for the context's). */
export interface Line {
  text: string;
  from?: { example: number; line: number };
}

const schemaKeys = (name: string) =>
  new Set(
    Object.keys(JSON.parse(readFileSync(path.join(ROOT, `schemas/${name}.schema.json`), 'utf8')).properties),
  );
const FLOW_KEYS = schemaKeys('flow');
const CONFIG_KEYS = schemaKeys('config');
const PERSONA_KEYS = schemaKeys('persona');

const FILE_MARKER = /^# ((?:flows|personas)\/[\w./-]+\.yaml|tact\.config\.yaml)\s*$/;

/**
 * The YAML examples of a rule page with their roles, read from the page as a reader reads it:
 * a block after a paragraph that begins "Bad" is the bad example, after one that begins "Fixed" a
 * fixed one; a block with a `# tact-disable-next-line` comment is a silenced example; any other
 * block must be a config (a `tact.config.yaml`, or only its keys), as under "Options".
 */
export function pageExamples(file: string): Example[] {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return codeBlocks(file)
    .filter((b) => b.lang === 'yaml')
    .map((b, i) => {
      const first = b.text.split('\n')[0];
      const marker = FILE_MARKER.exec(first)?.[1];
      const intro = introduction(lines, b.line - 1);
      let role: Role;
      if (/^Bad\b/.test(intro)) role = 'bad';
      else if (/^Fixed\b/.test(intro)) role = 'fixed';
      else if (/^\s*# tact-disable-next-line /m.test(b.text)) role = 'silenced';
      else role = 'config';
      return { ...b, index: i + 1, role, marker };
    });
}

/** The first line of the paragraph just above a fence (0-based line index of the fence). */
function introduction(lines: string[], fence: number): string {
  let i = fence - 1;
  while (i >= 0 && lines[i].trim() === '') i--;
  if (i < 0 || lines[i].startsWith('```') || lines[i].startsWith('#')) return '';
  while (i > 0 && lines[i - 1].trim() !== '' && !lines[i - 1].startsWith('```')) i--;
  return lines[i];
}

/** What kind of file a block is, by its keys (a file marker decides first). */
export function kindOf(e: Example): 'flow' | 'config' | 'persona' {
  if (e.marker === 'tact.config.yaml') return 'config';
  if (e.marker?.startsWith('personas/')) return 'persona';
  if (e.marker?.startsWith('flows/')) return 'flow';
  const value = parseDocument(e.text).toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'flow';
  const keys = Object.keys(value);
  if (
    'persona' in value ||
    keys.every((k) => PERSONA_KEYS.has(k) && !FLOW_KEYS.has(k) && !CONFIG_KEYS.has(k))
  )
    return 'persona';
  if (keys.every((k) => CONFIG_KEYS.has(k) && !FLOW_KEYS.has(k))) return 'config';
  return 'flow';
}

/** A whole flow file (its own `flow:` and `steps:`), not a fragment of one. */
export function isWholeFlow(e: Example): boolean {
  return /^flow:/m.test(e.text) && /^steps:/m.test(e.text);
}

// A file is read as top-level sections (a key at column 0 with the comments just above it and
// the lines below it); a section whose lines are a map at two spaces is read as entries (a key at
// two spaces, with the comments just above it). That is all the merging needs: the steps of a
// flow, its data and intents, a config's rules.

interface Entry {
  key: string;
  lines: Line[];
}
interface Section {
  key: string;
  head: Line[];
  body: Line[];
  entries?: Entry[];
}

export function linesOf(e: Example): Line[] {
  return e.text
    .replace(/\n$/, '')
    .split('\n')
    .map((text, i) => ({ text, from: { example: e.index, line: i + 1 } }));
}

export const contextLines = (text: string): Line[] =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((t) => ({ text: t }));

const isComment = (t: string) => /^\s*(#.*)?$/.test(t);
const indentOf = (t: string) => t.length - t.trimStart().length;

function sections(lines: Line[]): Section[] {
  const first = lines.find((l) => !isComment(l.text));
  if (!first) throw new Error('an example of nothing but comments: show the line it is about');
  const indent = indentOf(first.text);
  if (indent > 2)
    throw new Error(`a fragment at ${indent} spaces: give it its step key (${first.text.trim()})`);
  // Steps at two spaces are the body of `steps:`, written without its key line.
  if (indent === 2) return [{ key: 'steps', head: [], body: lines, entries: entriesOf(lines) }];
  const out: Section[] = [];
  let pending: Line[] = [];
  for (const l of lines) {
    const key = /^([\w-]+):/.exec(l.text)?.[1];
    if (key) {
      out.push({ key, head: [...pending, l], body: [] });
      pending = [];
    } else if (isComment(l.text) && (indentOf(l.text) === 0 || out.length === 0)) pending.push(l);
    else {
      out.at(-1)?.body.push(...pending, l);
      pending = [];
    }
  }
  out.at(-1)?.body.push(...pending);
  for (const s of out) s.entries = entriesOf(s.body);
  return out;
}

function entriesOf(body: Line[]): Entry[] | undefined {
  const entries: Entry[] = [];
  let pending: Line[] = [];
  for (const l of body) {
    if (
      /^ {2}- /.test(l.text) ||
      (/^ {2}\S/.test(l.text) && !/^ {2}[\w/-]+:/.test(l.text) && !isComment(l.text))
    )
      return undefined;
    const key = /^ {2}([\w/-]+):/.exec(l.text)?.[1];
    if (key) {
      entries.push({ key, lines: [...pending, l] });
      pending = [];
    } else if (isComment(l.text) && (l.text.trim() === '' || indentOf(l.text) <= 2)) pending.push(l);
    else {
      const e = entries.at(-1);
      if (!e) return undefined;
      e.lines.push(...pending, l);
      pending = [];
    }
  }
  if (entries.length === 0) return undefined;
  if (pending.length) entries.at(-1)?.lines.push(...pending);
  return entries;
}

function render(ss: Section[]): Line[] {
  return ss.flatMap((s) => [...s.head, ...(s.entries ? s.entries.flatMap((e) => e.lines) : s.body)]);
}

/**
 * `over` laid over `base`: a section or entry of `over` replaces the one of the same key in place,
 * new ones are added at the end. With `under`, `base` is what is laid under: `over`'s sections and
 * entries come first and keep theirs, `base` fills in what they lack (the page's context under its
 * bad example).
 */
export function merge(base: Line[], over: Line[], mode: 'over' | 'under' = 'over'): Line[] {
  const b = sections(base);
  const o = sections(over);
  if (mode === 'under') {
    // The context's own sections first, then the example's, filled in from the context.
    const out: Section[] = b.filter((s) => !o.some((x) => x.key === s.key));
    for (const mine of o) {
      const s = b.find((x) => x.key === mine.key);
      if (s?.entries && mine.entries)
        out.push({
          ...mine,
          head: mine.head.length ? mine.head : s.head,
          entries: [...mine.entries, ...s.entries.filter((e) => !mine.entries!.some((m) => m.key === e.key))],
        });
      else out.push(mine);
    }
    return render(out);
  }
  const out = [...b];
  for (const s of o) {
    const i = out.findIndex((x) => x.key === s.key);
    if (i < 0) out.push(s);
    else if (s.entries && out[i].entries) {
      const entries = [...out[i].entries!];
      for (const e of s.entries) {
        const j = entries.findIndex((x) => x.key === e.key);
        if (j < 0) entries.push(e);
        else entries[j] = e;
      }
      out[i] = { ...out[i], head: s.head.length ? s.head : out[i].head, entries };
    } else out[i] = s;
  }
  return render(out);
}

export type Files = Record<string, Line[]>;

export interface Linted {
  findings: Finding[];
  /** The loader's problems (YAML, schema, duplicate flows), as `file:line rule: message`. */
  problems: string[];
  /** The example line a finding is on, or undefined when it is on a line of the context. */
  exampleLine(f: Finding): { example: number; line: number } | undefined;
  files: Record<string, string>;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-rule-pages-'));
let count = 0;
export const removeTemp = () => rmSync(tmp, { recursive: true, force: true });

/** Write the files to a fresh folder and lint them as `tact lint` does (disable comments applied). */
export function lintFiles(files: Files): Linted {
  const dir = path.join(tmp, `project-${++count}`);
  const texts: Record<string, string> = {};
  for (const [rel, lines] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    texts[rel] = `${lines.map((l) => l.text).join('\n')}\n`;
    writeFileSync(path.join(dir, rel), texts[rel]);
  }
  const project = loadProject([dir], { cwd: dir });
  const problems = project.problems.map((p) => `${p.pos.file}:${p.pos.line} ${p.rule}: ${p.message}`);
  const report = lintProject(project);
  return {
    findings: report.findings,
    problems,
    files: texts,
    exampleLine: (f) => files[f.file]?.[f.line - 1]?.from,
  };
}
