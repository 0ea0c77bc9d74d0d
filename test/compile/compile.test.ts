import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { botHash, canonicalJson } from '../../src/compile/canonical.js';
import { compileProject } from '../../src/compile/compile.js';
import { TactError } from '../../src/errors.js';
import { loadProject } from '../../src/flow/load.js';
import { lintProject } from '../../src/lint.js';
import { loadBot } from '../../src/runtime/index.js';
import {
  compileDir,
  copyProject,
  EXAMPLES,
  examplesExist,
  FIXTURES,
  makeProject,
  schemaErrors,
  schemaExists,
} from './helpers.js';

const REFUND = path.join(FIXTURES, 'refund');
const MULTI = path.join(FIXTURES, 'multi');

/** An independent recomputation of the hash: sorted keys at every depth, no spaces, sha256. */
function recomputeHash(bot: Record<string, unknown>): string {
  const sortDeep = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortDeep)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
          )
        : v;
  const { hash: _, ...rest } = bot;
  return `sha256-${createHash('sha256')
    .update(JSON.stringify(sortDeep(rest)))
    .digest('hex')}`;
}

describe('compileProject on the refund example of flow-format.md', () => {
  const { bot, json } = compileDir(REFUND);

  it('validates against schemas/bot.schema.json', () => {
    expect(schemaErrors(JSON.parse(json))).toEqual([]);
  });

  it('names the bot tact-bot when neither `name` nor `bot.name` is set, not after the folder', () => {
    expect(bot.name).toBe('tact-bot');
  });

  it('starts at the flow start and qualifies every id', () => {
    expect(bot.entry).toBe('refund/greet');
    expect(Object.keys(bot.steps)).toContain('refund/ask_order');
    expect(Object.keys(bot.data).sort()).toEqual([
      'refund/email',
      'refund/order_id',
      'refund/refund_eligible',
    ]);
    expect(bot.steps['refund/ask_order']).toMatchObject({
      kind: 'ask',
      ask: ["What's your order number? It looks like AB123456."],
      collect: 'refund/order_id',
      handlers: 'refund',
      fallback: { max: 2, then: 'refund/handoff' },
      next: 'refund/privacy',
    });
    expect(bot.steps['refund/check']).toEqual({
      kind: 'action',
      action: 'check_refund',
      sets: ['refund/refund_eligible'],
      next: 'refund/decide',
    });
    expect(bot.steps['refund/privacy'].discloses).toEqual(['refund/email']);
  });

  it('turns one string into a list of one and a sentiment map into lists, with qualified placeholders', () => {
    expect(bot.steps['refund/greet'].say).toHaveLength(1);
    expect(bot.steps['refund/confirm'].say).toEqual({
      default: ['Done! Your refund of the full amount is on its way to {refund/email}.'],
      negative: ["I'm sorry for the trouble this caused. Your full refund is on its way to {refund/email}."],
    });
  });

  it('compiles `if` expressions to JSON Logic over qualified data', () => {
    expect(bot.steps['refund/decide'].branch).toEqual([
      { if: { '==': [{ var: 'refund/refund_eligible' }, true] }, goto: 'refund/confirm' },
    ]);
    expect(bot.steps['refund/decide'].else).toBe('refund/not_eligible');
  });

  it('keeps the flow handlers under the flow id and the (empty) global ones under *', () => {
    expect(bot.handlers).toEqual({
      '*': [],
      refund: [
        { when: { intent: 'refund/bereavement' }, goto: 'refund/handoff' },
        { when: { sentiment: 'very_negative' }, goto: 'refund/calm_down' },
      ],
    });
  });

  it('lists every intent with its examples, `human` with the built-in ones (not `are_you_a_bot`, read by its form), and marks sensitive ones', () => {
    expect(Object.keys(bot.intents)).toEqual(['human', 'refund/bereavement', 'refund/damaged']);
    expect(bot.intents.human.examples).toContain('talk to a human');
    expect(bot.intents['refund/bereavement']).toEqual({
      examples: ['my husband passed away', 'the account holder died'],
      sensitive: true,
    });
    expect(bot.intents['refund/damaged'].sensitive).toBeUndefined();
  });

  it('escalates to the first handoff step of the entry flow when the config has no fallback', () => {
    expect(bot.escalation).toBe('refund/handoff');
  });

  it('records where each step is written, relative to the project root', () => {
    expect(bot.source['refund/greet']).toBe('flows/refund.flow.yaml:32:3');
    expect(bot.source['refund/handoff']).toBe('flows/refund.flow.yaml:81:3');
    expect(Object.keys(bot.source)).toEqual(Object.keys(bot.steps));
  });

  it('runs in the runtime: a damaged order with an eligible refund resolves', async () => {
    const session = loadBot(JSON.parse(json)).session({
      actions: { check_refund: () => ({ refund_eligible: true }) },
    });
    await session.start();
    await session.reply('AB123456');
    const turn = await session.reply('sam@example.com');
    expect(turn.status).toBe('ended');
    expect(turn.outcome).toBe('resolved');
    expect(turn.messages.at(-1)?.text).toContain('sam@example.com');
  });
});

