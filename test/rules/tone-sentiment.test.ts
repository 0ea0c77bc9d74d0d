import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/tone-sentiment.js';
import { runRule, testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

// Texts whose tone no reasonable analyzer can misread.
const SORRY = "I'm so sorry this has been frustrating. Let me sort it out for you.";
const HYPE = 'Awesome!! Great news, you are going to love this!';
const PLAIN = 'What is your order number?';

/** An ask step routing negative replies to `target` (line 6: `- sentiment: negative`). */
const withRoute = (target: string[], label = 'negative') =>
  lines(
    'flow: main',
    'steps:',
    '  ask_order:',
    `    ask: ${PLAIN}`,
    '    routes:',
    `      - sentiment: ${label}`,
    '        goto: calm',
    '    next: handoff',
    ...target,
    '  handoff:',
    "    say: I'm connecting you with a person now.",
    '    handoff: true',
  );

testRule(rule, {
  valid: [
    {
      name: 'an empathetic message right after a negative route',
      flow: withRoute(['  calm:', `    say: ${SORRY}`, '    next: handoff']),
    },
    {
      name: 'an empathetic say before a plain ask at the route target (say is heard first)',
      flow: withRoute(['  calm:', `    say: ${SORRY}`, `    ask: ${PLAIN}`, '    next: handoff']),
    },
    {
      name: 'a sentiment map whose upset variants are empathetic (the default is never heard)',
      flow: withRoute([
        '  calm:',
        '    say:',
        `      default: ${HYPE}`,
        `      negative: ${SORRY}`,
        '    next: handoff',
      ]),
    },
    {
      name: 'upbeat messages where nothing went wrong, and a positive route',
      flow: lines(
        'flow: main',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    routes:',
        '      - sentiment: positive',
        '        goto: done',
        '    fallback:',
        "      say: Sorry, I didn't catch that. It looks like AB123456.",
        '      then: handoff',
        '    next: done',
        '  done:',
        `    say: ${HYPE}`,
        '    end: resolved',
        '  handoff:',
        "    say: I'm connecting you with a person now.",
        '    handoff: true',
      ),
    },
    {
      name: 'a negative route to a handoff without a message',
      flow: lines(
        'flow: main',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    routes:',
        '      - sentiment: very_negative',
        '        goto: handoff',
        '    next: handoff',
        '  handoff:',
        '    handoff: true',
      ),
    },
  ],
  invalid: [
    {
      name: 'upbeat right after a negative route: quotes the evidence, path route step → target',
      flow: withRoute(['  calm:', `    say: ${HYPE}`, '    next: handoff']),
      errors: [
        {
          messageId: 'routeUpbeat',
          line: 10,
          column: 10,
          path: ['main/ask_order', 'main/calm'],
          message:
            'upbeat ("Awesome!!", "Great", "3× !") right after a negative-sentiment route: the customer is upset, so acknowledge the problem before anything cheerful',
        },
      ],
    },
    {
      name: 'a plain question right after a very negative route is not empathetic',
      flow: withRoute(['  calm:', `    ask: ${PLAIN}`, '    next: handoff'], 'very_negative'),
      errors: [
        {
          messageId: 'routeNotEmpathetic',
          line: 10,
          column: 10,
          path: ['main/ask_order', 'main/calm'],
          message:
            'neutral (no words that acknowledge how the customer feels) right after a very-negative-sentiment route: the customer is upset, so the first thing the bot says should acknowledge it (e.g. "I\'m sorry this has been frustrating")',
        },
      ],
    },
    {
      name: 'through a branch and an action to every first message, each variant checked',
      flow: lines(
        'flow: main',
        'data:',
        '  vip: {type: boolean}',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    routes:',
        '      - sentiment: negative',
        '        goto: lookup',
        '    next: handoff',
        '  lookup:',
        '    action: find_customer',
        '    sets: [vip]',
        '    next: pick',
        '  pick:',
        '    branch:',
        '      - if: vip == true',
        '        goto: vip_hello',
        '      - else: hello',
        '  vip_hello:',
        '    say:',
        `      - ${SORRY}`,
        `      - ${HYPE}`,
        '    next: handoff',
        '  hello:',
        `    say: ${SORRY}`,
        '    next: handoff',
        '  handoff:',
        "    say: I'm connecting you with a person now.",
        '    handoff: true',
      ),
      errors: [
        {
          messageId: 'routeUpbeat',
          line: 23,
          column: 9,
          path: ['main/ask_order', 'main/lookup', 'main/pick', 'main/vip_hello'],
          message:
            'upbeat ("Awesome!!", "Great", "3× !") right after a negative-sentiment route: the customer is upset, so acknowledge the problem before anything cheerful',
        },
      ],
    },
    {
      name: 'a flow handler: the path starts at the handler target',
      flow: lines(
        'flow: main',
        'handlers:',
        '  - sentiment: negative',
        '    goto: calm',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    next: handoff',
        '  calm:',
        `    say: ${HYPE}`,
        '    next: handoff',
        '  handoff:',
        "    say: I'm connecting you with a person now.",
        '    handoff: true',
      ),
      errors: [
        {
          messageId: 'routeUpbeat',
          line: 10,
          column: 10,
          path: ['main/calm'],
          message:
            'upbeat ("Awesome!!", "Great", "3× !") right after a negative-sentiment flow handler: the customer is upset, so acknowledge the problem before anything cheerful',
        },
      ],
    },
    {
      name: 'a global handler in tact.config.yaml',
      config: lines('handlers:', '  - sentiment: very_negative', '    goto: main/calm'),
      flow: lines(
        'flow: main',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    next: handoff',
        '  calm:',
        `    say: ${PLAIN}`,
        '    next: handoff',
        '  handoff:',
        "    say: I'm connecting you with a person now.",
        '    handoff: true',
      ),
      errors: [
        {
          messageId: 'routeNotEmpathetic',
          line: 7,
          column: 10,
          message:
            'neutral (no words that acknowledge how the customer feels) right after a very-negative-sentiment global handler: the customer is upset, so the first thing the bot says should acknowledge it (e.g. "I\'m sorry this has been frustrating")',
        },
      ],
    },
    {
      name: 'a negative route hears the default variant when the map has no negative one',
      flow: withRoute([
        '  calm:',
        '    say:',
        `      default: ${HYPE}`,
        `      positive: ${HYPE}`,
        '    next: handoff',
      ]),
      errors: [
        {
          messageId: 'routeUpbeat',
          line: 11,
          column: 16,
          path: ['main/ask_order', 'main/calm'],
          message:
            'upbeat ("Awesome!!", "Great", "3× !") right after a negative-sentiment route: the customer is upset, so acknowledge the problem before anything cheerful',
        },
      ],
    },
    {
      name: 'negative and very negative variants anywhere must be empathetic',
      flow: lines(
        'flow: main',
        'steps:',
        '  done:',
        '    say:',
        `      default: ${HYPE}`,
        `      negative: ${PLAIN}`,
        `      very_negative: ${HYPE}`,
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'variantNotEmpathetic',
          line: 6,
          column: 17,
          message:
            'neutral (no words that acknowledge how the customer feels) in the `negative` variant, which only an upset customer hears: it should acknowledge how they feel',
        },
        {
          messageId: 'variantUpbeat',
          line: 7,
          column: 22,
          message:
            'upbeat ("Awesome!!", "Great", "3× !") in the `very_negative` variant, which only an upset customer hears: acknowledge the problem instead',
        },
      ],
    },
    {
      name: 'upbeat fallback, handoff and unresolved-end messages',
      flow: lines(
        'flow: main',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    fallback:',
        `      say: ${HYPE}`,
        '      then: handoff',
        '    options:',
        '      - {label: Give up, goto: give_up}',
        '    next: handoff',
        '  handoff:',
        `    say: ${HYPE}`,
        '    handoff: true',
        '  give_up:',
        `    say: ${HYPE}`,
        '    end: unresolved',
      ),
      errors: [
        {
          messageId: 'fallbackUpbeat',
          line: 6,
          column: 12,
          message:
            'upbeat ("Awesome!!", "Great", "3× !") in a fallback message: the bot has just failed to understand the customer, so sound sorry and calm, not cheerful',
        },
        {
          messageId: 'handoffUpbeat',
          line: 12,
          column: 10,
          message:
            'upbeat ("Awesome!!", "Great", "3× !") in a handoff message: customers are passed to a person when something went wrong, so sound calm and reassuring',
        },
        {
          messageId: 'unresolvedUpbeat',
          line: 15,
          column: 10,
          message:
            'upbeat ("Awesome!!", "Great", "3× !") in an `end: unresolved` message: the customer leaves without a fix, so do not sound pleased',
        },
      ],
    },
    {
      name: "the project's default fallback message, once however many steps use it",
      config: lines('fallback:', `  say: ${HYPE}`, '  then: main/handoff'),
      flow: lines(
        'flow: main',
        'steps:',
        '  ask_order:',
        `    ask: ${PLAIN}`,
        '    next: ask_email',
        '  ask_email:',
        '    ask: What email should I use?',
        '    next: handoff',
        '  handoff:',
        '    handoff: true',
      ),
      errors: [
        {
          messageId: 'fallbackUpbeat',
          line: 2,
          column: 8,
          file: 'tact.config.yaml',
          message:
            'upbeat ("Awesome!!", "Great", "3× !") in a fallback message: the bot has just failed to understand the customer, so sound sorry and calm, not cheerful',
        },
      ],
    },
  ],
});

describe('rule tone-sentiment findings', () => {
  it('carry the evidence that decided the tone', () => {
    const [f] = runRule(rule, {
      flow: withRoute(['  calm:', `    say: ${HYPE}`, '    next: handoff']),
      name: '',
    });
    expect(f.evidence?.length).toBeGreaterThan(0);
    for (const e of f.evidence ?? []) expect(f.message).toContain(`"${e}"`);
  });

  it('report one text once, even when two negative routes lead to it', () => {
    const flow = lines(
      'flow: main',
      'handlers:',
      '  - sentiment: very_negative',
      '    goto: calm',
      'steps:',
      '  ask_order:',
      `    ask: ${PLAIN}`,
      '    routes:',
      '      - sentiment: negative',
      '        goto: calm',
      '    next: handoff',
      '  calm:',
      `    say: ${HYPE}`,
      '    next: handoff',
      '  handoff:',
      '    handoff: true',
    );
    const found = runRule(rule, { name: '', flow });
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['main/ask_order', 'main/calm']);
  });
});
