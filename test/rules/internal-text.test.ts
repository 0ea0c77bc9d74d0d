import rule from '../../src/rules/internal-text.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

const say = (text: string) => `flow: main\nsteps:\n  s:\n    say: ${text}\n    end: resolved\n`;

testRule(rule, {
  valid: [
    goodProject,
    { name: 'plain words with "here"', flow: say("I'm here to help. Click the link here for details.") },
    {
      name: 'a placeholder is filled in',
      flow: 'flow: main\ndata:\n  order_id: {type: text}\nsteps:\n  s:\n    say: Your order is {order_id}.\n    end: resolved\n',
    },
  ],
  invalid: [
    {
      name: 'a TODO',
      flow: say('"TODO: write the refund answer"'),
      errors: [
        {
          messageId: 'note',
          line: 4,
          column: 10,
          message:
            'the customer would read a note left in the text ("TODO: write the refund…"): write the real message',
        },
      ],
    },
    {
      name: 'a stand-in answer',
      flow: say('Put the opening hours here'),
      errors: [
        {
          messageId: 'standIn',
          line: 4,
          column: 10,
          message:
            'the customer would read a stand-in for the real answer ("Put the opening hours here"): write the real message',
        },
      ],
    },
    {
      name: 'what the program knows about itself',
      flow: 'flow: main\ndata:\n  top: {type: text}\nsteps:\n  s:\n    say: Sorry, I did not get that (intent was {top}).\n    end: resolved\n',
      errors: [
        {
          messageId: 'machine',
          line: 6,
          column: 10,
          message:
            'the customer would read what the program knows about itself ("…not get that (intent was {top})."): leave it out of the message',
        },
      ],
    },
    {
      name: 'a template of another tool',
      flow: say('Hello {{first_name}}, welcome back.'),
      errors: [
        {
          messageId: 'machine',
          line: 4,
          column: 10,
          message:
            'the customer would read what the program knows about itself ("Hello {{first_name}}, welcome back."): leave it out of the message',
        },
      ],
    },
    {
      name: 'an id of the project',
      flow: `flow: main
steps:
  s:
    say: Something went wrong in main/look_up, sorry.
    next: look_up
  look_up:
    action: find_order
    next: t
  t:
    end: resolved
`,
      errors: [
        {
          messageId: 'id',
          line: 4,
          column: 10,
          message: 'the customer would read an internal name (`main/look_up`): say it in words',
        },
      ],
    },
  ],
});
