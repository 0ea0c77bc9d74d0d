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
          message:
            '`sorry` promises a person ("Let me transfer you to a specialist."), but the conversation goes on to `ask`, not to a handoff: hand off right after it, or say what will really happen',
        },
        {
          messageId: 'asks',
          line: 7,
          column: 10,
          message:
            '`ask` promises a person ("One of our team will be with you soon."), then waits for an answer instead of handing off: hand off right after it, or offer a person as a question',
        },
        {
          messageId: 'fallback',
          line: 11,
          column: 12,
          message:
            'the fallback message of `ask` promises a person ("I\'ll get you a person who can help."), but it is said when the bot asks again, not when it hands off: promise a person only in the step its fallback `then` leads to',
        },
        {
          messageId: 'ends',
          line: 14,
          column: 10,
          message:
            '`done` promises a person ("A colleague will call you back."), then the conversation ends: end with a handoff instead',
        },
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
      errors: [
        {
          messageId: 'defaultFallback',
          file: 'tact.config.yaml',
          line: 2,
          column: 8,
          message:
            'the default fallback message in tact.config.yaml promises a person ("Sorry, I\'m transferring you to an agent."), but it is said when the bot asks again, not when it hands off: promise a person only in the step its `then` leads to',
        },
      ],
    },
  ],
});
