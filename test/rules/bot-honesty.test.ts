import rule from '../../src/rules/bot-honesty.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'nothing routes "are you a real person?": the runtime answers with the disclosure',
      flow: `flow: main
steps:
  ask:
    ask: What can I help with?
    next: done
  done:
    end: resolved
`,
    },
    {
      name: 'a route to an honest answer of its own',
      flow: `flow: main
steps:
  ask:
    ask: What can I help with?
    routes:
      - intent: are_you_a_bot
        goto: honest
    fallback: {then: done}
  honest:
    say: No, I'm Acme's virtual assistant. I can get you a person if you like.
    next: ask
  done:
    end: resolved
`,
    },
    {
      name: 'a disclosure in tact.config.yaml that says it',
      config:
        'bot:\n  name: Ava\n  disclosure: "I\'m Ava, an automated assistant. Ask for a person at any time."\n',
      flow: 'flow: main\nsteps:\n  done:\n    say: Hi, I am an automated assistant.\n    end: resolved\n',
    },
  ],
  invalid: [
    {
      name: 'a route whose answer dodges the question',
      flow: `flow: main
steps:
  ask:
    ask: What can I help with?
    routes:
      - intent: are_you_a_bot
        goto: dodge
    fallback: {then: done}
  dodge:
    say: I'm Ava, and I'm here to help you!
    next: ask
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'routedAnswer',
          line: 7,
          column: 15,
          message:
            'a customer who asks "are you a real person?" is sent to `dodge`, whose message does not say the bot is automated: answer honestly ("I\'m an automated assistant, not a person"), or remove the route and let the bot\'s disclosure answer',
        },
      ],
    },
    {
      name: 'a handler to a handoff that says nothing',
      flow: `flow: main
handlers:
  - intent: are_you_a_bot
    goto: person
steps:
  ask:
    ask: What can I help with?
    next: done
  done:
    end: resolved
  person:
    handoff: true
`,
      errors: [
        {
          messageId: 'silentAnswer',
          line: 4,
          column: 11,
          message:
            'a customer who asks "are you a real person?" is sent to `person`, which says nothing: answer honestly there ("I\'m an automated assistant, not a person")',
        },
      ],
    },
    {
      name: 'a disclosure that does not say the bot is automated',
      config: 'bot:\n  name: Ava\n  disclosure: "Yes, I\'m Ava from the support team!"\n',
      flow: 'flow: main\nsteps:\n  done:\n    say: Hi, I am an automated assistant.\n    end: resolved\n',
      errors: [
        {
          messageId: 'disclosure',
          file: 'tact.config.yaml',
          line: 3,
          column: 15,
          message:
            '`bot.disclosure` is what the bot says when asked "are you a real person?", and it does not say the bot is automated: say so ("I\'m Ava, Acme\'s automated assistant, not a person")',
        },
      ],
    },
  ],
});
