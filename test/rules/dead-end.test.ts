import rule from '../../src/rules/dead-end.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'a loop that asks the customer, and a talking loop with a way out',
    flow: `flow: main
data:
  tries:
    type: number
steps:
  ask:
    ask: Shall I try again?
    options:
      - label: "Yes"
        goto: retry
      - label: "No"
        goto: bye
  retry:
    action: retry_payment
    sets: [tries]
    next: check
  check:
    branch:
      - if: tries < 3
        goto: retry
      - else: bye
  bye:
    say: Thanks for your patience.
    end: resolved
`,
  },
  {
    name: 'an ask step with only routes, or only options, waits for a reply that moves on',
    flow: `flow: main
steps:
  ask:
    ask: Is it about billing?
    routes:
      - sentiment: negative
        goto: agent
    fallback:
      then: agent
  agent:
    say: Let me get you a person.
    handoff: true
`,
  },
  {
    name: 'a step nothing reaches is left to unreachable-step',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
  orphan:
    say: Nobody gets here.
`,
  },
  {
    name: 'a next to a step that does not exist is left to unknown-target',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    next: nowhere
`,
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a message step without next, with the path from the entry',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    next: ask_order
  ask_order:
    ask: What's your order number?
    options:
      - label: I don't have it
        goto: sorry
    next: found
  sorry:
    say: No problem, I'll look it up another way.
  found:
    say: Found it.
    end: resolved
`,
      errors: [
        {
          messageId: 'noNext',
          line: 12,
          column: 3,
          path: ['main/greet', 'main/ask_order', 'main/sorry'],
          message:
            'the conversation stops here: message step `sorry` has no `next`, so the customer is left waiting; add a `next`, or make it a handoff or an end',
        },
      ],
    },
    {
      name: 'an action step without next, in another flow',
      flow: `flow: main
steps:
  greet:
    say: Hello.
    next: billing/charge
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
steps:
  charge:
    action: charge_card
`,
      },
      config: 'entry: main/greet\n',
      errors: [
        {
          messageId: 'noNext',
          file: 'flows/billing.flow.yaml',
          line: 3,
          column: 3,
          path: ['main/greet', 'billing/charge'],
          message:
            'the conversation stops here: action step `charge` has no `next`, so the customer is left waiting; add a `next`, or make it a handoff or an end',
        },
      ],
    },
    {
      name: 'an ask step that collects but has no next, and one with no way on at all',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send a receipt
steps:
  ask_email:
    ask: What's your email?
    collect: email
    routes:
      - sentiment: negative
        goto: ask_anything
  ask_anything:
    ask: Anything else?
    fallback:
      then: bye
  bye:
    say: Bye.
    end: resolved
`,
      errors: [
        {
          messageId: 'collectNoNext',
          line: 7,
          column: 3,
          path: ['main/ask_email'],
          message:
            'step `ask_email` collects `email` but has no `next`: a customer who answers is asked again instead of moving on',
        },
        {
          messageId: 'askNowhere',
          line: 13,
          column: 3,
          path: ['main/ask_email', 'main/ask_anything'],
          message:
            'no answer can move the conversation on from step `ask_anything`: give it a `next`, `options` or `routes`',
        },
      ],
    },
    {
      name: 'a loop of messages and a branch with no way out',
      flow: `flow: main
steps:
  greet:
    say: Hello.
    next: explain
  explain:
    say: Here is how refunds work.
    next: check
  check:
    branch:
      - if: turn > 2
        goto: explain
      - else: repeat
  repeat:
    say: Let me say that again.
    next: explain
`,
      errors: [
        {
          messageId: 'loop',
          line: 6,
          column: 3,
          path: ['main/greet', 'main/explain'],
          message:
            'steps explain → check → explain go round in a loop with no question and no way out: the bot would talk to itself forever; add an ask, or a branch that leaves',
        },
      ],
    },
    {
      name: 'a step that leads to itself',
      flow: `flow: main
steps:
  wait:
    say: Please hold.
    next: wait
`,
      errors: [
        {
          messageId: 'loop',
          line: 3,
          column: 3,
          path: ['main/wait'],
          message:
            'steps wait → wait go round in a loop with no question and no way out: the bot would talk to itself forever; add an ask, or a branch that leaves',
        },
      ],
    },
  ],
});

testFixture(rule);
