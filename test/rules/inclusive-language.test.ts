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
    { name: '"invalid" about a value', flow: say("Sorry, that's an invalid value. It's eight digits.") },
    { name: '"invalid" said of a date', flow: say('That date is invalid, please try another.') },
    {
      name: 'a special offer, and a claim that was challenged',
      flow: say('Our special offer ends today, and your claim was challenged.'),
    },
    { name: '"what did you just say"', flow: say('Sorry, what did you just say?') },
    { name: '"Of course!" is warmth in a support chat', flow: say('"Of course! I can help with that."') },
    {
      name: '"simply" and "easy"',
      flow: say("It's easy to reset your password, simply tap Forgot password."),
    },
  ],
  invalid: [
    {
      name: 'the same words about people are still reported',
      flow: say('We have seats for special needs passengers and invalid travellers.'),
      errors: [
        {
          messageId: 'insensitive',
          line: 4,
          column: 28,
          message:
            '`special needs` may be insensitive: in some cases `has a disability`, `person with a disability` or `people with disabilities` may be better (Euphemisms for disabilities can be infantilizing. (source: http://cdrnys.org/blog/disability-dialogue/the-disability-dialogue-4-disability-euphemisms-that-need-to-bite-the-dust/,https://www.autistichoya.com/p/ableist-words-and-terms-to-avoid.html))',
        },
        {
          messageId: 'insensitive',
          line: 4,
          column: 57,
          message:
            '`invalid` may be insensitive: in some cases `turned off`, `has a disability`, `person with a disability` or `people with disabilities` may be better (Refer to the person, rather than the disability, first.)',
        },
      ],
    },
    {
      name: 'a plain scalar: the column of the word itself, the suggestion from the library',
      flow: say('Hey guys, your order is on its way.'),
      errors: [
        {
          messageId: 'insensitive',
          line: 4,
          column: 14,
          message: '`guys` may be insensitive: in some cases `people`, `persons` or `folks` may be better',
        },
      ],
    },
    {
      name: 'a quoted scalar on one line: the column past the quote',
      flow: say('"Our chairman will call you."'),
      errors: [
        {
          messageId: 'insensitive',
          line: 4,
          column: 15,
          message:
            '`chairman` may be insensitive: in some cases `chair`, `head`, `chairperson` or `coordinator` may be better',
        },
      ],
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
      errors: [
        {
          messageId: 'insensitive',
          line: 4,
          column: 10,
          message:
            '`crazy` may be insensitive: in some cases `rude`, `malicious`, `mean` or `disgusting` may be better (Describe the behavior or illness without derogatory words. (source: https://ncdj.org/style-guide/))',
        },
      ],
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
      errors: [
        {
          messageId: 'insensitive',
          line: 6,
          column: 13,
          message: '`guys` may be insensitive: in some cases `people`, `persons` or `folks` may be better',
        },
      ],
    },
  ],
});