describe('compileProject on a project of several flows with a config', () => {
  const { bot, json } = compileDir(MULTI);

  it('validates against the schema and uses the config name, bot and thresholds', () => {
    expect(schemaErrors(JSON.parse(json))).toEqual([]);
    expect(bot.name).toBe('acme-support');
    expect(bot.bot).toEqual({
      name: 'Ava',
      company: 'Acme',
      disclosure: "I'm Ava, Acme's automated assistant, not a person.",
    });
    expect(bot.sentiment).toEqual({ positive: 0.3, negative: -0.3, very_negative: -0.6 });
    expect(bot.entry).toBe('main/greet');
  });

  it('puts option routes (1-based) first, then the step’s own routes', () => {
    const menu = bot.steps['main/menu'];
    expect(menu.options).toEqual([
      { label: 'An order' },
      { label: 'A bill', intent: 'billing/billing' },
      { label: 'Talk to a person', intent: 'human' },
    ]);
    expect(menu.routes).toEqual([
      { when: { option: 1 }, goto: 'orders/ask_order' },
      { when: { option: 2 }, goto: 'billing/ask_amount' },
      { when: { option: 3 }, goto: 'support/handoff' },
      { when: { intent: 'thanks' }, goto: 'main/bye' },
    ]);
  });

  it('inlines the project default fallback into ask steps without one, and keeps a step’s own', () => {
    expect(bot.steps['orders/ask_order'].fallback).toEqual({
      say: ["Sorry, I didn't catch that."],
      max: 2,
      then: 'support/handoff',
    });
    expect(bot.steps['main/menu'].fallback).toEqual({
      say: ['Please pick one of the choices, or tell me in a few words.'],
      max: 3,
      then: 'support/handoff',
    });
  });

  it('escalates to the config fallback target when it is a handoff step', () => {
    expect(bot.escalation).toBe('support/handoff');
  });

  it('qualifies placeholders in every kind of message', () => {
    expect(bot.steps['orders/found'].say).toEqual({
      default: ["Thanks! I found order {orders/order_id}. It's on its way."],
      negative: [
        "I'm sorry for the wait. Order {orders/order_id} is on its way and should be with you soon.",
      ],
    });
    expect(bot.steps['billing/ok'].say).toEqual([
      'That charge of {billing/amount} looks right to me.',
      'I checked {billing/amount} and it is correct.',
    ]);
  });

  it('qualifies data in hand-written JSON Logic and leaves built-ins such as `turn` bare', () => {
    expect(bot.steps['billing/check'].branch).toEqual([
      { if: { '>': [{ var: 'billing/amount' }, 100] }, goto: 'support/handoff' },
      {
        if: { and: [{ '>': [{ var: 'billing/amount' }, 0] }, { '<': [{ var: 'turn' }, 5] }] },
        goto: 'billing/ok',
      },
    ]);
  });

  it('keeps shared intents and human bare, flow intents qualified, and the global handlers under *', () => {
    expect(Object.keys(bot.intents)).toEqual(['billing/billing', 'human', 'orders/late', 'thanks']);
    expect(bot.intents.human.examples).toContain('put me through to your staff');
    expect(bot.handlers['*']).toEqual([{ when: { intent: 'human' }, goto: 'support/handoff' }]);
    expect(Object.keys(bot.handlers)).toEqual(['*', 'billing', 'main', 'orders', 'support']);
    expect(bot.steps['orders/ask_order'].routes).toEqual([
      { when: { intent: 'orders/late' }, goto: 'orders/late' },
      { when: { sentiment: 'very_negative' }, goto: 'orders/sorry' },
    ]);
  });

  it('writes the top-level keys in the documented order and sorts the maps', () => {
    expect(Object.keys(JSON.parse(json))).toEqual([
      'format',
      'version',
      'name',
      'hash',
      'entry',
      'channel',
      'bot',
      'sentiment',
      'escalation',
      'intents',
      'data',
      'steps',
      'handlers',
      'nlu',
      'source',
    ]);
    const steps = Object.keys(bot.steps);
    expect(steps).toEqual([...steps].sort());
    expect(json.startsWith('{\n  "format": "tact-bot",\n')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
  });

  it('gives a bot the runtime runs: a menu choice, a collected value, a placeholder filled in', async () => {
    const session = loadBot(bot).session();
    await session.start();
    expect((await session.reply('A bill')).step).toBe('billing/ask_amount');
    const turn = await session.reply('it was 42.50');
    expect(turn.status).toBe('ended');
    expect(turn.data).toEqual({ 'billing/amount': 42.5 });
    expect(turn.messages.map((m) => m.text).join(' ')).toMatch(/42\.5/);
  });
});

describe('deterministic output', () => {
  it('gives the same bytes on two compiles', () => {
    expect(compileDir(MULTI).json).toBe(compileDir(MULTI).json);
    expect(compileDir(REFUND).json).toBe(compileDir(REFUND).json);
  });

  it('gives the same bytes for a copy of the project in another folder, from another working directory', () => {
    const here = compileDir(MULTI).json;
    const copy = copyProject(MULTI);
    expect(compileDir(copy).json).toBe(here);
    expect(compileProject(loadProject([copy], { cwd: '/' })).json).toBe(here);
    expect(compileProject(loadProject(['.'], { cwd: copy })).json).toBe(here);
    expect(here).not.toContain(MULTI);
  });

  it('hashes the content without `hash`: a recomputation agrees, and a changed message changes it', () => {
    const { bot } = compileDir(MULTI);
    expect(bot.hash).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(recomputeHash(bot as unknown as Record<string, unknown>)).toBe(bot.hash);
    expect(botHash(bot)).toBe(bot.hash);

    const copy = copyProject(MULTI);
    const file = path.join(copy, 'flows/orders.flow.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("It's on its way.", "It's on the way."));
    const changed = compileDir(copy).bot;
    expect(changed.hash).not.toBe(bot.hash);
    expect(recomputeHash(changed as unknown as Record<string, unknown>)).toBe(changed.hash);
  });

  it('canonical JSON sorts keys at every depth and keeps arrays in order', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 2 }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[3,{"c":2,"d":1}]}',
    );
  });
});

