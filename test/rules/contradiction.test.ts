import rule from '../../src/rules/contradiction.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: '"you asked for a person" reached only from the request for one; a goodbye at the end',
      flow: `flow: main
steps:
  menu:
    ask: What can I help with?
    routes:
      - {intent: human, goto: ack}
    fallback: {then: person}
  ack:
    say: I understand you'd like to talk to a person.
    next: person
  person:
    say: Anything else before I go? Goodbye!
    handoff: true
`,
    },
  ],
  invalid: [
    {
      name: 'a goodbye, then a question; and "you asked for a person" after a fallback',
      flow: `flow: main
steps:
  menu:
    say: Thanks, that's done. Goodbye!
    ask: Is there anything else?
    options:
      - {label: "No", goto: done}
    fallback: {max: 2, then: ack}
  ack:
    say: I understand you want to speak to a person.
    next: person
  person:
    handoff: true
  done:
    say: Have a nice day! Can you rate this chat?
    end: resolved
`,
      errors: [
        {
          messageId: 'goodbyeThenQuestion',
          line: 4,
          column: 10,
          message:
            'the bot says goodbye ("Goodbye!") and then asks "Is there anything else?" in the same turn: ask first and say goodbye at the end, or leave one out',
        },
        {
          messageId: 'unaskedPerson',
          line: 10,
          column: 10,
          path: ['main/menu', 'main/ack'],
          message:
            '`ack` says the customer asked for a person ("I understand you want to speak to a person."), but this path reaches it without them asking: say why a person is taking over instead (or only come here from a request for one)',
        },
        {
          messageId: 'goodbyeThenQuestion',
          line: 15,
          column: 10,
          message:
            'the bot says goodbye ("Have a nice day!") and then asks "Can you rate this chat?" in the same turn: ask first and say goodbye at the end, or leave one out',
        },
      ],
    },
  ],
});
