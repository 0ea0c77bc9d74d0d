import rule from '../../src/rules/sensitive-intent.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'flow handler and an option go straight to a handoff',
      flow: `flow: main
intents:
  fraud:
    sensitive: true
    examples: [someone is using my card, my account was hacked]
handlers:
  - intent: fraud
    goto: fraud_team
steps:
  menu:
    ask: How can I help?
    options:
      - label: I think it's fraud
        intent: fraud
        goto: fraud_team
  fraud_team:
    say: I'm sorry this is happening. I'm connecting you to our fraud team now.
    handoff: {queue: fraud}
`,
    },
  ],
  invalid: [
    {
      name: 'a sensitive intent sent to a question, and one sent through two messages',
      flow: `flow: main
intents:
  bereavement:
    sensitive: true
    examples: [my husband passed away]
handlers:
  - intent: bereavement
    goto: ask_account
steps:
  menu:
    ask: How can I help?
    routes:
      - intent: bereavement
        goto: sorry
  ask_account:
    ask: What's the account number?
    next: handoff
  sorry:
    say: I'm so sorry for your loss.
    next: explain
  explain:
    say: A person will help you close the account.
    next: handoff
  handoff:
    handoff: true
`,
      errors: [
        {
          messageId: 'notStraight',
          line: 8,
          column: 11,
          message:
            'sensitive intent `bereavement` goes to `ask_account`, not straight to a person: route it to a handoff step (at most one message step before it, no question)',
        },
        {
          messageId: 'notStraight',
          line: 14,
          column: 15,
          message:
            'sensitive intent `bereavement` goes to `sorry`, not straight to a person: route it to a handoff step (at most one message step before it, no question)',
        },
      ],
    },
    {
      name: 'a shared sensitive intent routed nowhere; a global handler to a flow without a handoff',
      config: `intents:
  self_harm:
    sensitive: true
    examples: [I want to hurt myself]
  fraud:
    sensitive: true
    examples: [my account was hacked]
handlers:
  - intent: fraud
    goto: main/faq
`,
      flow: `flow: main
steps:
  faq:
    say: Read our security tips at acme.example/security.
    end: resolved
`,
      errors: [
        {
          messageId: 'unrouted',
          file: 'tact.config.yaml',
          line: 2,
          column: 3,
          message:
            'sensitive intent `self_harm` is routed nowhere, so a customer who raises it gets no person: route it to a handoff in handlers (flow or tact.config.yaml)',
        },
        {
          messageId: 'notStraight',
          file: 'tact.config.yaml',
          line: 10,
          column: 11,
          message:
            'sensitive intent `fraud` goes to `main/faq`, not straight to a person: route it to a handoff step (at most one message step before it, no question)',
        },
      ],
    },
  ],
});
