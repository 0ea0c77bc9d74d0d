import { describe, expect, it } from 'vitest';
import rule, { findBlame } from '../../src/rules/blame-language.js';
import { testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** An ask step whose `ask` text is at line 4, column 10, and fallback `say` at line 6, column 12. */
const askFlow = (ask: string, fallback = "Sorry, I didn't catch that.") =>
  lines(
    'flow: main',
    'steps:',
    '  ask_order:',
    `    ask: ${ask}`,
    '    fallback:',
    `      say: ${fallback}`,
    '      then: handoff',
    '    next: handoff',
    '  handoff:',
    '    handoff: true',
  );

testRule(rule, {
  valid: [
    { name: 'a plain question', flow: askFlow("What's your order number? It looks like AB123456.") },
    {
      name: 'reporting what happened to the customer is not blame',
      flow: askFlow("I'm sorry you didn't receive your parcel. If you didn't order this, tell me."),
    },
    {
      name: "reassurance: it's not your fault",
      flow: askFlow("This isn't your fault. What's your order number?"),
    },
    {
      name: 'words that only contain a phrase (yourself, saidso)',
      flow: askFlow('Are you failing to connect yourself?'),
    },
  ],
  invalid: [
    {
      name: 'the ask and the fallback say, each at its text',
      flow: askFlow(
        'As I already said, I need your order number.',
        'Invalid input. You entered an invalid number.',
      ),
      errors: [
        {
          messageId: 'blames',
          line: 4,
          column: 10,
          message: '"As I already said" blames the customer: own the problem instead, e.g. "To recap, ..."',
        },
        {
          messageId: 'blames',
          line: 6,
          column: 12,
          message:
            '"Invalid input" blames the customer: own the problem instead, e.g. "Sorry, I couldn\'t read that. It looks like AB123456."',
        },
        {
          messageId: 'blames',
          line: 6,
          column: 12,
          message:
            '"You entered an invalid" blames the customer: own the problem instead, e.g. "Sorry, I couldn\'t read that. It looks like AB123456."',
        },
      ],
    },
    {
      name: 'any case, curly apostrophes, line breaks inside the phrase',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        '    say: >-',
        '      YOU DIDN’T give us the code,',
        '      and you',
        '      forgot the date.',
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'blames',
          line: 4,
          column: 10,
          message:
            '"YOU DIDN’T" blames the customer: own the problem instead, e.g. "I didn\'t catch that. Could you tell me ...?"',
        },
        {
          messageId: 'blames',
          line: 4,
          column: 10,
          message: '"you forgot" blames the customer: own the problem instead, e.g. "I still need ..."',
        },
      ],
    },
    {
      name: 'every variant of a sentiment map and of a list',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        '    say:',
        '      default: Your mistake, not ours.',
        '      negative:',
        '        - I already told you twice.',
        '        - You need to read the instructions.',
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'blames',
          line: 5,
          column: 16,
          message:
            '"Your mistake" blames the customer: own the problem instead, e.g. "Something went wrong. Let me fix it."',
        },
        {
          messageId: 'blames',
          line: 7,
          column: 11,
          message: '"I already told you" blames the customer: own the problem instead, e.g. "To recap, ..."',
        },
        {
          messageId: 'blames',
          line: 8,
          column: 11,
          message:
            '"You need to read" blames the customer: own the problem instead, e.g. "Here is how it works: ..."',
        },
      ],
    },
    {
      name: "the project's default fallback, once",
      config: lines(
        'fallback:',
        '  say: Wrong input, you did not follow the format.',
        '  then: main/handoff',
      ),
      flow: lines(
        'flow: main',
        'steps:',
        '  a:',
        '    ask: Order number?',
        '    next: b',
        '  b:',
        '    ask: Email?',
        '    next: handoff',
        '  handoff:',
        '    handoff: true',
      ),
      errors: [
        {
          messageId: 'blames',
          line: 2,
          column: 8,
          file: 'tact.config.yaml',
          message:
            '"Wrong input" blames the customer: own the problem instead, e.g. "Sorry, I couldn\'t read that. It looks like AB123456."',
        },
        {
          messageId: 'blames',
          line: 2,
          column: 8,
          file: 'tact.config.yaml',
          message:
            '"you did not" blames the customer: own the problem instead, e.g. "I didn\'t catch that. Could you tell me ...?"',
        },
      ],
    },
  ],
});

describe('findBlame', () => {
  it('matches on word boundaries only', () => {
    expect(findBlame('as I said')).toHaveLength(1);
    expect(findBlame('alias I saidthat')).toEqual([]);
    expect(findBlame('you forgotten')).toEqual([]);
  });
});
