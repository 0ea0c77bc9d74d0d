import rule from '../../src/rules/person-promise.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'a promise right before the handoff, and an offer that is not a promise',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm the virtual assistant. I can connect you with a person at any time.
    next: ask
  ask:
    ask: Would you like me to transfer you to an agent?
    options:
      - {label: "Yes", goto: connect}
    fallback: {then: connect}
  connect:
    say: I'm connecting you with a person now.
    next: log
  log:
    action: note_handoff
    next: person
  person:
    say: An agent will be with you shortly.
    handoff: true
`,
    },
  ],
  invalid: [
    {
      name: 'a promise, then more questions',
      flow: `flow: main
steps:
  sorry:
    say: Let me transfer you to a specialist.
    next: ask
  ask:
    ask: Meanwhile, what's your order number? One of our team will be with you soon.
    options:
      - {label: Here it is, goto: done}
    fallback:
      say: Sorry. I'll get you a person who can help.
      then: person
  done:
    say: A colleague will call you back. Goodbye.
    end: resolved
  person:
    handoff: true
`,
      errors: [
        {
          messageId: 'goesOn',
          line: 4,
          column: 10,
          message: 'the conversation goes on to `ask`, not to a handoff',
        },
        { messageId: 'asks', line: 7, column: 10 },
        { messageId: 'fallback', line: 11, column: 12 },
        { messageId: 'ends', line: 14, column: 10 },
      ],
    },
    {
      name: 'the default fallback promises a person while it asks again',
      config: 'fallback:\n  say: "Sorry, I\'m transferring you to an agent."\n  then: main/person\n',
      flow: `flow: main
steps:
  menu:
    ask: Billing or delivery?
    options:
      - {label: Billing, goto: person}
  person:
    handoff: true
`,
      errors: [{ messageId: 'defaultFallback', file: 'tact.config.yaml', line: 2, column: 8 }],
    },
  ],
});
