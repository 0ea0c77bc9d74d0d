import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TactError } from '../../src/errors.js';
import { loadProject } from '../../src/flow/load.js';
import type { LoadProblem } from '../../src/flow/types.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Write a small project (paths relative to its folder) and load it, paths relative to the folder. */
function load(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-load-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return loadProject([dir], { cwd: dir });
}

const at = (p: LoadProblem) => ({ rule: p.rule, file: p.pos.file, line: p.pos.line, column: p.pos.column });

const OK_FLOW = `flow: main
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    next: ask
  ask:
    ask: How can I help?
    routes:
      - intent: human
        goto: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`;

/** A second flow whose `start` is not its first step. */
const BILLING_STARTS_AT_OPEN = `flow: billing
start: open
steps:
  close:
    say: Bye.
    end: resolved
  open:
    say: Billing here.
    next: close
`;

describe('loadProject: YAML problems', () => {
  it('reports a syntax error at its line and column, and keeps going with the other files', () => {
    const p = load({
      'flows/bad.flow.yaml': `flow: bad
steps:
  greet:
    say: Note: this will not parse
    end: resolved
`,
      'flows/main.flow.yaml': OK_FLOW,
    });
    expect(p.problems.map(at)).toEqual([{ rule: 'yaml', file: 'flows/bad.flow.yaml', line: 4, column: 10 }]);
    expect(p.problems[0].message).toMatch(/^YAML syntax: /);
    expect([...p.flows.keys()]).toEqual(['main']);
  });

  it('reports a duplicate key at the second one, naming the first line, and still loads the flow', () => {
    const p = load({
      'flows/main.flow.yaml': `flow: main
steps:
  greet:
    say: Hello.
    next: bye
    say: Hello again.
    next: bye
  bye:
    say: Bye.
    end: resolved
`,
    });
    const dupes = p.problems.filter((x) => x.rule === 'yaml');
    expect(dupes.map(at)).toEqual([
      { rule: 'yaml', file: 'flows/main.flow.yaml', line: 6, column: 5 },
      { rule: 'yaml', file: 'flows/main.flow.yaml', line: 7, column: 5 },
    ]);
    expect(dupes[0].message).toContain('duplicate key "say" (first at line 4)');
    expect(dupes[0].related?.map((r) => [r.pos.line, r.pos.column])).toEqual([[4, 5]]);
    expect(dupes[1].message).toContain('first at line 5');
    expect(dupes[1].related?.[0].pos.line).toBe(5);
    expect(p.flows.get('main')?.steps.has('bye')).toBe(true);
  });

  it('refuses a billion-laughs file fast, at the first alias', () => {
    let text = 'flow: lol\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    let prev = 'a';
    for (const name of 'bcdefghij') {
      text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = name;
    }
    text += 'steps:\n  greet:\n    say: Hi.\n    end: resolved\n';
    const started = performance.now();
    const p = load({ 'flows/lol.flow.yaml': text });
    expect(performance.now() - started).toBeLessThan(5000); // a hang guard, not a speed target (that is in npm run bench)
    expect(p.problems.map(at)).toEqual([{ rule: 'yaml', file: 'flows/lol.flow.yaml', line: 3, column: 8 }]);
    expect(p.problems[0].message).toContain('too many YAML aliases');
    expect(p.flows.size).toBe(0);
  });

  it('refuses a file over 1 MB with a message that says so', () => {
    const filler = `# ${'x'.repeat(98)}\n`.repeat(11 * 1024);
    const p = load({ 'flows/huge.flow.yaml': `${OK_FLOW}${filler}` });
    expect(p.problems.map(at)).toEqual([{ rule: 'yaml', file: 'flows/huge.flow.yaml', line: 1, column: 1 }]);
    expect(p.problems[0].message).toMatch(/over the 1024 KB limit/);
    expect(p.flows.size).toBe(0);
  });

  it('does not let `__proto__` or `constructor` keys reach Object.prototype', () => {
    const p = load({
      'flows/main.flow.yaml': `flow: main
__proto__:
  polluted: true
data:
  constructor:
    type: text
steps:
  constructor:
    say: Hello {constructor}.
    next: __proto__
  __proto__:
    say: Bye.
    end: resolved
`,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('say');
    const flow = p.flows.get('main')!;
    expect(flow.steps.get('constructor')?.say?.value).toEqual({
      kind: 'text',
      variants: ['Hello {constructor}.'],
    });
    expect(flow.data.get('constructor')?.type).toBe('text');
    expect(p.problems).toContainEqual(
      expect.objectContaining({
        rule: 'schema',
        message: expect.stringContaining('unknown key `__proto__`'),
      }),
    );
    expect(p.problems).toContainEqual(
      expect.objectContaining({
        rule: 'schema',
        message: expect.stringContaining('key "__proto__" in `steps` is not an id'),
        pos: expect.objectContaining({ line: 11, column: 3 }),
      }),
    );
  });

  it('throws a TactError (exit 2) for a path that does not exist', () => {
    expect(() => loadProject(['no/such/folder'], { cwd: tmpdir() })).toThrow(TactError);
  });
});

describe('loadProject: schema problems at the node at fault', () => {
  const problems = (flow: string) => load({ 'flows/main.flow.yaml': flow }).problems;

  it('an unknown key, with "did you mean"', () => {
    const p = problems(`flow: main
tittle: Refunds
steps:
  greet:
    say: Hello.
    nxt: bye
  bye:
    say: Bye.
    end: resolved
`);
    expect(p.map((x) => [x.pos.line, x.pos.column, x.message])).toEqual([
      [2, 1, 'unknown key `tittle` in the file: did you mean `title`?'],
      [6, 5, 'unknown key `nxt` in step `greet`: did you mean `next`?'],
    ]);
  });

  it('a step mixing ask and handoff', () => {
    const p = problems(`flow: main
steps:
  ask:
    ask: Shall I get you a person?
    handoff: true
`);
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.rule === 'schema' && x.pos.line >= 4 && x.pos.line <= 5)).toBe(true);
    expect(p).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/step `ask` mixes `ask` and `handoff`.*split it into two steps/),
        pos: expect.objectContaining({ line: 5, column: 5 }),
      }),
    );
  });

  it('a route with two conditions', () => {
    const p = problems(`flow: main
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: human
        sentiment: negative
        goto: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`);
    expect(p.map((x) => [x.pos.line, x.pos.column])).toEqual([[6, 9]]);
    expect(p[0].message).toMatch(
      /item 1 of `routes` in step `ask` has too many keys: .*exactly one condition/,
    );
  });

  it('ids that break the pattern: the flow id, a step key, a target', () => {
    const p = problems(`flow: Refund
steps:
  Ask-Order:
    ask: Your order number?
    next: Done
`);
    expect(p).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(/^`flow` "Refund" is not an id/),
        pos: expect.objectContaining({ line: 1, column: 7 }),
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('key "Ask-Order" in `steps` is not an id'),
        pos: expect.objectContaining({ line: 3, column: 3 }),
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('"Done" is not a step id'),
        pos: expect.objectContaining({ line: 5, column: 11 }),
      }),
    );
  });

  it('a bad config file, at its node', () => {
    const p = load({ 'flows/main.flow.yaml': OK_FLOW, 'tact.config.yaml': 'chanel: sms\n' }).problems;
    expect(p.map(at)).toEqual([{ rule: 'schema', file: 'tact.config.yaml', line: 1, column: 1 }]);
    expect(p[0].message).toContain('did you mean `channel`?');
  });

  it('a valid flow has no problems', () => {
    expect(problems(OK_FLOW)).toEqual([]);
  });
});

