import { testRule, throughLint } from '../helpers/rule-tester.js';

// The `duplicate-flow` findings: a second file that declares a flow id already taken, at its `flow`.

const flow = (id: string, say = 'Hello, how can I help?') =>
  `flow: ${id}\nsteps:\n  greet:\n    say: ${say}\n    end: resolved\n`;

testRule(throughLint('duplicate-flow'), {
  valid: [
    {
      name: 'two flows, two ids',
      files: { 'flows/a.flow.yaml': flow('orders'), 'flows/b.flow.yaml': flow('returns') },
    },
    {
      name: 'the same step ids in two flows',
      files: { 'flows/a.flow.yaml': flow('orders'), 'flows/sub/a.flow.yaml': flow('billing') },
    },
  ],
  invalid: [
    {
      name: 'two files with one id, at the second',
      files: { 'flows/a.flow.yaml': flow('orders'), 'flows/b.flow.yaml': flow('orders', 'Hi.') },
      errors: [
        {
          messageId: 'duplicate',
          file: 'flows/b.flow.yaml',
          line: 1,
          column: 7,
          message: 'flow `orders` is declared twice (also in flows/a.flow.yaml:1): rename one',
        },
      ],
    },
    {
      name: 'three files with one id: the second and the third',
      files: {
        'flows/a.flow.yaml': flow('orders'),
        'flows/b.flow.yaml': flow('orders'),
        'flows/c.flow.yaml': flow('orders'),
      },
      errors: [
        {
          messageId: 'duplicate',
          file: 'flows/b.flow.yaml',
          line: 1,
          column: 7,
          message: 'flow `orders` is declared twice (also in flows/a.flow.yaml:1): rename one',
        },
        {
          messageId: 'duplicate',
          file: 'flows/c.flow.yaml',
          line: 1,
          column: 7,
          message: 'flow `orders` is declared twice (also in flows/a.flow.yaml:1): rename one',
        },
      ],
    },
    {
      name: 'the same id in another folder',
      files: { 'flows/orders.flow.yaml': flow('orders'), 'flows/old/orders.flow.yaml': flow('orders') },
      errors: [
        {
          messageId: 'duplicate',
          file: 'flows/orders.flow.yaml',
          line: 1,
          column: 7,
          message: 'flow `orders` is declared twice (also in flows/old/orders.flow.yaml:1): rename one',
        },
      ],
    },
  ],
});
