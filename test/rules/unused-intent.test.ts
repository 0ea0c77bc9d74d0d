import rule from '../../src/rules/unused-intent.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'intents used by an option, a route, a global handler and another flow; human needs no route',
    flow: `flow: main
intents:
  damaged:
    examples: [it arrived broken]
  late:
    examples: [it never came]
steps:
  ask:
    ask: What happened?
    options:
      - label: It's broken
        intent: damaged
        goto: agent
    routes:
      - intent: late
        goto: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
intents:
  charge:
    examples: [a charge on my card]
steps:
  start:
    ask: Anything about your bill?
    routes:
      - intent: main/damaged
        goto: main/agent
`,
    },
    config: `intents:
  human:
    examples: [a real person please]
  complaint:
    examples: [I want to complain]
handlers:
  - intent: complaint
    goto: main/agent
  - intent: billing/charge
    goto: main/agent
`,
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a flow-local intent and a shared intent nothing routes on',
      flow: `flow: main
intents:
  track_order:
    examples: [where is my parcel]
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: human
        goto: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
      config: `intents:
  complaint:
    examples: [I want to complain]
`,
      errors: [
        {
          messageId: 'unused',
          line: 3,
          column: 3,
          message:
            'intent `track_order` is never routed: no route, handler or option uses it, so a customer who says it gets the fallback; route it or remove it',
        },
        {
          messageId: 'unused',
          file: 'tact.config.yaml',
          line: 2,
          column: 3,
          message:
            'intent `complaint` is never routed: no route, handler or option uses it, so a customer who says it gets the fallback; route it or remove it',
        },
      ],
    },
    {
      name: 'a shared intent shadowed by a flow-local one of the same name',
      flow: `flow: main
intents:
  cancel:
    examples: [cancel my order]
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: cancel
        goto: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
      config: `intents:
  cancel:
    examples: [cancel]
`,
      errors: [
        {
          messageId: 'unused',
          file: 'tact.config.yaml',
          line: 2,
          column: 3,
          message:
            'intent `cancel` is never routed: no route, handler or option uses it, so a customer who says it gets the fallback; route it or remove it',
        },
      ],
    },
  ],
});

testFixture(rule);
