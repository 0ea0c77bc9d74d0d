import rule from '../../src/rules/human-exit.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'the step routes intent human to a handoff',
      flow: `flow: main
steps:
  ask_issue:
    ask: What went wrong with your order?
    routes:
      - intent: human
        goto: handoff
      - if: turn > 3
        goto: handoff
  handoff:
    say: Connecting you with a person now.
    handoff: true
`,
    },
    {
      name: 'the flow handlers route human; a thank-you message before end resolved needs no person',
      flow: `flow: main
handlers:
  - intent: human
    goto: handoff
steps:
  ask_rating:
    ask: How would you rate our help today?
    options:
      - label: Great
        goto: thanks
      - label: Not good
        goto: handoff
  thanks:
    say: Thank you for your feedback!
    next: done
  done:
    end: resolved
  handoff:
    say: Connecting you with a person now.
    handoff: true
`,
    },
    {
      name: 'an option with intent human reaches a handoff through a message step',
      flow: `flow: main
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Track my order
        goto: done
      - label: Talk to a person
        intent: human
        goto: before_handoff
  before_handoff:
    say: Sure, one moment.
    next: handoff
  done:
    say: Your order arrives tomorrow.
    end: resolved
  handoff:
    handoff: {queue: general}
`,
    },
    {
      name: 'a loop without a person that can always still end resolved is fine',
      flow: `flow: main
handlers:
  - intent: human
    goto: handoff
steps:
  ask_ready:
    ask: Shall I check your delivery again?
    options:
      - label: Yes
        goto: check
      - label: Talk to a person
        goto: handoff
  check:
    action: check_delivery
    next: decide
  decide:
    branch:
      - if: turn < 3
        goto: check
      - else: delivered
  delivered:
    say: It's on its way!
    end: resolved
  handoff:
    handoff: true
`,
    },
  ],
  invalid: [
    {
      name: 'one ask step of a flow without handlers has no human route',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send your receipt
steps:
  menu:
    ask: What can I help with?
    routes:
      - intent: human
        goto: handoff
    options: [{label: Email my receipt, goto: ask_email}]
  ask_email:
    ask: What email should I send your receipt to?
    collect: email
    fallback:
      then: handoff
    next: done
  done:
    say: Sent!
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'notRouted',
          line: 13,
          column: 3,
          path: ['main/menu', 'main/ask_email'],
          message:
            'a customer at `ask_email` who asks for a person is not routed to one: route intent `human` to a handoff (step, flow handlers or global handlers)',
        },
      ],
    },
    {
      name: 'the global handler sends a person request to an FAQ flow with no handoff (across flows)',
      config: `entry: main/greet
handlers:
  - intent: human
    goto: faq/start
`,
      files: {
        'flows/main.flow.yaml': `flow: main
steps:
  greet:
    say: Hi, I'm Acme's virtual assistant.
    next: menu
  menu:
    ask: What can I help with?
    options:
      - label: Billing
        goto: billing/start
      - label: Talk to a person
        goto: billing/handoff
`,
        'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    ask: Is it about a charge or a refund?
    options:
      - label: A charge
        goto: handoff
  handoff:
    handoff: true
`,
        'flows/faq.flow.yaml': `flow: faq
steps:
  start:
    say: You can find answers at acme.example/help.
    end: resolved
`,
      },
      errors: [
        {
          messageId: 'routedNowhere',
          line: 6,
          column: 3,
          path: ['main/greet', 'main/menu'],
          message:
            'a customer at `menu` who asks for a person is sent to `faq/start` (by the global handler), from which no person can be reached: route intent `human` to a handoff',
        },
        {
          messageId: 'routedNowhere',
          file: 'flows/billing.flow.yaml',
          line: 3,
          column: 3,
          path: ['main/greet', 'main/menu', 'billing/start'],
          message:
            'a customer at `start` who asks for a person is sent to `faq/start` (by the global handler), from which no person can be reached: route intent `human` to a handoff',
        },
      ],
    },
    {
      name: 'an option leads to a person but typing "agent" is not routed',
      flow: `flow: main
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Track my order
        goto: done
      - label: Talk to a person
        goto: handoff
  done:
    say: Your order arrives tomorrow.
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'notRoutedOption',
          line: 3,
          column: 3,
          path: ['main/menu'],
          message:
            'a customer at `menu` who types that they want a person is not routed to one: option "Talk to a person" leads to a person, so add `intent: human` to it, or route intent `human` to a handoff',
        },
      ],
    },
    {
      name: 'options from which a person is reachable only much later are not named as the way to a person',
      flow: `flow: main
data:
  order: {type: text, pattern: "[0-9]{6}"}
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Track my order
        goto: ask_order
      - label: Say sorry first
        goto: sorry
  ask_order:
    ask: What's your order number?
    collect: order
    routes:
      - intent: human
        goto: handoff
    fallback: {max: 2, then: handoff}
    next: done
  sorry:
    say: I'm sorry about this.
    next: handoff
  done:
    say: It arrives tomorrow.
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'notRoutedOption',
          line: 5,
          column: 3,
          path: ['main/menu'],
          message:
            'a customer at `menu` who types that they want a person is not routed to one: option "Say sorry first" leads to a person, so add `intent: human` to it, or route intent `human` to a handoff',
        },
      ],
    },
    {
      name: 'no option leads straight to a person: the advice is to route the intent, naming no option',
      flow: `flow: main
data:
  order: {type: text, pattern: "[0-9]{6}"}
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Track my order
        goto: ask_order
  ask_order:
    ask: What's your order number?
    collect: order
    routes:
      - intent: human
        goto: handoff
    fallback: {max: 2, then: handoff}
    next: done
  done:
    say: It arrives tomorrow.
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'notRouted',
          line: 5,
          column: 3,
          path: ['main/menu'],
          message:
            'a customer at `menu` who asks for a person is not routed to one: route intent `human` to a handoff (step, flow handlers or global handlers)',
        },
      ],
    },
    {
      name: "the step's own human route wins over the global handler, as in the runtime",
      config: `handlers:
  - intent: human
    goto: main/handoff
`,
      flow: `flow: main
steps:
  ask_issue:
    ask: What went wrong?
    routes:
      - intent: human
        goto: faq
      - intent: refund
        goto: handoff
  faq:
    say: See acme.example/help.
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'routedNowhere',
          line: 3,
          column: 3,
          path: ['main/ask_issue'],
          message:
            "a customer at `ask_issue` who asks for a person is sent to `faq` (by the step's route), from which no person can be reached: route intent `human` to a handoff",
        },
      ],
    },
    {
      name: 'handlers are tried before options for intent human (runtime order)',
      flow: `flow: main
handlers:
  - intent: human
    goto: faq
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Talk to a person
        intent: human
        goto: handoff
  faq:
    say: See acme.example/help.
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'routedNowhere',
          line: 6,
          column: 3,
          path: ['main/menu'],
          message:
            "a customer at `menu` who asks for a person is sent to `faq` (by the flow's handler), from which no person can be reached: route intent `human` to a handoff",
        },
      ],
    },
    {
      name: 'after the last question the conversation ends unresolved: reported where the way to a person is lost',
      flow: `flow: main
handlers:
  - intent: human
    goto: handoff
steps:
  ask_order:
    ask: What's your order number?
    options:
      - label: I don't have one
        goto: sorry
      - label: Talk to a person
        goto: handoff
  sorry:
    say: Sorry, I can't help without an order number.
    next: bye
  bye:
    end: unresolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'noWayOut',
          line: 13,
          column: 3,
          path: ['main/ask_order', 'main/sorry'],
          message:
            'from `sorry` on the customer can no longer reach a person, and the conversation can end unresolved at `bye`: add a way to a handoff, or end every path with `end: resolved`',
        },
      ],
    },
    {
      name: 'a step that stops with nowhere to go, and a loop that never ends',
      flow: `flow: main
handlers:
  - intent: human
    goto: handoff
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Opening hours
        goto: hours
      - label: Check my parcel
        goto: check
      - label: Talk to a person
        goto: handoff
  hours:
    say: We're open 9 to 5.
  check:
    action: check_parcel
    next: decide
  decide:
    branch:
      - if: turn > 100
        goto: check
      - else: check
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'noWayOut',
          line: 15,
          column: 3,
          path: ['main/menu', 'main/hours'],
          message:
            'from `hours` on the customer can no longer reach a person, and the conversation can stop at `hours` with nowhere to go: add a way to a handoff, or end every path with `end: resolved`',
        },
        {
          messageId: 'noWayOut',
          line: 17,
          column: 3,
          path: ['main/menu', 'main/check'],
          message:
            'from `check` on the customer can no longer reach a person, and the conversation can go round without end from `check`: add a way to a handoff, or end every path with `end: resolved`',
        },
      ],
    },
    {
      name: 'a bot with no handoff at all whose every path ends resolved: only the question is reported',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm Acme's virtual assistant.
    next: ask_issue
  ask_issue:
    ask: What can I help with?
    next: done
  done:
    say: Thanks!
    end: resolved
`,
      errors: [
        {
          messageId: 'notRouted',
          line: 6,
          column: 3,
          path: ['main/greet', 'main/ask_issue'],
          message:
            'a customer at `ask_issue` who asks for a person is not routed to one: route intent `human` to a handoff (step, flow handlers or global handlers)',
        },
      ],
    },
    {
      name: 'a bot with no handoff at all that can end unresolved: reported from the entry',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm Acme's virtual assistant.
    next: ask_issue
  ask_issue:
    ask: What can I help with?
    options:
      - label: Opening hours
        goto: hours
      - label: Something else
        goto: sorry
  hours:
    say: We're open 9 to 5.
    end: resolved
  sorry:
    say: Sorry, I can only help with opening hours.
    end: unresolved
`,
      errors: [
        {
          messageId: 'noWayOut',
          line: 3,
          column: 3,
          path: ['main/greet'],
          message:
            'from `greet` on the customer can no longer reach a person, and the conversation can end unresolved at `sorry`: add a way to a handoff, or end every path with `end: resolved`',
        },
        {
          messageId: 'notRouted',
          line: 6,
          column: 3,
          path: ['main/greet', 'main/ask_issue'],
          message:
            'a customer at `ask_issue` who asks for a person is not routed to one: route intent `human` to a handoff (step, flow handlers or global handlers)',
        },
      ],
    },
  ],
});
