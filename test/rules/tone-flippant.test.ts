import rule from '../../src/rules/tone-flippant.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'a caring reply to a complaint, a plain fallback, and a joke where nobody is upset',
      flow: `flow: main
intents:
  complaint: {examples: [I want to complain, this is unacceptable]}
  thanks: {examples: [thank you, great service]}
steps:
  menu:
    ask: How can I help?
    routes:
      - {intent: complaint, goto: sorry}
      - {intent: thanks, goto: glad}
    fallback:
      say: Sorry, I didn't understand. Could you say it another way?
      then: sorry
  sorry:
    say: I'm sorry we let you down. I'll pass this to our team.
    handoff: true
  glad:
    say: Glad to help! Beep boop.
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: 'upbeat after a sad intent, flippant after a complaint, a flippant fallback',
      flow: `flow: main
intents:
  bereavement: {examples: [my husband passed away, my mother died]}
  complaint: {examples: [I want to complain, this is unacceptable]}
steps:
  menu:
    ask: How can I help?
    routes:
      - {intent: bereavement, goto: update}
      - {intent: complaint, goto: oops}
    fallback:
      say: Beep boop, does not compute! Try again?
      then: oops
  update:
    say: Awesome! Let's get your account updated right away!
    handoff: true
  oops:
    say: Oops, my bad lol. Let me find someone.
    handoff: true
`,
      errors: [
        {
          messageId: 'fallbackFlippant',
          line: 12,
          column: 12,
          message:
            'a fallback message is flippant ("Beep"): a customer the bot keeps misunderstanding is already frustrated; apologise and say what to do',
        },
        {
          messageId: 'loadedUpbeat',
          line: 15,
          column: 10,
          message:
            'a customer who says `bereavement` is upset, but the reply at `update` sounds upbeat (Awesome!): acknowledge how they feel first',
        },
        {
          messageId: 'loadedFlippant',
          line: 18,
          column: 10,
          message:
            'a customer who says `complaint` is upset, but the reply at `oops` is flippant ("Oops"): acknowledge how they feel first',
        },
      ],
    },
  ],
});
