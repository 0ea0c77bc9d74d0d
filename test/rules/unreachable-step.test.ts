import rule from '../../src/rules/unreachable-step.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'steps reached through options, routes, handlers, fallbacks and other flows',
    flow: `flow: main
handlers:
  - sentiment: very_negative
    goto: calm
steps:
  ask:
    ask: Billing or something else?
    options:
      - label: Billing
        goto: billing/start
    routes:
      - intent: human
        goto: agent
    fallback:
      then: sorry
  calm:
    say: I'm sorry this has been frustrating.
    next: agent
  sorry:
    say: Sorry, I couldn't follow.
    next: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    say: Let's look at your bill.
    end: resolved
`,
    },
    config: 'entry: main/ask\n',
  },
  {
    name: 'without an entry, each flow’s start is a root',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
start: open
steps:
  close:
    say: Bye.
    end: resolved
  open:
    say: Billing here.
    next: close
`,
    },
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a step nothing links to, and the steps only it leads to',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    end: resolved
  delayed:
    say: Your order is running late.
    next: offer
  offer:
    say: Here is a discount code.
    end: resolved
`,
      errors: [
        {
          messageId: 'unreachable',
          line: 6,
          column: 3,
          message:
            'step `delayed` is never reached: no `next`, `goto`, option, route or handler leads here from `main/greet`; link it or remove it',
        },
        {
          messageId: 'unreachable',
          line: 9,
          column: 3,
          message:
            'step `offer` is never reached: no `next`, `goto`, option, route or handler leads here from `main/greet`; link it or remove it',
        },
      ],
    },
    {
      name: 'with an entry, a flow nothing leads to is unreachable',
      flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    say: Billing here.
    end: resolved
`,
      },
      config: 'entry: main\n',
      errors: [
        {
          messageId: 'unreachable',
          file: 'flows/billing.flow.yaml',
          line: 3,
          column: 3,
          message:
            'step `start` is never reached: no `next`, `goto`, option, route or handler leads here from `main/greet`; link it or remove it',
        },
      ],
    },
  ],
});

testFixture(rule);
