import rule from '../../src/rules/unknown-intent.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'shared intents from the config, built-in human, and another flow’s intent by `flow/name`',
    flow: `flow: main
handlers:
  - intent: human
    goto: agent
steps:
  ask:
    ask: How can I help?
    options:
      - label: Billing
        intent: billing/charge
        goto: agent
    routes:
      - intent: complaint
        goto: agent
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
intents:
  charge:
    examples: [a charge on my card, I was billed twice]
steps:
  done:
    say: A person will help with billing.
    handoff: true
`,
    },
    config: `intents:
  complaint:
    examples: [I want to complain, this is unacceptable]
handlers:
  - intent: human
    goto: main/agent
`,
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a typo in a route, an option and a handler, with suggestions',
      flow: `flow: main
intents:
  damaged:
    examples: [it arrived broken]
handlers:
  - intent: humna
    goto: agent
steps:
  ask:
    ask: What happened?
    options:
      - label: It arrived broken
        intent: damagd
        goto: agent
    routes:
      - intent: damage
        goto: agent
      - intent: lost_parcel
        goto: agent
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
      errors: [
        {
          messageId: 'unknown',
          line: 6,
          column: 13,
          message:
            'no intent `humna` (did you mean `human`?): declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
        {
          messageId: 'unknown',
          line: 13,
          column: 17,
          message:
            'no intent `damagd` (did you mean `damaged`?): declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
        {
          messageId: 'unknown',
          line: 16,
          column: 17,
          message:
            'no intent `damage` (did you mean `damaged`?): declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
        {
          messageId: 'unknown',
          line: 18,
          column: 17,
          message:
            'no intent `lost_parcel`: declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
      ],
    },
    {
      name: 'a flow-local intent of another flow is not visible without its flow name',
      flow: `flow: main
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: charge
        goto: agent
      - intent: billing/charges
        goto: agent
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
intents:
  charge:
    examples: [a charge on my card]
steps:
  done:
    say: A person will help with billing.
    handoff: true
`,
      },
      errors: [
        {
          messageId: 'unknown',
          line: 6,
          column: 17,
          message:
            'no intent `charge` (did you mean `billing/charge`?): declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
        {
          messageId: 'unknown',
          line: 8,
          column: 17,
          message:
            'no intent `billing/charges` (did you mean `billing/charge`?): declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
      ],
    },
    {
      name: 'a global handler on an intent nobody declares',
      flow: `flow: main
steps:
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
      config: `handlers:
  - intent: complain
    goto: main/agent
`,
      errors: [
        {
          messageId: 'unknown',
          file: 'tact.config.yaml',
          line: 2,
          column: 13,
          message:
            'no intent `complain`: declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
        },
      ],
    },
  ],
});

testFixture(rule);