describe('choices the compiler makes', () => {
  const flow = (id: string, extra = '') => `flow: ${id}
steps:
  ask:
    ask: Anything else?
    routes:
      - if: {"==": [{var: done}, true]}
        goto: bye
    next: bye
  bye:
    say: Bye.
    end: resolved
  person:
    say: Passing you on.
    handoff: true
${extra}`;

  it('refuses several flows without `entry:` with an exit-1 TactError that says to set it', () => {
    const dir = makeProject({ 'a.flow.yaml': flow('a'), 'b.flow.yaml': flow('b') });
    const project = loadProject([dir], { cwd: dir });
    expect(() => compileProject(project)).toThrow(TactError);
    try {
      compileProject(project);
    } catch (err) {
      expect((err as TactError).exitCode).toBe(1);
      expect(`${(err as TactError).message} ${(err as TactError).hint}`).toMatch(/entry:/);
    }
  });

  it('names the bot after a slug of bot.name when there is no `name`', () => {
    const dir = makeProject({
      'tact.config.yaml': 'bot: {name: "Ava Support!"}\n',
      'flows/a.flow.yaml': flow('a'),
    });
    expect(compileDir(dir).bot.name).toBe('ava-support');
  });

  it('escalates to the entry flow’s first handoff when the config fallback does not lead to a handoff', () => {
    const dir = makeProject({
      'tact.config.yaml': 'entry: b/ask\nfallback: {max: 2, then: a/bye}\n',
      'flows/a.flow.yaml': flow('a'),
      'flows/b.flow.yaml': flow('b'),
    });
    const { bot } = compileDir(dir);
    expect(bot.escalation).toBe('b/person');
    expect(bot.steps['b/person'].handoff).toEqual({});
    expect(bot.steps['a/ask'].fallback).toEqual({
      max: 2,
      then: 'a/bye',
    });
    expect(bot.steps['a/ask'].routes).toEqual([
      { when: { if: { '==': [{ var: 'a/done' }, true] } }, goto: 'a/bye' },
    ]);
  });
});

describe.runIf(examplesExist())('the example project in flows/', () => {
  it('compiles and validates against the schema', () => {
    const { bot, json } = compileDir(EXAMPLES);
    expect(schemaErrors(JSON.parse(json))).toEqual([]);
    expect(Object.keys(bot.steps).length).toBeGreaterThan(10);
    expect(() => loadBot(bot)).not.toThrow();
  });

  it('lints without errors', () => {
    expect(
      lintProject(loadProject([EXAMPLES], { cwd: EXAMPLES })).findings.filter((f) => f.severity === 'error'),
    ).toEqual([]);
  });
});

it('validates against a schema that exists', () => {
  // Guard: the schema tests above pass vacuously without the file.
  expect(schemaExists()).toBe(true);
});
