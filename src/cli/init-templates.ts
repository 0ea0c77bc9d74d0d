import type { Channel } from '../flow/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';

/** The industries `tact init` has a starter flow for; the first is the default. */
export const INDUSTRIES = [
  { id: 'retail', label: 'Retail', about: 'orders and deliveries' },
  { id: 'banking', label: 'Banking', about: 'payments and lost cards' },
  { id: 'telecom', label: 'Telecom', about: 'internet outages' },
  { id: 'travel', label: 'Travel', about: 'baggage and bookings' },
] as const;
export type Industry = (typeof INDUSTRIES)[number]['id'];

/** The channels a starter can be written for; the first is the default. */
export const CHANNELS = [
  { id: 'chat', label: 'Chat', about: 'a chat window on a website or app' },
  { id: 'sms', label: 'SMS', about: 'text messages (160 characters a message)' },
  { id: 'voice', label: 'Voice', about: 'a phone line (short messages, at most three choices)' },
] as const satisfies readonly { id: Channel; label: string; about: string }[];

export interface StarterChoices {
  /** The bot's id: `name` in tact.config.yaml and package.json, and in the compiled file. */
  name: string;
  channel: Channel;
  industry: Industry;
}

/** The scripts the starter's package.json runs, and its workflow runs through them. */
export const STARTER_SCRIPTS: Readonly<Record<string, string>> = {
  lint: 'tact lint',
  simulate: 'tact simulate --engine scripted --report sim-report',
  compile: 'tact compile --output dist/bot.json',
};

/** How the starter's package.json asks for tact: this package's name and version. */
export const TACT_DEPENDENCY: readonly [string, string] = [TOOL_NAME, `^${TOOL_VERSION}`];

/** Lines the starter's .gitignore holds (what the scripts and the install write). */
export const GITIGNORE_LINES = ['node_modules/', 'dist/', 'sim-report/', 'tact.sarif'];

/**
 * The files `tact init` writes: a starter project that lints clean under every rule, whose
 * personas pass, and whose workflow runs as written. `package.json` and `.gitignore` are written
 * whole here; init merges them into existing ones (see init.ts).
 */
export function starterFiles(choices: StarterChoices): Record<string, string> {
  const { name, channel, industry } = choices;
  const starter = STARTERS[industry];
  return {
    'package.json': starterPackageJson(name),
    '.gitignore': `${GITIGNORE_LINES.join('\n')}\n`,
    'tact.config.yaml': `# yaml-language-server: $schema=./node_modules/tact/schemas/config.schema.json
# Project settings: see docs/flow-format.md in the tact package.
name: ${name}
bot: {name: Sam, company: ${title(name)}}
entry: help/greet
channel: ${channel}

handlers:                    # tried at every ask step: a customer can always ask for a person
  - intent: human
    goto: help/handoff

fallback:                    # for ask steps without their own fallback
  say: Sorry, I didn't catch that. Could you say it another way?
  max: 2
  then: help/handoff

rules:
  readability: {severity: warn, max_grade: 8}
`,
    'flows/help.flow.yaml': `# yaml-language-server: $schema=../node_modules/tact/schemas/flow.schema.json
${starter.flow}`,
    ...Object.fromEntries(
      Object.entries(starter.personas).map(([id, text]) => [
        `personas/${id}.persona.yaml`,
        `# yaml-language-server: $schema=../node_modules/tact/schemas/persona.schema.json
persona: ${id}
${text}`,
      ]),
    ),
    '.github/workflows/tact.yml': WORKFLOW,
  };
}

