import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/persona-refs.js';
import { type RuleCase, runRule, testRule } from '../helpers/rule-tester.js';
import { config, flow } from './persona-refs-project.js';

const persona = (body: string) => `persona: sam
mood: calm
goal: Find my order.
${body}`;

const valid: RuleCase[] = [
  {
    name: 'knows collected data by its name and qualified; world answers a real action with what it sets',
    config,
    flow,
    files: {
      'personas/sam.persona.yaml': persona(`knows:
  order_id: AB123456
world:
  find_order: {shipped: true}
`),
      'personas/kim.persona.yaml': `persona: kim
mood: angry
goal: Find my order.
knows:
  orders/order_id: CD654321
world:
  find_order: {}
`,
    },
  },
  {
    name: 'personas linted with no flows are checked only for duplicates',
    files: { 'personas/sam.persona.yaml': persona('knows:\n  anything: 1\nworld:\n  any_action: {x: 1}\n') },
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a typo in knows, an unknown action, data the action does not set',
      config,
      flow,
      files: {
        'personas/sam.persona.yaml': persona(`knows:
  ordr_id: AB123456
  email: sam@example.com
world:
  find_ordr: {shipped: true}
  find_order: {shipped: true, eta: tomorrow}
`),
      },
      errors: [
        {
          messageId: 'unknownKnows',
          file: 'personas/sam.persona.yaml',
          line: 5,
          column: 3,
          message:
            'persona `sam` knows `ordr_id`, but no ask step collects it (did you mean `order_id`?): the simulated customer is never asked for it; fix the name or remove it',
        },
        {
          messageId: 'unknownKnows',
          file: 'personas/sam.persona.yaml',
          line: 6,
          column: 3,
          message:
            'persona `sam` knows `email`, but no ask step collects it: the simulated customer is never asked for it; fix the name or remove it',
        },
        {
          messageId: 'unknownAction',
          file: 'personas/sam.persona.yaml',
          line: 8,
          column: 3,
          message:
            "persona `sam`'s world answers `find_ordr`, but no step runs that action (did you mean `find_order`?): fix the name or remove it",
        },
        {
          messageId: 'unsetData',
          file: 'personas/sam.persona.yaml',
          line: 9,
          column: 31,
          message:
            "`find_order` sets only `shipped`: `eta` in persona `sam`'s world is never stored; add it to the step's `sets` or remove it",
        },
      ],
    },
    {
      name: 'two files declare the same persona',
      config,
      flow,
      files: {
        'personas/a.persona.yaml': persona(''),
        'personas/b.persona.yaml': persona(''),
      },
      errors: [
        {
          messageId: 'duplicate',
          file: 'personas/b.persona.yaml',
          line: 1,
          column: 10,
          message: 'persona `sam` is declared twice (also in personas/a.persona.yaml:1): rename one',
        },
      ],
    },
  ],
});

describe('docs/rules/persona-refs.md', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/persona-refs.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(persona:[\s\S]*?)```/g)].map((m) => m[1]);
  it('reports the bad example exactly and not the fixed one', () => {
    const got = runRule(rule, {
      name: 'bad',
      config,
      flow,
      files: { 'personas/x.persona.yaml': bad },
    });
    expect(got.map((f) => `${f.line}:${f.column} ${f.messageId}`)).toEqual([
      '5:3 unknownKnows',
      '7:3 unknownAction',
      '8:31 unsetData',
    ]);
    expect(
      runRule(rule, { name: 'fixed', config, flow, files: { 'personas/x.persona.yaml': fixed } }),
    ).toEqual([]);
  });
});
