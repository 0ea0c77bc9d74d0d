import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { configInForce } from '../../src/config-in-force.js';
import { TactError } from '../../src/errors.js';
import { parseIgnoreFile } from '../../src/flow/ignore.js';
import { type LoadOptions, loadProject } from '../../src/flow/load.js';
import { lint } from '../../src/lint.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const flow = (id: string) => `flow: ${id}
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    end: resolved
`;
const PERSONA = 'persona: calm\nmood: calm\ngoal: ask about an order\n';

/** Write a project into a fresh folder; returns the folder. */
function write(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-ignore-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const load = (dir: string, paths: string[] = [], options: LoadOptions = {}) =>
  loadProject(paths, { cwd: dir, ...options });
const read = (p: ReturnType<typeof loadProject>) => p.files.map((f) => f.path);

const PROJECT = {
  'tact.config.yaml': 'ignore:\n  - drafts/\n  - "*.wip.flow.yaml"\n',
  '.tactignore': '# broken on purpose\nfixtures/\n\nflows/old-*.flow.yaml\n!flows/old-keep.flow.yaml\n',
  'flows/main.flow.yaml': flow('main'),
  'flows/next.wip.flow.yaml': flow('next'),
  'flows/old-a.flow.yaml': flow('old_a'),
  'flows/old-keep.flow.yaml': flow('old_keep'),
  'flows/personas/calm.persona.yaml': PERSONA,
  'drafts/idea.flow.yaml': flow('idea'),
  'fixtures/dead-end/flows/x.flow.yaml': flow('x'),
  'fixtures/dead-end/flows/y.wip.flow.yaml': flow('y'),
};

/** The patterns of PROJECT in force, in order, each with where it was written. */
const PROJECT_IGNORES = [
  { pattern: 'drafts/', from: 'tact.config.yaml' },
  { pattern: '*.wip.flow.yaml', from: 'tact.config.yaml' },
  { pattern: 'fixtures/', from: '.tactignore:2' },
  { pattern: 'flows/old-*.flow.yaml', from: '.tactignore:4' },
  { pattern: '!flows/old-keep.flow.yaml', from: '.tactignore:5' },
];

describe('ignore: in tact.config.yaml and .tactignore', () => {
  it('leave out what they match when a folder is walked, and say which patterns are in force', () => {
    const p = load(write(PROJECT));
    expect(read(p)).toEqual([
      'tact.config.yaml',
      'flows/main.flow.yaml',
      'flows/old-keep.flow.yaml',
      'flows/personas/calm.persona.yaml',
    ]);
    expect(p.ignores).toEqual(PROJECT_IGNORES);
    expect(p.ignored).toEqual(['drafts', 'fixtures', 'flows/next.wip.flow.yaml', 'flows/old-a.flow.yaml']);
    expect(p.warnings).toEqual([]);
  });

  it('are relative to the project folder, whatever the working folder', () => {
    const dir = write(PROJECT);
    const p = loadProject([dir], { cwd: tmpdir() });
    const inside = (f: string) => path.relative(dir, path.resolve(tmpdir(), f)).split(path.sep).join('/');
    expect(read(p).map(inside)).toEqual([
      'tact.config.yaml',
      'flows/main.flow.yaml',
      'flows/old-keep.flow.yaml',
      'flows/personas/calm.persona.yaml',
    ]);
  });

  it('never leave out a path that is named: a file, or a folder (the other patterns still apply below it)', () => {
    const dir = write(PROJECT);
    expect(read(load(dir, ['drafts/idea.flow.yaml', 'flows/next.wip.flow.yaml']))).toEqual([
      'tact.config.yaml',
      'drafts/idea.flow.yaml',
      'flows/next.wip.flow.yaml',
    ]);
    const fixture = load(dir, ['fixtures/dead-end']);
    expect(read(fixture)).toEqual(['tact.config.yaml', 'fixtures/dead-end/flows/x.flow.yaml']);
    expect(fixture.ignored).toEqual(['fixtures/dead-end/flows/y.wip.flow.yaml']);
  });

  it('are all off with ignore: false (--no-ignore)', () => {
    const p = load(write(PROJECT), [], { ignore: false });
    expect(p.ignores).toEqual([]);
    expect(p.ignored).toEqual([]);
    expect(read(p)).toEqual([
      'tact.config.yaml',
      'drafts/idea.flow.yaml',
      'fixtures/dead-end/flows/x.flow.yaml',
      'fixtures/dead-end/flows/y.wip.flow.yaml',
      'flows/main.flow.yaml',
      'flows/next.wip.flow.yaml',
      'flows/old-a.flow.yaml',
      'flows/old-keep.flow.yaml',
      'flows/personas/calm.persona.yaml',
    ]);
  });

  it('without a config, .tactignore is read from the folder given', () => {
    const dir = write({ '.tactignore': 'old/\n', 'a.flow.yaml': flow('a'), 'old/b.flow.yaml': flow('b') });
    expect(read(load(dir))).toEqual(['a.flow.yaml']);
    expect(load(dir).ignores).toEqual([{ pattern: 'old/', from: '.tactignore:1' }]);
  });

  it('are shown by --print-config (configInForce)', () => {
    const inForce = configInForce(load(write(PROJECT)));
    expect(inForce.ignores).toEqual(PROJECT_IGNORES);
  });

  it('an `ignore` that is not a list of patterns is a schema finding at the key', () => {
    const p = load(write({ 'tact.config.yaml': 'ignore: fixtures/\n', 'a.flow.yaml': flow('a') }));
    expect(p.problems.map((x) => [x.rule, x.message, x.pos.file, x.pos.line, x.pos.column])).toEqual([
      [
        'schema',
        "`ignore` must be a list (gitignore-style patterns, relative to this file's folder, of the files and folders to leave out when a folder is walked, e.g. `fixtures/`)",
        'tact.config.yaml',
        1,
        9,
      ],
    ]);
    expect(read(p)).toEqual(['tact.config.yaml', 'a.flow.yaml']);
  });

  it('a .tactignore that is a folder is an error that names it (exit 2)', () => {
    const dir = write({ 'a.flow.yaml': flow('a'), '.tactignore/x': '' });
    let err: unknown;
    try {
      load(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TactError);
    expect((err as TactError).message).toBe(
      'cannot read the ignore file .tactignore: it is a folder, not a file',
    );
    expect((err as TactError).exitCode).toBe(2);
  });

  it('lint of a folder whose flows are all ignored says so, and how to lint them', () => {
    const dir = write({ '.tactignore': 'flows/\n', 'flows/a.flow.yaml': flow('a') });
    let err: unknown;
    try {
      lint([], { cwd: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TactError);
    expect((err as TactError).message).toBe('no flow files in the current folder');
    expect((err as TactError).hint).toBe(
      '1 file or folder there is ignored (flows): name them, or run with --no-ignore',
    );
  });

  it('config files a walk passes, with none in force, are named in one warning', () => {
    const dir = write({
      'a/tact.config.yaml': 'channel: sms\n',
      'a/x.flow.yaml': flow('x'),
      'b/tact.config.yaml': 'channel: sms\n',
      'b/y.flow.yaml': flow('y'),
    });
    expect(load(dir).warnings).toEqual([
      '2 config files below are not in force (a/tact.config.yaml, b/tact.config.yaml): tact looks for the config from the first path upwards, and found none; to use a/tact.config.yaml, lint its folder (`tact lint a`) or name it with --config',
    ]);
    expect(load(dir, ['a']).warnings).toEqual([]);
  });

  it('parseIgnoreFile keeps the line of each pattern and leaves out blank lines and comments', () => {
    expect(parseIgnoreFile('a/\r\n# c\n\n  \nb.flow.yaml   \n\\#x\n', '.tactignore')).toEqual([
      { pattern: 'a/', from: '.tactignore:1' },
      { pattern: 'b.flow.yaml', from: '.tactignore:5' },
      { pattern: '\\#x', from: '.tactignore:6' },
    ]);
  });
});

describe('the docs', () => {
  it("docs/flow-format.md's config example (with `ignore:`) and its .tactignore example load with no problems", () => {
    const page = readFileSync(path.join(REPO, 'docs/flow-format.md'), 'utf8');
    const config = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .find((b) => /^ignore:/m.test(b));
    const tactignore = /```\n(# \.tactignore[\s\S]*?)```/.exec(page)?.[1];
    expect(config).toBeDefined();
    expect(tactignore).toBeDefined();
    const dir = write({
      'tact.config.yaml': config as string,
      '.tactignore': tactignore as string,
      'flows/a.flow.yaml': flow('a'),
      'fixtures/b.flow.yaml': flow('b'),
      'drafts/c.flow.yaml': flow('c'),
    });
    const p = load(dir);
    expect(p.problems).toEqual([]);
    expect(read(p)).toEqual(['tact.config.yaml', 'flows/a.flow.yaml']);
  });
});

describe("the repository's own .tactignore", () => {
  it('`tact lint` at the repo root reads the example flows only, none of the broken test inputs', () => {
    const p = loadProject([], { cwd: REPO });
    expect(p.ignores.map((i) => i.pattern)).toEqual(['fixtures/', 'test/', 'bench/fixtures/']);
    const outside = p.files.map((f) => f.path).filter((f) => !f.startsWith('flows/'));
    expect(outside).toEqual([]);
    expect(p.files.length).toBeGreaterThan(5);
    expect(p.config.file).toBeUndefined();
    expect(p.warnings).toEqual([
      'flows/tact.config.yaml is not in force: tact looks for the config from the first path upwards, and found none; lint its folder (`tact lint flows`) or name it with --config',
    ]);
  });
});
