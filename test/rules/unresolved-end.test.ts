import rule from '../../src/rules/unresolved-end.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'the customer declined the person offered at the last question',
      flow: `flow: main
steps:
  offer:
    ask: I couldn't sort this out. Would you like to talk to a person?
    options:
      - label: Yes please
        goto: handoff
      - label: No thanks
        goto: bye
  bye:
    say: Okay. You can come back any time.
    end: unresolved
  handoff:
    handoff: true
`,
    },
    {
      name: 'a yes/no question whose answer decides between a person and the end',
      flow: `flow: main
data:
  wants_person: {type: boolean}
steps:
  offer:
    ask: Shall I connect you with someone from our team?
    collect: wants_person
    next: decide
  decide:
    branch:
      - if: wants_person == true
        goto: handoff
      - else: bye
  bye:
    end: unresolved
  handoff:
    handoff: true
`,
    },
    {
      name: 'an unresolved end nothing reaches',
      flow: `flow: main
steps:
  start:
    say: Hi, I'm Acme's virtual assistant.
    end: resolved
  old_end:
    end: unresolved
`,
    },
  ],
  invalid: [
    {
      name: 'the fallback ends the conversation unresolved',
      flow: `flow: main
handlers:
  - intent: human
    goto: handoff
steps:
  ask_order:
    ask: What's your order number?
    options:
      - label: I don't have one
        goto: done
    fallback:
      then: sorry
  sorry:
    say: Sorry, I can't help with that.
    end: unresolved
  done:
    end: resolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'unresolved',
          line: 15,
          column: 10,
          path: ['main/ask_order', 'main/sorry'],
          message:
            'the conversation can end unresolved at `sorry` without the customer being offered a person: end with a handoff instead, or offer one first (an option leading to a handoff at the last question)',
        },
      ],
    },
    {
      name: 'reached both after an offer and without one: the path without one is shown',
      config: 'entry: main/menu\n',
      files: {
        'flows/main.flow.yaml': `flow: main
steps:
  menu:
    ask: What can I help with?
    options:
      - label: Talk to a person
        goto: support/handoff
      - label: Never mind
        goto: support/bye
      - label: Something else
        goto: ask_other
  ask_other:
    ask: Tell me about it in a few words.
    next: support/bye
`,
        'flows/support.flow.yaml': `flow: support
steps:
  bye:
    say: Sorry I couldn't help.
    end: unresolved
  handoff:
    handoff: true
`,
      },
      errors: [
        {
          messageId: 'unresolved',
          file: 'flows/support.flow.yaml',
          line: 5,
          column: 10,
          path: ['main/menu', 'main/ask_other', 'support/bye'],
          message:
            'the conversation can end unresolved at `bye` without the customer being offered a person: end with a handoff instead, or offer one first (an option leading to a handoff at the last question)',
        },
      ],
    },
    {
      name: 'a person route taken on a bad mood is not an offer; nor is the catch-all human intent',
      flow: `flow: main
steps:
  ask_issue:
    ask: What went wrong?
    routes:
      - intent: human
        goto: handoff
      - sentiment: very_negative
        goto: handoff
    fallback: {max: 1, then: give_up}
  give_up:
    end: unresolved
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'unresolved',
          line: 12,
          column: 10,
          path: ['main/ask_issue', 'main/give_up'],
          message:
            'the conversation can end unresolved at `give_up` without the customer being offered a person: end with a handoff instead, or offer one first (an option leading to a handoff at the last question)',
        },
      ],
    },
  ],
});
