import rule from '../../src/rules/unknown-target.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const BILLING = `flow: billing
steps:
  ask_amount:
    ask: How much were you charged?
    next: done
  done:
    say: Thanks, a person will look at it.
    handoff: true
`;

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'targets in another flow, config entry, global handler and default fallback',
    flow: `flow: main
start: greet
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    next: billing/ask_amount
`,
    files: { 'flows/billing.flow.yaml': BILLING },
    config: `entry: main/greet
handlers:
  - intent: human
    goto: billing/done
fallback: {max: 2, then: billing/done}
`,
  },
  {
    name: 'entry naming a flow (its start)',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
`,
    config: 'entry: main\n',
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a typo in next, with a suggestion',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: ask_emial
  ask_email:
    ask: What's your email?
    next: bye
  bye:
    say: Bye.
    end: resolved
`,
      errors: [
        {
          messageId: 'unknownStep',
          line: 5,
          column: 11,
          message: '`ask_emial` is not a step of flow `main`: did you mean `ask_email`?',
        },
      ],
    },
    {
      name: 'every kind of target in a flow',
      flow: `flow: main
start: begin
handlers:
  - intent: human
    goto: agent
steps:
  greet:
    say: Hi there.
    next: ask
  ask:
    ask: Yes or no?
    options:
      - label: "Yes"
        goto: yes_step
    routes:
      - sentiment: negative
        goto: sorry
    fallback:
      then: human_handoff
    next: choose
  choose:
    branch:
      - if: turn > 3
        goto: late
      - else: early
  done:
    say: Bye.
    end: resolved
`,
      errors: [
        { messageId: 'unknownStep', line: 2, column: 8, message: '`begin` is not a step of flow `main`' },
        { messageId: 'unknownStep', line: 5, column: 11, message: '`agent` is not a step of flow `main`' },
        {
          messageId: 'unknownStep',
          line: 14,
          column: 15,
          message: '`yes_step` is not a step of flow `main`',
        },
        { messageId: 'unknownStep', line: 17, column: 15, message: '`sorry` is not a step of flow `main`' },
        {
          messageId: 'unknownStep',
          line: 19,
          column: 13,
          message: '`human_handoff` is not a step of flow `main`',
        },
        { messageId: 'unknownStep', line: 24, column: 15, message: '`late` is not a step of flow `main`' },
        { messageId: 'unknownStep', line: 25, column: 15, message: '`early` is not a step of flow `main`' },
      ],
    },
    {
      name: 'another flow that does not exist, and a missing step of one that does',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: biling/ask_amount
  other:
    say: Hello again.
    next: billing/ask_amout
`,
      files: { 'flows/billing.flow.yaml': BILLING },
      errors: [
        {
          messageId: 'unknownFlow',
          line: 5,
          column: 11,
          message:
            '`biling/ask_amount` names flow `biling`, which does not exist: did you mean `billing/ask_amount`?',
        },
        {
          messageId: 'unknownStep',
          line: 8,
          column: 11,
          message: '`billing/ask_amout` is not a step of flow `billing`: did you mean `billing/ask_amount`?',
        },
      ],
    },
    {
      name: 'a flow id where a step is meant',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: billing
`,
      files: { 'flows/billing.flow.yaml': BILLING },
      errors: [
        {
          messageId: 'unknownStep',
          line: 5,
          column: 11,
          message:
            '`billing` is not a step of flow `main`: to go to flow `billing`, write `billing/ask_amount`',
        },
      ],
    },
    {
      name: 'config entry, global handler and default fallback',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    end: resolved
`,
      config: `entry: mian/greet
handlers:
  - intent: human
    goto: main/agent
fallback:
  then: support/handoff
`,
      errors: [
        {
          messageId: 'unknownFlow',
          file: 'tact.config.yaml',
          line: 1,
          column: 8,
          message: '`mian/greet` names flow `mian`, which does not exist: did you mean `main/greet`?',
        },
        {
          messageId: 'unknownStep',
          file: 'tact.config.yaml',
          line: 4,
          column: 11,
          message: '`main/agent` is not a step of flow `main`',
        },
        {
          messageId: 'unknownFlow',
          file: 'tact.config.yaml',
          line: 6,
          column: 9,
          message: '`support/handoff` names flow `support`, which does not exist',
        },
      ],
    },
    {
      name: 'a global handler without the flow name',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
      config: `handlers:
  - intent: human
    goto: agent
`,
      errors: [
        {
          messageId: 'unqualified',
          file: 'tact.config.yaml',
          line: 3,
          column: 11,
          message:
            '`agent` must name a flow and a step (`flow/step`) in tact.config.yaml: did you mean `main/agent`?',
        },
      ],
    },
    {
      name: 'config entry naming a flow that does not exist',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    end: resolved
`,
      config: 'entry: man\n',
      errors: [
        {
          messageId: 'unknownFlow',
          file: 'tact.config.yaml',
          line: 1,
          column: 8,
          message: '`man` names flow `man`, which does not exist: did you mean `main`?',
        },
      ],
    },
    {
      name: 'an inherited default fallback is reported once, in the config',
      flow: `flow: main
steps:
  ask_a:
    ask: First?
    next: ask_b
  ask_b:
    ask: Second?
    fallback:
      max: 1
    next: done
  done:
    say: Bye.
    end: resolved
`,
      config: 'fallback: {then: main/agent}\n',
      errors: [
        {
          messageId: 'unknownStep',
          file: 'tact.config.yaml',
          line: 1,
          column: 18,
          message: '`main/agent` is not a step of flow `main`',
        },
      ],
    },
  ],
});

testFixture(rule);
