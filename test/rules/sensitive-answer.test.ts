import rule from '../../src/rules/sensitive-answer.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'a fraud option goes straight to a person; a value routed by a branch',
      flow: `flow: main
data:
  reason: {type: choice, values: [late, fraud]}
steps:
  menu:
    ask: What happened?
    options:
      - {label: Someone used my card, goto: sorry}
      - {label: Something else, goto: ask_reason}
    fallback: {then: person}
  ask_reason:
    ask: Is it a late delivery, or fraud?
    collect: reason
    fallback: {then: person}
    next: route
  route:
    branch:
      - if: reason == "fraud"
        goto: person
      - else: done
  sorry:
    say: I'm sorry. Let me get you our fraud team.
    next: person
  done:
    end: resolved
  person:
    handoff: true
`,
    },
  ],
  invalid: [
    {
      name: 'an option, an answer and an unmarked intent that reveal fraud, a death or a safety risk',
      flow: `flow: main
data:
  reason: {type: choice, values: [late, bereavement]}
intents:
  scam: {examples: [I think I was scammed, someone used my card, this is fraud]}
steps:
  menu:
    ask: What happened?
    options:
      - {label: I feel unsafe at home, goto: ask_reason}
    routes:
      - {intent: scam, goto: ask_reason}
    fallback: {then: person}
  ask_reason:
    ask: Is it a late delivery, or a bereavement?
    collect: reason
    fallback: {then: person}
    next: done
  done:
    end: resolved
  person:
    handoff: true
`,
      errors: [
        {
          messageId: 'option',
          line: 10,
          column: 9,
          message:
            'option "I feel unsafe at home" of `menu` tells the bot about a safety risk, but leads to `ask_reason`, not straight to a person: send it to a handoff (at most messages before it, no question)',
        },
        {
          messageId: 'intent',
          line: 12,
          column: 30,
          message:
            'intent `scam` is about fraud (its examples say so), but it is not marked `sensitive` and goes to `ask_reason`, not straight to a person: mark it `sensitive: true` and route it to a handoff',
        },
        {
          messageId: 'value',
          line: 16,
          column: 14,
          message:
            'the answer "bereavement" to `ask_reason` tells the bot about a death, but no branch or route sends it straight to a person: add `if: reason == "bereavement"` leading to a handoff',
        },
      ],
    },
  ],
});
