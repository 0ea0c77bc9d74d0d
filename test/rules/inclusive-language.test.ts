import rule from '../../src/rules/inclusive-language.js';
import { testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** One message step; the text's value node at line 4, column 10. */
const say = (value: string) =>
  lines('flow: main', 'steps:', '  s:', `    say: ${value}`, '    end: resolved');

testRule(rule, {
  valid: [
    { name: 'inclusive wording', flow: say('Hi everyone, a person from our team will call you back today.') },
    {
      name: 'an ignored word',
      flow: say('Hey guys, your order is on its way.'),
      options: { ignore: ['guys'] },
    },
    {
      name: 'placeholders are not prose',
      flow: lines(
        'flow: main',
        'data:',
        '  chairman: {type: text}',
        'steps:',
        '  s:',
        '    say: Your contact is {chairman}.',
        '    end: resolved',
      ),
    },
  ],
  invalid: [
    {
      name: 'a plain scalar: the column of the word itself, the suggestion from the library',
      flow: say('Hey guys, your order is on its way.'),
      errors: [
        {
          messageId: 'insensitive',
          line: 4,
          column: 14,
          message: '`guys` may be insensitive: in some cases `people`',
        },
      ],
    },
    {
      name: 'a quoted scalar on one line: the column past the quote',
      flow: say('"Our chairman will call you."'),
      errors: [{ messageId: 'insensitive', line: 4, column: 15, message: '`chairman`' }],
    },
    {
      name: 'a block scalar: the start of the text',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        '    say: |-',
        '      Sorry,',
        '      that sounds crazy.',
        '    end: resolved',
      ),
      errors: [{ messageId: 'insensitive', line: 4, column: 10, message: '`crazy`' }],
    },
    {
      name: 'a variant in a list: the column within that text',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        '    ask:',
        '      - What is your order number?',
        '      - Hey guys, what is your order number?',
        '    next: s',
      ),
      errors: [{ messageId: 'insensitive', line: 6, column: 13 }],
    },
  ],
});
