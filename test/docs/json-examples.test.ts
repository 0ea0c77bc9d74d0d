// Every ```json example in README.md and docs/ is checked against what it shows, so the docs cannot
// drift from the files tact writes and reads:
// - the compiled bot of docs/bot-format.md is the README's tour flow compiled, shown in part: each
//   key it shows has the value `tact compile` writes (a string ending in "…" is the start of the
//   real one, a list ending in "…" the first items of it, a map `{"…": ...}` is left out);
// - the package.json of docs/ci.md has the scripts and the tact dependency `tact init` writes;
// - the VS Code settings of docs/editor.md name schemas the package ships.
// Two pages have tests of their own, which run what they show: docs/output-formats.md
// (test/docs/output-formats.test.ts) and docs/simulation.md (test/e2e/simulate-ollama-docs.test.ts:
// the customer's answer, and a recording against one the stub server's run made). A JSON example
// that none of these recognises fails the test: a new one must get its check.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STARTER_SCRIPTS, TACT_DEPENDENCY } from '../../src/cli/init-templates.js';
import { compile } from '../../src/compile/index.js';
import { ROOT } from '../e2e/helpers.js';
import { type Block, codeBlocks, markdownFiles } from './blocks.js';
import { differences } from './partial.js';

const CHECKED_BY_THEIR_OWN_TEST = new Set(['docs/output-formats.md', 'docs/simulation.md']);
const BLOCKS = [
  'README.md',
  ...markdownFiles('docs').filter((f) => !CHECKED_BY_THEIR_OWN_TEST.has(f)),
].flatMap((f) => codeBlocks(f).filter((b) => b.lang === 'json'));

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-json-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The README's tour flow, compiled as docs/bot-format.md says (name and bot from the config). */
function compiledTour(): unknown {
  const readme = codeBlocks('README.md').find((b) => b.lang === 'yaml' && /^flow: refund$/m.test(b.text));
  expect(readme, 'the README has its tour flow').toBeDefined();
  const dir = path.join(tmp, 'tour');
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'flows/refund.flow.yaml'), readme!.text);
  writeFileSync(path.join(dir, 'tact.config.yaml'), 'name: acme-support\nbot: {name: Ava, company: Acme}\n');
  return JSON.parse(compile([dir], { cwd: dir }).json);
}

type Check = (json: any, block: Block) => void;

/** What each kind of example is, and how it is checked. */
const CHECKS: { what: string; is: (json: any) => boolean; check: Check }[] = [
  {
    what: 'a compiled bot (tact compile)',
    is: (j) => j?.format === 'tact-bot',
    check: (json) => expect(differences(json, compiledTour())).toEqual([]),
  },
  {
    what: "a starter's package.json (tact init)",
    is: (j) => j?.scripts !== undefined && j?.devDependencies !== undefined,
    check: (json) => {
      expect(json.scripts).toEqual(STARTER_SCRIPTS);
      expect(json.devDependencies).toEqual({ [TACT_DEPENDENCY[0]]: TACT_DEPENDENCY[1] });
    },
  },
  {
    what: 'VS Code settings for yaml-language-server',
    is: (j) => j?.['yaml.schemas'] !== undefined,
    check: (json) => {
      const shipped = readdirSync(path.join(ROOT, 'schemas'));
      for (const schema of Object.keys(json['yaml.schemas'])) {
        expect(schema).toMatch(/^\.\/node_modules\/tact\/schemas\//);
        expect(shipped).toContain(path.basename(schema));
      }
    },
  },
];

describe('every JSON example in the docs is what tact writes or reads', () => {
  it('finds the examples', () => {
    expect(BLOCKS.map((b) => b.file)).toEqual(['docs/bot-format.md', 'docs/ci.md', 'docs/editor.md']);
  });

  for (const block of BLOCKS) {
    it(`${block.file}:${block.line}`, () => {
      const json = JSON.parse(block.text);
      const kinds = CHECKS.filter((c) => c.is(json));
      expect(
        kinds.map((k) => k.what),
        'one check knows this example',
      ).toHaveLength(1);
      kinds[0].check(json, block);
    });
  }
});

describe('differences (how an example may show part of a file)', () => {
  it('takes a shown part, a cut string, a cut list and a cut map, and says where the rest differs', () => {
    const actual = { a: 'abcdef', b: [1, 2, 3], c: { d: 1, e: 2 }, f: 1, g: [1] };
    expect(differences({ a: 'abc…', b: [1, '…'], c: { '…': 'cut' }, f: 1 }, actual)).toEqual([]);
    expect(differences({ a: 'abd…', b: [1, 2], f: 2, h: 0, g: 1 }, actual)).toEqual([
      '$.a: "abcdef" does not start with "abd"',
      '$.b: 2 items shown, 3 written (end the list with "…" to show part)',
      '$.f: 2 shown, 1 written',
      '$.h: not in what is written',
      '$.g: 1 shown, [1] written',
    ]);
  });
});
