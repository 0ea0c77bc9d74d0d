import rule from '../../src/rules/bot-disclosure.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'the first message is the question of an ask step',
      flow: `flow: main
steps:
  ask_issue:
    ask: Hi, I'm Acme's chatbot. What can I help you with?
    next: done
  done:
    say: Thanks!
    end: resolved
`,
    },
    {
      name: 'through an action and a branch, every first message says it',
      flow: `flow: main
steps:
  lookup:
    action: find_customer
    next: known
  known:
    branch:
      - if: turn == 0
        goto: hello_again
      - else: hello
  hello_again:
    say:
      default: Welcome back! I'm Acme's automated assistant.
      negative: Sorry things went wrong last time. I'm Acme's AI assistant, and I can get you a person.
    end: resolved
  hello:
    say:
      - Hi, I'm AcmeBot.
      - Hello again, this is Acme's digital assistant.
    end: resolved
`,
    },
    {
      name: "words between 'virtual' and the role",
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm the virtual telecommunications agent for Acme.
    end: resolved
`,
    },
    {
      name: 'an automated assistant',
      flow: `flow: main
steps:
  greet:
    say: Hello, this is Acme's automated assistant, here to help.
    end: resolved
`,
    },
    {
      name: "'I'm a bot'",
      flow: `flow: main
steps:
  greet:
    say: Hi! I'm a bot, but I can get you a person any time.
    end: resolved
`,
    },
    {
      name: 'an AI assistant',
      flow: `flow: main
steps:
  greet:
    say: Welcome. Acme AI assistant at your service.
    end: resolved
`,
    },
    {
      name: "'you're chatting with' a bot",
      flow: `flow: main
steps:
  greet:
    say: Hello! You're chatting with Acme's bot.
    end: resolved
`,
    },
    {
      name: "'this chat is automated'",
      flow: `flow: main
steps:
  greet:
    say: Welcome to Acme support. This chat is automated, and a person can take over at any time.
    end: resolved
`,
    },
    {
      name: 'option phrases adds wording the project uses',
      options: { phrases: ['self-service helper'] },
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm Acme's self-service helper.
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: "a developer's welcome card names the bot it runs, but never tells the customer they talk to one",
      flow: `flow: main
steps:
  greet:
    say: Welcome to the Bot Builder sample! Now that your bot is running, use the links below to learn how to deploy it.
    end: resolved
`,
      errors: [
        {
          messageId: 'notDisclosed',
          line: 4,
          column: 10,
          message:
            "the bot's first message does not say it is an automated assistant, so a customer may think they are talking to a person: say so (e.g. \"I'm Acme's virtual assistant\")",
        },
      ],
    },
    {
      name: 'a negation turns it around',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm not a virtual assistant, I'm Sam from the support team.
    end: resolved
`,
      errors: [
        {
          messageId: 'notDisclosed',
          line: 4,
          column: 10,
          message:
            "the bot's first message does not say it is an automated assistant, so a customer may think they are talking to a person: say so (e.g. \"I'm Acme's virtual assistant\")",
        },
      ],
    },
    {
      name: 'a greeting that sounds like a person',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm Ava! How can I help you today?
    next: done
  done:
    say: I'm a virtual assistant, by the way.
    end: resolved
`,
      errors: [
        {
          messageId: 'notDisclosed',
          line: 4,
          column: 10,
          message:
            "the bot's first message does not say it is an automated assistant, so a customer may think they are talking to a person: say so (e.g. \"I'm Acme's virtual assistant\")",
        },
      ],
    },
    {
      name: 'every variant is checked; "assistant" alone could be a person',
      flow: `flow: main
steps:
  greet:
    say:
      - Hi, I'm Acme's virtual assistant.
      - Welcome back, I'm Ava, your assistant.
    end: resolved
`,
      errors: [
        {
          messageId: 'notDisclosed',
          line: 6,
          column: 9,
          message:
            "the bot's first message does not say it is an automated assistant, so a customer may think they are talking to a person: say so (e.g. \"I'm Acme's virtual assistant\")",
        },
      ],
    },
    {
      name: 'the entry is in another flow; one branch of the start greets without saying it',
      config: 'entry: start/check\n',
      files: {
        'flows/start.flow.yaml': `flow: start
steps:
  check:
    branch:
      - if: channel == "voice"
        goto: voice_hello
      - else: chat_hello
  voice_hello:
    say: Thanks for calling Acme, how can I help?
    end: resolved
  chat_hello:
    say: Hi, I'm Acme's virtual assistant.
    end: resolved
`,
        'flows/main.flow.yaml': `flow: main
steps:
  other:
    say: Hello!
    end: resolved
`,
      },
      errors: [
        {
          messageId: 'notDisclosed',
          file: 'flows/start.flow.yaml',
          line: 9,
          column: 10,
          message:
            "the bot's first message does not say it is an automated assistant, so a customer may think they are talking to a person: say so (e.g. \"I'm Acme's virtual assistant\")",
        },
      ],
    },
  ],
});
