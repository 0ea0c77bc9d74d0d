import rule from '../../src/rules/yes-no-question.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

const intents = `intents:
  yes: {examples: [yes, yeah, sure]}
  no: {examples: [no, no thanks, nope]}
`;

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'options Yes and No',
      flow: `flow: main
steps:
  more:
    ask: Is there anything else I can help with?
    options:
      - {label: "Yes", goto: more}
      - {label: "No", goto: bye}
    fallback: {then: bye}
  bye:
    end: resolved
`,
    },
    {
      name: 'routes on yes and no intents, and a boolean collect',
      flow: `flow: main
${intents}data:
  ok: {type: boolean}
steps:
  check:
    ask: Is that right?
    routes:
      - {intent: yes, goto: confirm}
      - {intent: no, goto: confirm}
    fallback: {then: bye}
  confirm:
    ask: Shall I send it now?
    collect: ok
    fallback: {then: bye}
    next: bye
  bye:
    end: resolved
`,
    },
    {
      name: 'an open question and a choice are not yes/no questions',
      flow: `flow: main
steps:
  menu:
    ask: Is it about billing or delivery?
    options:
      - {label: Billing, goto: bye}
      - {label: Delivery, goto: bye}
    fallback: {then: bye}
  bye:
    say: What a day. Bye!
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: '"Anything else?" with routes for neither yes nor no',
      flow: `flow: main
intents:
  billing: {examples: [a question about my bill]}
steps:
  more:
    ask: Done! Can I help you with anything else?
    routes:
      - {intent: billing, goto: bye}
    fallback: {max: 2, then: bye}
  bye:
    end: resolved
`,
      errors: [
        {
          messageId: 'unrouted',
          line: 6,
          column: 10,
          message:
            '`more` asks a yes/no question ("Can I help you with anything else?"), but neither "yes" nor "no" is understood: the answer is a failed try, so the bot falls back and asks again, and after 2 tries sends the customer to `bye`: add options "Yes" and "No", or routes on intents with examples like "yes" and "no thanks", or collect a `boolean`',
        },
      ],
    },
    {
      name: '"What else can I do for you?" without a way to say no',
      flow: `flow: main
${intents}steps:
  more:
    ask: What else can I do for you?
    routes:
      - {intent: yes, goto: more}
  bye:
    end: resolved
`,
      errors: [
        {
          messageId: 'unroutedOne',
          line: 7,
          column: 10,
          message:
            '`more` asks a yes/no question ("What else can I do for you?"), but a "no" is not understood: the answer is a failed try, so the bot asks again for ever: add an option "No", or a route on an intent with examples like "no thanks"',
        },
      ],
    },
    {
      name: 'a yes/no question that takes any reply',
      flow: `flow: main
steps:
  more:
    ask: Would you like a receipt?
    next: bye
  bye:
    end: resolved
`,
      errors: [
        {
          messageId: 'sameWay',
          line: 4,
          column: 10,
          message:
            '`more` asks a yes/no question ("Would you like a receipt?"), but takes any reply and goes on to `bye`, so "yes" and "no" lead to the same place: route each answer',
        },
      ],
    },
    {
      name: 'a question and then the end',
      flow: `flow: main
steps:
  thanks:
    say: Your refund is on its way.
    next: bye
  bye:
    say: Thanks for waiting. Is there anything else?
    end: resolved
`,
      errors: [
        {
          messageId: 'ends',
          line: 7,
          column: 10,
          message:
            '`bye` asks "Is there anything else?" and then the conversation ends, so the answer is never read: ask it at an ask step that routes "yes" and "no", or end without a question',
        },
      ],
    },
  ],
});
