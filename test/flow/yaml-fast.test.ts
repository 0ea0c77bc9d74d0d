import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT, type PathKey, parseWithYaml, parseYamlFile } from '../../src/flow/yaml.js';
import { parseFast } from '../../src/flow/yaml-fast.js';
import { random as seeded } from '../../src/random.js';
import { EDGE_CASES } from './yaml-edge-cases.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every YAML file of the repository's example and fixture projects. */
function repoYaml(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push([path.relative(ROOT, p), readFileSync(p, 'utf8')]);
    }
  };
  walk(path.join(ROOT, 'flows'));
  walk(path.join(ROOT, 'fixtures'));
  return out;
}

/** Every data path of a value (with a missing key and index under each collection). */
function pathsOf(value: unknown): PathKey[][] {
  const out: PathKey[][] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, at: PathKey[]) => {
    out.push(at);
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...at, i]);
      out.push([...at, v.length + 2]);
    } else {
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...at, k]);
      out.push([...at, 'no_such_key']);
    }
  };
  walk(value, []);
  return out;
}

/** Where the two paths disagree on a file: the data, the problems, or a position. */
function differences(file: string, text: string): string[] {
  const fast = parseYamlFile(file, text);
  const slow = parseWithYaml(file, text);
  const out: string[] = [];
  if (!isDeepStrictEqual(fast.value, slow.value)) out.push('value');
  if (!isDeepStrictEqual(fast.problems, slow.problems)) out.push('problems');
  if (slow.value !== undefined)
    for (const at of pathsOf(slow.value))
      for (const key of [false, true])
        if (!isDeepStrictEqual(fast.posAt(at, { key }), slow.posAt(at, { key })))
          out.push(`position of ${JSON.stringify(at)}${key ? ' (key)' : ''}`);
  return out;
}

const INSERTS = [
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '?',
  ',',
  '\t',
  ' ',
  '\n',
  '%',
  '\\',
  '0',
  '~',
  '&a ',
  '*a',
  '- ',
  ': ',
  '\r',
];

/** The text with one to three random edits: lines dropped, repeated or re-indented, characters put in or taken out. */
function mutate(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  let t = text;
  for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
    const lines = t.split('\n');
    const i = Math.floor(random() * lines.length);
    const r = random();
    if (r < 0.15) lines.splice(i, 1);
    else if (r < 0.3) lines.splice(i, 0, pick(lines));
    else if (r < 0.45) lines[i] = ' '.repeat(1 + Math.floor(random() * 3)) + lines[i];
    else if (r < 0.55) lines[i] = lines[i].replace(/^ {1,2}/, '');
    else if (r < 0.85) {
      const p = Math.floor(random() * (lines[i].length + 1));
      lines[i] = lines[i].slice(0, p) + pick(INSERTS) + lines[i].slice(p);
    } else {
      const p = Math.floor(random() * lines[i].length);
      lines[i] = lines[i].slice(0, p) + lines[i].slice(p + 1);
    }
    t = lines.join('\n');
  }
  return t;
}

describe('the fast YAML path reads files exactly as yaml does', () => {
  it('takes the fast path for every file of the example project', () => {
    const slow = repoYaml()
      .filter(([file]) => file.startsWith('flows/'))
      .filter(([, text]) => !parseFast(text, MAX_ALIAS_COUNT))
      .map(([file]) => file);
    expect(slow).toEqual([]);
  });

  it('leaves a syntax error and a billion laughs to yaml', () => {
    for (const [file, text] of repoYaml())
      if (file.startsWith('fixtures/yaml/') || file.startsWith('fixtures/yaml-aliases/'))
        expect([file, parseFast(text, MAX_ALIAS_COUNT)]).toEqual([file, undefined]);
  });

  it('gives the same data, problems and positions for every file of the repository', () => {
    for (const [file, text] of repoYaml()) expect([file, differences(file, text)]).toEqual([file, []]);
  });

  it.each(Object.entries(EDGE_CASES))('edge case: %s', (name, text) => {
    expect(differences(`${name}.yaml`, text)).toEqual([]);
  });

  it('an implicit key over 1024 characters, 120 aliases of one anchor, nested aliases past the cap', () => {
    for (const text of [
      `${'a'.repeat(1100)}: 1\n`,
      `a: &a x\nb: [${Array(120).fill('*a').join(', ')}]\n`,
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(10).fill('*a').join(', ')}]\nc: [${Array(10).fill('*b').join(', ')}]\n`,
    ])
      expect(differences('f.yaml', text)).toEqual([]);
  });

  it('agrees on 600 random edits of the repository files (seeded)', () => {
    const random = seeded(20261201);
    const texts = [...repoYaml().map(([, t]) => t), ...Object.values(EDGE_CASES)];
    const bad: string[] = [];
    let tried = 0;
    for (; tried < 600; tried++) {
      const text = mutate(texts[Math.floor(random() * texts.length)], random);
      const d = differences('m.yaml', text);
      if (d.length > 0) bad.push(`${JSON.stringify(text)}: ${d.slice(0, 3).join(', ')}`);
    }
    console.log(`yaml fast path: ${tried} random edits compared`);
    expect(bad).toEqual([]);
  });
});
