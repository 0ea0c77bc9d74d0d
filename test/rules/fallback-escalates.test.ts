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
      name: 'a free-text question (text without a pattern) takes every reply, so it never falls back',
      flow: `flow: main
data:
  city: {type: text}
steps:
  ask_city:
    ask: Which city are you travelling to?
    collect: city
    next: bye
  bye:
    say: Have a good trip to {city}.
    end: resolved
`,
    },
    {
      name: 'a free-text question with a fallback without then: the fallback never fires',
      flow: `flow: main
data:
  city: {type: text}
steps:
  ask_city:
    ask: Which city are you travelling to?
    collect: city
    fallback:
      say: Which city?
    next: bye
  bye:
    end: resolved
`,
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
  order_id: {type: text, pattern: "[A-Z]{2}[0-9]{6}"}
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: done
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'noFallback',
          line: 5,
          column: 3,
          message:
            'when the bot does not understand the customer at `ask_order`, it asks again forever: add a `fallback` whose `then` leads to a handoff (or a default `fallback` in tact.config.yaml)',
        },
      ],
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
          message:
            'the fallback of `menu` has no `then`, so a customer the bot does not understand is asked again forever: add `then:` leading to a handoff',
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
        {
          messageId: 'thenNoPerson',
          line: 8,
          column: 5,
          message:
            'after 5 failed tries the fallback of `menu` sends the customer to `goodbye`, from which no person can be reached: send it to a handoff',
        },
        {
          messageId: 'tooMany',
          line: 8,
          column: 5,
          message:
            'The fallback of `menu` lets the customer fail 5 times before a person is offered: at most 3',
        },
      ],
    },
    {
      name: 'a bad project default is reported once, where it is defined, not at each step that uses it',
      config: `fallback:
  say: Sorry, I didn't get that.
  then: main/goodbye
`,
      flow: `flow: main
data:
  order_id: {type: text, pattern: "[0-9]{6}"}
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
  ask_size:
    ask: Which size?
    options:
      - label: Small
        goto: goodbye
  ask_colour:
    ask: Which colour?
    options:
      - label: Red
        goto: goodbye
  goodbye:
    end: resolved
`,
      errors: [
        {
          messageId: 'thenNoPerson',
          file: 'tact.config.yaml',
          line: 1,
          column: 1,
          message:
            'after 2 failed tries the fallback in tact.config.yaml (the default of 4 ask steps: `main/ask_order`, `main/ask_more`, `main/ask_size` and 1 more) sends the customer to `main/goodbye`, from which no person can be reached: send it to a handoff',
        },
      ],
    },
    {
      name: "steps whose own fallback takes the default's `then`: the `then` is reported once at the default, the own `max` at the step",
      config: `fallback:
  then: main/goodbye
`,
      flow: `flow: main
steps:
  ask_more:
    ask: Anything else?
    options:
      - label: No
        goto: goodbye
    fallback: {max: 5}
  goodbye:
    end: resolved
`,
      errors: [
        {
          messageId: 'thenNoPerson',
          file: 'tact.config.yaml',
          line: 1,
          column: 1,
          message:
            'after 2 failed tries the fallback in tact.config.yaml (the default of 1 ask step: `main/ask_more`) sends the customer to `main/goodbye`, from which no person can be reached: send it to a handoff',
        },
        {
          messageId: 'tooMany',
          line: 8,
          column: 5,
          message:
            'The fallback of `ask_more` lets the customer fail 5 times before a person is offered: at most 3',
        },
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
      errors: [
        {
          messageId: 'noThen',
          file: 'tact.config.yaml',
          line: 1,
          column: 1,
          message:
            'the fallback in tact.config.yaml (the default of 1 ask step: `main/menu`) has no `then`, so a customer the bot does not understand is asked again forever: add `then:` leading to a handoff',
        },
      ],
    },
  ],
});