/** The starter's package.json: tact as a devDependency, and the scripts the workflow runs. */
export function starterPackageJson(name: string): string {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    description: 'Customer-service bot flows, checked with tact',
    scripts: { ...STARTER_SCRIPTS },
    devDependencies: { [TACT_DEPENDENCY[0]]: TACT_DEPENDENCY[1] },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const WORKFLOW = `# Checks the flows on every push and pull request: findings appear in code scanning, the
# simulated customers (personas/) talk to the bot, and the simulation's JUnit and HTML reports and
# the compiled bot are kept as artifacts. tact comes from package.json (a devDependency).
name: tact
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  flows:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install tact (npm ci once package-lock.json is committed, npm install until then)
        run: if [ -f package-lock.json ]; then npm ci; else npm install; fi
      - name: Lint the flows
        run: npm run lint -- --format sarif --output tact.sarif
      - name: Show the findings in code scanning
        if: always() && hashFiles('tact.sarif') != ''
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: tact.sarif
      - name: Simulate the personas (the scripted player, no model needed)
        run: npm run simulate -- --quiet
      - name: Keep the simulation reports (JUnit and HTML, and the transcripts)
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: simulation
          path: |
            sim-report/junit.xml
            sim-report/report.html
            sim-report/transcripts/
      - name: Compile the bot
        run: npm run compile
      - uses: actions/upload-artifact@v4
        with:
          name: bot
          path: dist/bot.json
`;

interface Starter {
  /** The flow file, after its schema comment. Its id is `help`; the config points at it. */
  flow: string;
  /** Persona id → the rest of its file. */
  personas: Record<string, string>;
}

/** The closing questions every starter ends with, and its handoff. */
const CLOSE = `  anything_else:
    ask: Is there anything else I can help with?
    options:
      - label: "No"
        goto: bye
      - label: "Yes"
        goto: handoff

  bye:
    say: Thanks for getting in touch. Have a good day.
    end: resolved

  handoff:
    say: I'm connecting you with a person now. They'll see this chat, so you won't need to repeat yourself.
    handoff:
      queue: general
`;

const GREET = `  greet:
    say: Hi, I'm Sam, a virtual assistant. You can ask for a person at any time.
    next: menu
`;

const ANGRY = (opening: string) => `mood: angry
goal: Talk to a person right away.
opening: ${opening}
patience: 1
traits: [terse, typos]
expect:
  outcome: handoff
  max_turns: 6
  human_within: 2
`;

const STARTERS: Record<Industry, Starter> = {
  retail: {
    flow: `flow: help
title: Answer a question about an order, or hand the customer to a person

intents:
  order_status:
    examples: [where is my order, track my parcel, has my order shipped, when will it arrive, my order is late]

steps:
${GREET}
  menu:
    ask: What can I help you with?
    options:
      - label: Where's my order?
        intent: order_status
        goto: order_status
      - label: Something else
        goto: handoff

  order_status:
    say: You can follow your order with the tracking link in your confirmation email.
    next: anything_else

${CLOSE}`,
    personas: {
      'calm-order-check': `mood: calm
goal: Find out where my order is.
patience: 3
traits: [terse]
expect:
  outcome: resolved
  max_turns: 8
`,
      'angry-wants-person': ANGRY('my order is a WEEK late and I want a real person NOW'),
    },
  },
  banking: {
    flow: `flow: help
title: Answer a question about a payment, or hand the customer to a person

intents:
  pending_payment:
    examples: [why is my payment pending, a payment is still pending, when will my payment go through, my payment has not cleared, a card payment shows as pending]
  lost_card:
    sensitive: true             # a lost or stolen card goes straight to a person
    examples: [i lost my card, my card was stolen, someone stole my wallet, i can't find my card]

handlers:
  - intent: lost_card
    goto: card_team

steps:
${GREET}
  menu:
    ask: What can I help you with?
    options:
      - label: A payment is pending
        intent: pending_payment
        goto: pending
      - label: My card is lost or stolen
        intent: lost_card
        goto: card_team
      - label: Something else
        goto: handoff

  pending:
    say: A card payment shows as pending until the shop takes it. That is usually one to three working days.
    next: anything_else

  card_team:
    say: I'm sorry to hear that. I'm connecting you with our card team now, so they can block the card straight away.
    handoff:
      queue: cards

${CLOSE}`,
    personas: {
      'calm-pending-payment': `mood: calm
goal: Find out why my card payment is still pending.
patience: 3
traits: [terse]
expect:
  outcome: resolved
  max_turns: 8
`,
      'angry-wants-person': ANGRY('I was charged TWICE and I want a real person NOW'),
    },
  },
  telecom: {
    flow: `flow: help
title: Help with an internet outage, or hand the customer to a person

intents:
  internet_down:
    examples: [my internet is down, the wifi is not working, i have no connection at home, my broadband keeps dropping, the internet is not working]

steps:
${GREET}
  menu:
    ask: What can I help you with?
    options:
      - label: My internet is down
        intent: internet_down
        goto: restart
      - label: Something else
        goto: handoff

  restart:
    say: I'm sorry your internet is down. Please unplug your router, wait 30 seconds and plug it back in. Most connections come back within five minutes.
    next: anything_else

${CLOSE}`,
    personas: {
      'calm-internet-down': `mood: calm
goal: Get my internet working again.
patience: 3
traits: [terse]
expect:
  outcome: resolved
  max_turns: 8
`,
      'angry-wants-person': ANGRY('my internet has been down for THREE days, get me a real person NOW'),
    },
  },
  travel: {
    flow: `flow: help
title: Answer a question about baggage, or hand the customer to a person

intents:
  baggage:
    examples: [how much luggage can i bring, what is the baggage allowance, can i take a second bag, how heavy can my suitcase be, what size can my hand luggage be]
  change_booking:
    examples: [i want to change my booking, can i move my flight, change the date of my trip, i need a different flight]

steps:
${GREET}
  menu:
    ask: What can I help you with?
    options:
      - label: Baggage allowance
        intent: baggage
        goto: baggage
      - label: Change my booking
        intent: change_booking
        goto: bookings_team
      - label: Something else
        goto: handoff

  baggage:
    say: Each ticket includes one cabin bag of up to 10 kg and one checked bag of up to 23 kg. Your booking confirmation shows any extra bags.
    next: anything_else

  bookings_team:
    say: I'm connecting you with our bookings team now. They can see your trip, so you won't need to repeat yourself.
    handoff:
      queue: bookings

${CLOSE}`,
    personas: {
      'calm-baggage-question': `mood: calm
goal: Find out how much luggage I can bring.
patience: 3
traits: [terse]
expect:
  outcome: resolved
  max_turns: 8
`,
      'angry-wants-person': ANGRY('my flight was CANCELLED and I want a real person NOW'),
    },
  },
};

function title(name: string): string {
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
