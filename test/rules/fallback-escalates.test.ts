import rule from '../../src/rules/fallback-escalates.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

const handoffFlow = `flow: support
steps:
  handoff:
    say: I'm connecting you with a person now.
    handoff: {queue: general}
`;

testRule(rule, {
  valid: [
    goodProject,
    {
      name: "the step's own fallback goes to a handoff after 2 tries",
      flow: `flow: main
data:
  order_id: {type: text}
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    fallback:
      say: Sorry, I didn't find an order number in that.
      max: 2
      then: handoff
    next: done
  done:
    say: Thanks!
    end: resolved
  handoff:
    handoff: true
`,
    },
    {
      name: 'the default fallback of tact.config.yaml reaches a handoff through a message step',
      config: `fallback:
  max: 3
  then: support/sorry
`,
      files: {
        'flows/main.flow.yaml': `flow: main
data:
  order_id: {type: text}
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: done
  done:
    end: resolved
`,
        'flows/support.flow.yaml': `flow: support
steps:
  sorry:
    say: Sorry I couldn't understand. Let me get you a person.
    next: handoff
  handoff:
    handoff: true
`,
      },
    },
    {
      name: 'a question that accepts any reply never falls back',
      flow: `flow: main
steps:
  ask_comment:
    ask: Anything you'd like to tell us?
    next: bye
  bye:
    end: resolved
`,
    },
    {
      name: 'option max_tries allows more tries',
      options: { max_tries: 5 },
      flow: `flow: main
steps:
  menu:
    ask: Billing or delivery?
    options:
      - label: Billing
        goto: handoff
    fallback:
      max: 5
      then: handoff
  handoff:
    handoff: true
`,
    },
  ],
  invalid: [
    {
      name: 'no fallback and no project default: the customer is re-asked forever',
      flow: `flow: main
data:
  order_id: {type: text}
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: done
  done:
    end: resolved
`,
      errors: [{ messageId: 'noFallback', line: 5, column: 3, message: 'asks again forever' }],
    },
    {
      name: 'a fallback without then',
      flow: `flow: main
steps:
  menu:
    ask: Billing or delivery?
    options:
      - label: Billing
        goto: done
    fallback:
      say: Sorry, please pick Billing or Delivery.
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'noThen',
          line: 8,
          column: 5,
          message: 'has no `then`, so a customer the bot does not understand is asked again forever',
        },
      ],
    },
    {
      name: 'the fallback goes to a goodbye, not a person; and allows 5 tries',
      files: { 'flows/support.flow.yaml': handoffFlow },
      flow: `flow: main
steps:
  menu:
    ask: Billing or delivery?
    options:
      - label: Billing
        goto: support/handoff
    fallback:
      max: 5
      then: goodbye
  goodbye:
    say: Sorry I couldn't help. Goodbye.
    end: unresolved
`,
      errors: [
        { messageId: 'thenNoPerson', line: 8, column: 5, message: 'sends the customer to `goodbye`' },
        {
          messageId: 'tooMany',
          line: 8,
          column: 5,
          message: 'fail 5 times before a person is offered: at most 3',
        },
      ],
    },
    {
      name: 'a bad project default is reported at each step that uses it',
      config: `fallback:
  say: Sorry, I didn't get that.
  then: main/goodbye
`,
      flow: `flow: main
data:
  order_id: {type: text}
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: ask_more
  ask_more:
    ask: Anything else?
    options:
      - label: No
        goto: goodbye
  goodbye:
    end: resolved
`,
      errors: [
        { messageId: 'thenNoPerson', line: 5, column: 3, message: '(the default in tact.config.yaml)' },
        { messageId: 'thenNoPerson', line: 9, column: 3 },
      ],
    },
    {
      name: 'a project default without then never gives up',
      config: `fallback:
  say: Sorry, I didn't get that.
`,
      flow: `flow: main
steps:
  menu:
    ask: Billing or delivery?
    options:
      - label: Billing
        goto: done
  done:
    end: resolved
`,
      errors: [{ messageId: 'noThen', line: 3, column: 3 }],
    },
  ],
});
