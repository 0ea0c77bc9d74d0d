/** The files `tact init` writes: a starter project that lints clean and compiles. */
export function starterFiles(name: string): Record<string, string> {
  return {
    'tact.config.yaml': `# yaml-language-server: $schema=./node_modules/tact/schemas/config.schema.json
# Project settings: see docs/flow-format.md in the tact package.
name: ${name}
bot: {name: Sam, company: ${title(name)}}
entry: help/greet
channel: chat

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
flow: help
title: Answer a question, or hand the customer to a person

intents:
  order_status:
    examples: [where is my order, track my parcel, has my order shipped, when will it arrive, my order is late]

steps:
  greet:
    say: Hi, I'm Sam, a virtual assistant. You can ask for a person at any time.
    next: menu

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

  anything_else:
    ask: Is there anything else I can help with?
    options:
      - label: "No"
        goto: bye
      - label: "Yes"
        goto: handoff

  bye:
    say: Thanks for chatting with us. Have a good day.
    end: resolved

  handoff:
    say: I'm connecting you with a person now. They'll see this chat, so you won't need to repeat yourself.
    handoff:
      queue: general
`,
    'personas/calm-order-check.persona.yaml': `# yaml-language-server: $schema=../node_modules/tact/schemas/persona.schema.json
persona: calm-order-check
mood: calm
goal: Find out where my order is.
patience: 3
traits: [terse]
expect:
  outcome: resolved
  max_turns: 8
`,
    'personas/angry-wants-person.persona.yaml': `# yaml-language-server: $schema=../node_modules/tact/schemas/persona.schema.json
persona: angry-wants-person
mood: angry
goal: Talk to a person about a late order, right away.
opening: my order is a WEEK late and I want a real person NOW
patience: 1
traits: [terse, typos]
expect:
  outcome: handoff
  max_turns: 6
  human_within: 2
`,
    '.github/workflows/tact.yml': `# Checks the flows on every push and pull request: findings appear in code scanning, the
# simulated customers (personas/) talk to the bot, and the compiled bot and the simulation's
# JUnit and HTML reports are kept as artifacts.
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
      - run: npm ci
      - name: Lint the flows
        run: npx tact lint --format sarif --output tact.sarif
      - name: Show the findings in code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: tact.sarif
      - name: Simulate the personas (the scripted player: no model needed)
        run: npx tact simulate --quiet --report sim-report
      - name: Keep the simulation reports (junit.xml, report.html, transcripts)
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: simulation
          path: sim-report/
      - name: Compile the bot
        run: npx tact compile --output dist/bot.json
      - uses: actions/upload-artifact@v4
        with:
          name: bot
          path: dist/bot.json
`,
  };
}

function title(name: string): string {
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