describe('loadProject: the model', () => {
  it('joins the config’s shared intents and global handlers, and resolves intent names', () => {
    const p = load({
      'flows/main.flow.yaml': `flow: main
intents:
  cancel:
    examples: [cancel my order]
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: cancel
        goto: agent
      - intent: complaint
        goto: agent
    options:
      - label: Billing
        intent: billing/charge
        goto: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
      'flows/billing.flow.yaml': `flow: billing
intents:
  charge:
    examples: [a charge on my card]
steps:
  start:
    say: Billing.
    end: resolved
`,
      'tact.config.yaml': `intents:
  human:
    examples: [fetch me a manager]
  complaint:
    examples: [I want to complain]
  cancel:
    examples: [cancel]
handlers:
  - intent: human
    goto: main/agent
  - sentiment: very_negative
    goto: main/agent
fallback: {max: 3, then: main/agent}
`,
    });
    expect(p.problems).toEqual([]);
    expect([...p.intents.keys()].sort()).toEqual([
      'are_you_a_bot',
      'billing/charge',
      'cancel',
      'complaint',
      'human',
      'main/cancel',
    ]);
    const human = p.intents.get('human')!;
    expect(human.builtin).toBe(true);
    expect(human.examples).toContain('fetch me a manager');
    expect(human.examples).toContain('talk to a human');
    expect(p.intents.get('complaint')).toMatchObject({ flow: undefined, builtin: false, qid: 'complaint' });
    expect(p.intents.get('main/cancel')).toMatchObject({ flow: 'main', name: 'cancel' });

    expect(p.config.handlers.map((h) => [h.scope, h.goto.qid, h.when])).toEqual([
      [
        'global',
        'main/agent',
        { intent: 'human', intentPos: expect.objectContaining({ line: 9, column: 13 }) },
      ],
      ['global', 'main/agent', { sentiment: 'very_negative' }],
    ]);
    const ask = p.flows.get('main')!.steps.get('ask')!;
    // Flow-local first, then shared.
    expect(ask.routes?.map((r) => ('intent' in r.when ? r.when.intent : undefined))).toEqual([
      'main/cancel',
      'complaint',
    ]);
    expect(ask.options?.[0].intent).toBe('billing/charge');
    expect(ask.fallback).toMatchObject({ max: 3, inherited: true, then: { qid: 'main/agent' } });
  });

  it('resolves the entry: config `flow/step`, config flow id, the only flow, or none', () => {
    const two = {
      'flows/main.flow.yaml': OK_FLOW,
      'flows/billing.flow.yaml': BILLING_STARTS_AT_OPEN,
    };
    expect(load({ ...two, 'tact.config.yaml': 'entry: main/ask\n' }).entry).toBe('main/ask');
    expect(load({ ...two, 'tact.config.yaml': 'entry: billing\n' }).entry).toBe('billing/open');
    expect(load({ 'flows/main.flow.yaml': OK_FLOW }).entry).toBe('main/greet');
    expect(load(two).entry).toBeUndefined();
    const bad = load({ ...two, 'tact.config.yaml': 'entry: main/nowhere\n' });
    expect(bad.entry).toBe('main/nowhere');
    expect(bad.config.entry?.pos).toMatchObject({ file: 'tact.config.yaml', line: 1, column: 8 });
  });

  it('a flow’s start is the first step listed unless `start` says otherwise', () => {
    const p = load({
      'flows/main.flow.yaml': OK_FLOW,
      'flows/billing.flow.yaml': BILLING_STARTS_AT_OPEN,
    });
    expect(p.flows.get('main')!.start).toBe('greet');
    expect(p.flows.get('billing')!.start).toBe('open');
    expect(p.flows.get('billing')!.startPos).toMatchObject({ line: 2, column: 8 });
  });

  it('reports a second file declaring the same flow id at its `flow` value', () => {
    const p = load({ 'flows/a.flow.yaml': OK_FLOW, 'flows/b.flow.yaml': OK_FLOW });
    expect(p.problems.map(at)).toEqual([
      { rule: 'duplicate-flow', file: 'flows/b.flow.yaml', line: 1, column: 7 },
    ]);
    expect(p.problems[0].related?.[0].pos.file).toBe('flows/a.flow.yaml');
    expect(p.flows.get('main')?.file).toBe('flows/a.flow.yaml');
  });
});

describe('the loader’s fixtures', () => {
  const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));
  it.each(['yaml', 'yaml-duplicate-key', 'yaml-aliases', 'schema', 'duplicate-flow'])(
    'fixtures/%s gives the problems its expected.json lists',
    (name) => {
      const dir = path.join(root, name);
      // Every finding of a loader rule in the fixture is a problem of the loader, and no other.
      type Row = { rule: string; file: string; line: number; column: number; message: string };
      const row = ({ rule, file, line, column, message }: Row): Row => ({
        rule,
        file,
        line,
        column,
        message,
      });
      const order = (a: Row, b: Row) =>
        a.file.localeCompare(b.file) ||
        a.line - b.line ||
        a.column - b.column ||
        a.message.localeCompare(b.message);
      const expected = (JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Row[])
        .filter((e) => ['yaml', 'schema', 'duplicate-flow'].includes(e.rule))
        .map(row)
        .sort(order);
      const p = loadProject([dir], { cwd: dir });
      expect(expected.length).toBeGreaterThan(0);
      expect(p.problems.map((x) => row({ ...at(x), message: x.message })).sort(order)).toEqual(expected);
    },
  );
});
