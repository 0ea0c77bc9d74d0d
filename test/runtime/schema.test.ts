import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { BotFile } from '../../src/runtime/bot-types.js';
import { fixtureBot, readFixture, tinyBot } from './fixtures/bots.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/bot.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(schema);
const errors = (bot: unknown) =>
  validate(bot) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

const REMOVE = Symbol('remove');

/** A copy of the refund fixture with the value at `path` replaced (or removed). */
function broken(path: string[], value: unknown): unknown {
  const bot = structuredClone(readFixture('refund-bot.json')) as unknown as Record<string, unknown>;
  let parent = bot as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return bot;
}

describe('schemas/bot.schema.json', () => {
  const fixtures = readdirSync(new URL('./fixtures/', import.meta.url)).filter((f) => f.endsWith('.json'));

  it.each(fixtures)('accepts the fixture %s, as written and with a built matcher', (name) => {
    expect(errors(readFixture(name))).toEqual([]);
    expect(errors(fixtureBot(name))).toEqual([]);
  });

  it('accepts a minimal bot and every route condition', () => {
    const bot: BotFile = tinyBot({
      't/ask': {
        kind: 'ask',
        ask: { default: ['?'], very_negative: ['Sorry. ?'] },
        options: [{ label: 'One', intent: 'human' }],
        routes: [
          { when: { option: 1 }, goto: 't/end' },
          { when: { intent: 't/x' }, goto: 't/end' },
          { when: { sentiment: 'very_negative' }, goto: 't/end' },
          { when: { if: { '>': [{ var: 'turn' }, 3] } }, goto: 't/end' },
          { when: { if: true }, goto: 't/end' },
        ],
        fallback: { max: 2 },
      },
      't/end': { kind: 'end', end: 'unresolved', discloses: 'all' },
    });
    expect(errors(bot)).toEqual([]);
  });

  it.each<[string, string[], unknown, RegExp]>([
    ['another format', ['format'], 'rasa', /format must be equal to constant/],
    ['a higher version', ['version'], 2, /version must be equal to constant/],
    ['no entry', ['entry'], REMOVE, /must have required property 'entry'/],
    [
      'an unqualified step id',
      ['steps', 'greet'],
      { kind: 'end', end: 'resolved' },
      /steps must match pattern .*\n.*property name must be valid/,
    ],
    [
      'an unqualified target',
      ['steps', 'refund/greet', 'next'],
      'ask_order',
      /\/steps\/refund~1greet\/next must match pattern/,
    ],
    ['a message as a plain string', ['steps', 'refund/greet', 'say'], 'Hi', /say must be array/],
    ['an empty variant list', ['steps', 'refund/greet', 'say'], [], /say must NOT have fewer than 1 items/],
    [
      'a sentiment map without default',
      ['steps', 'refund/confirm', 'say'],
      { negative: ['sorry'] },
      /say must have required property 'default'/,
    ],
    [
      'an unknown sentiment variant',
      ['steps', 'refund/confirm', 'say', 'angry'],
      ['grr'],
      /must NOT have additional properties/,
    ],
    [
      'a when with two conditions',
      ['steps', 'refund/ask_order', 'routes', '0', 'when'],
      { intent: 'refund/damaged', sentiment: 'negative' },
      /when must match exactly one schema in oneOf/,
    ],
    [
      'an option number 0',
      ['steps', 'refund/ask_order', 'routes', '0', 'when'],
      { option: 0 },
      /option must be >= 1/,
    ],
    [
      'an unknown sentiment label',
      ['handlers', 'refund', '1', 'when'],
      { sentiment: 'furious' },
      /when must match exactly one/,
    ],
    [
      'an unknown kind',
      ['steps', 'refund/greet', 'kind'],
      'chat',
      /kind must be equal to one of the allowed values/,
    ],
    [
      'an unknown step key',
      ['steps', 'refund/greet', 'goto'],
      'refund/ask_order',
      /must NOT have additional properties/,
    ],
    [
      'a message step without next',
      ['steps', 'refund/greet', 'next'],
      REMOVE,
      /must have required property 'next'/,
    ],
    [
      'a branch without else',
      ['steps', 'refund/decide', 'else'],
      REMOVE,
      /must have required property 'else'/,
    ],
    [
      'an action without a name',
      ['steps', 'refund/check', 'action'],
      REMOVE,
      /must have required property 'action'/,
    ],
    [
      'an end with another outcome',
      ['steps', 'refund/confirm', 'end'],
      'done',
      /end must be equal to one of/,
    ],
    [
      'a fallback without max',
      ['steps', 'refund/ask_order', 'fallback', 'max'],
      REMOVE,
      /must have required property 'max'/,
    ],
    ['a sentiment threshold out of range', ['sentiment', 'negative'], -3, /negative must be >= -1/],
    ['nlu that is not an object', ['nlu'], 'index', /nlu must be object/],
    ['an unknown top-level field', ['extra'], 1, /must NOT have additional properties/],
    [
      'an absolute source path',
      ['source', 'refund/greet'],
      'C:\\flows\\refund.flow.yaml:1:1',
      /must match pattern/,
    ],
    ['a bad data type', ['data', 'refund/email', 'type'], 'string', /type must be equal to one of/],
  ])('rejects %s', (_, path, value, message) => {
    const found = errors(broken(path, value));
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });
});
