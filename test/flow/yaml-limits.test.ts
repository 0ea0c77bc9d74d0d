import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { deepestInText, MAX_NESTING, parseYamlFile } from '../../src/flow/yaml-limits.js';

// These pin what the loader says of deep and cyclic YAML, whatever parser is behind it: a parser
// swapped in must keep the message, the position, and never overflow the stack.

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HEAD = 'flow: deep\nsteps:\n  a:\n    say: Hi, I am a virtual assistant.\n    end: resolved\n';

/** Load one flow file through the project loader; its yaml problems and whether a flow was built. */
function load(text: string) {
  const dir = mkdtempSync(path.join(tmp, 'p-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'deep.flow.yaml'), text);
  const project = loadProject([dir], { cwd: dir });
  return {
    yaml: project.problems
      .filter((p) => p.rule === 'yaml')
      .map((p) => `${p.pos.line}:${p.pos.column} ${p.message}`),
    all: project.problems.map((p) => p.message),
    flows: project.flows.size,
  };
}

const tooDeep = (at: string) =>
  `${at} nesting too deep at ${at}: more than ${MAX_NESTING} levels of lists and maps; flatten it`;

describe('nesting too deep at line:col, never "Maximum call stack size exceeded"', () => {
  it('flow brackets, from just over the limit to a megabyte of them', () => {
    // The step's `x` list opens at column 8 of line 6, at depth 4 (file, steps, a, x): the
    // bracket that makes 65 is bracket 62, at column 69.
    for (const n of [MAX_NESTING - 2, 1000, 400_000]) {
      const r = load(`${HEAD}    x: ${'['.repeat(n)}${']'.repeat(n)}\n`);
      expect(r.yaml, `${n}`).toEqual([tooDeep(`6:${8 + MAX_NESTING - 3}`)]);
      expect(r.all).toHaveLength(1);
      expect(r.flows).toBe(0);
    }
  });

  it('exactly the limit is fine', () => {
    const n = MAX_NESTING - 3;
    const r = load(`${HEAD}    x: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    expect(r.yaml).toEqual([]);
  });

  it('block maps by indentation, and nested `- - -` lists', () => {
    let block = `${HEAD}    x:\n`;
    for (let i = 0; i < 80; i++) block += `${' '.repeat(6 + i)}k:\n`;
    // Line 7 + j is at depth 4 + j: depth 65 is line 68, indented 67.
    expect(load(block).yaml).toEqual([tooDeep('68:68')]);
    // Line 7 is at depth 4; its dash k opens depth 4 + k: dash 61, at column 6 + 2 * 60 + 1.
    const dashes = `${HEAD}    x:\n      ${'- '.repeat(80)}leaf\n`;
    expect(load(dashes).yaml).toEqual([tooDeep('7:127')]);
  });

  it('aliases that nest what the text does not, and an alias that holds itself', () => {
    let chain = `${HEAD}    x0: &a0 [1]\n`;
    for (let i = 1; i < 70; i++) chain += `    x${i}: &a${i} [*a${i - 1}]\n`;
    const r = load(chain);
    expect(r.flows).toBe(0);
    expect(r.yaml).toHaveLength(1);
    expect(r.yaml[0]).toMatch(
      /^\d+:\d+ (nesting too deep at \d+:\d+|too many YAML aliases \(more than 100 expansions\))/,
    );
    expect(load('flow: c\nsteps: &s\n  a: *s\n').yaml).toEqual([
      '3:6 an alias at 3:6 refers to a node that holds it (a cycle): write the value out',
    ]);
  });

  it('brackets in quotes, comments and block scalars are text, not nesting', () => {
    const deep = '['.repeat(100);
    const text = `${HEAD}    tone: neutral
    # ${deep}
  b:
    say: "${deep} \\" ${deep}"
    next: c
  c:
    say: '${deep} '' ${deep}'
    next: d
  d:
    say: |
      ${deep}
          ${'{'.repeat(100)}
    end: resolved
`;
    expect(load(text).yaml).toEqual([]);
  });

  it('is linear: a megabyte of indentation and brackets is scanned quickly and without recursion', () => {
    const text = `${'- '.repeat(300_000)}x\n`;
    expect(deepestInText(text, MAX_NESTING)).toEqual({ line: 1, column: 2 * MAX_NESTING - 1 });
    expect(parseYamlFile('x.yaml', text).problems.map((p) => p.message)).toEqual([
      `nesting too deep at 1:${2 * MAX_NESTING - 1}: more than ${MAX_NESTING} levels of lists and maps; flatten it`,
    ]);
  });
});
