import rule from '../../src/rules/unset-placeholder.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'collected or set on every way to the message',
      flow: `flow: main
data:
  email: {type: email, purpose: to send your receipt}
  ref: {type: text}
steps:
  ask:
    ask: What's your email?
    collect: email
    fallback: {then: person}
    next: book
  book:
    action: make_reference
    sets: [ref]
    next: done
  done:
    say: Sent reference {ref} to {email}.
    end: resolved
  person:
    handoff: true
`,
    },
  ],
  invalid: [
    {
      name: 'a way round the question leaves the placeholder empty',
      flow: `flow: main
data:
  email: {type: email, purpose: to send your receipt}
  known: {type: boolean}
steps:
  check:
    action: look_up
    sets: [known]
    next: decide
  decide:
    branch:
      - if: known == true
        goto: done
      - else: ask
  ask:
    ask: What's your email?
    collect: email
    fallback: {then: done}
    next: done
  done:
    say: Sent it to {email}.
    end: resolved
`,
      errors: [
        {
          messageId: 'unset',
          line: 21,
          column: 10,
          path: ['main/check', 'main/decide', 'main/done'],
          message:
            '`{email}` can be empty here: this path reaches `done` without `email` being collected or set, and the customer sees nothing in its place: ask for it or set it on every way here, or leave it out of this message',
        },
      ],
    },
    {
      name: 'never set at all',
      flow: 'flow: main\ndata:\n  top: {type: text}\nsteps:\n  s:\n    say: I heard {top}.\n    end: resolved\n',
      errors: [
        {
          messageId: 'unset',
          line: 6,
          column: 10,
          path: ['main/s'],
          message:
            '`{top}` can be empty here: this path reaches `s` without `top` being collected or set, and the customer sees nothing in its place: ask for it or set it on every way here, or leave it out of this message',
        },
      ],
    },
  ],
});
