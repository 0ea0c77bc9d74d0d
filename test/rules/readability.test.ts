import rule from '../../src/rules/readability.js';
import { testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** One message step; its text at line 4, column 10. */
const say = (text: string) => lines('flow: main', 'steps:', '  s:', `    say: ${text}`, '    end: resolved');

const HARD =
  'Unfortunately, the reimbursement authorization necessitates additional documentation verifying the circumstances surrounding your transaction.';

testRule(rule, {
  valid: [
    {
      name: 'plain words in short sentences',
      flow: say(
        "Hi, I'm Ava, Acme's virtual assistant. I can help with refunds, or connect you with a person at any time.",
      ),
    },
    {
      name: 'placeholders and links are not counted as hard words',
      flow: lines(
        'flow: main',
        'data:',
        '  reimbursement_authorization_reference: {type: text}',
        'steps:',
        '  s:',
        '    say: Your code is {reimbursement_authorization_reference}. Read more at https://example.com/international-reimbursement-documentation today.',
        '    end: resolved',
      ),
    },
    {
      name: 'short texts are skipped: the formula means nothing on a few words',
      flow: say('Consequently, organizational considerations necessitate verification.'),
    },
    {
      name: 'short plain sentences that the formula alone grades 9: within its uncertainty on 12 words',
      flow: say("I'm sorry about the inconvenience. Your technician appointment is confirmed for Monday."),
    },
    {
      name: 'two short questions with a few long everyday words (graded 10.5, ±4.6)',
      flow: say('Which international destination are you travelling to? I can recommend a suitable plan.'),
    },
    { name: 'a higher max_grade', flow: say(HARD), options: { max_grade: 30 } },
    { name: 'a higher min_words', flow: say(HARD), options: { min_words: 20 } },
  ],
  invalid: [
    {
      name: 'a hard message, with its grade',
      flow: say(HARD),
      errors: [
        {
          messageId: 'tooHard',
          line: 4,
          column: 10,
          message:
            'reads at grade 29.4 (Flesch–Kincaid, ±4.9 on 13 words), above 8: use shorter sentences and everyday words (13 words in 1 sentence)',
        },
      ],
    },
    {
      name: 'a long sentence of hard words is reported whatever the margin',
      flow: say(
        "To process your reimbursement we require documentation of the original transaction, including the authorization reference and the merchant's identification number.",
      ),
      errors: [
        {
          messageId: 'tooHard',
          line: 4,
          column: 10,
          message:
            'reads at grade 21.1 (Flesch–Kincaid, ±4.2 on 20 words), above 8: use shorter sentences and everyday words (20 words in 1 sentence)',
        },
      ],
    },
    {
      name: 'ask, fallback and each variant are checked',
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        '    ask:',
        '      - What is your order number?',
        `      - ${HARD}`,
        '    fallback:',
        `      say: ${HARD}`,
        '      then: s',
        '    next: s',
      ),
      errors: [
        {
          messageId: 'tooHard',
          line: 6,
          column: 9,
          message:
            'reads at grade 29.4 (Flesch–Kincaid, ±4.9 on 13 words), above 8: use shorter sentences and everyday words (13 words in 1 sentence)',
        },
        {
          messageId: 'tooHard',
          line: 8,
          column: 12,
          message:
            'reads at grade 29.4 (Flesch–Kincaid, ±4.9 on 13 words), above 8: use shorter sentences and everyday words (13 words in 1 sentence)',
        },
      ],
    },
    {
      name: 'a lower max_grade',
      flow: say(
        "Hi, I'm Ava, Acme's virtual assistant. I can help with refunds, or connect you with a person at any time.",
      ),
      options: { max_grade: 3 },
      errors: [
        {
          messageId: 'tooHard',
          line: 4,
          column: 10,
          message:
            'reads at grade 6.0 (Flesch–Kincaid, ±1.8 on 20 words), above 3: use shorter sentences and everyday words (20 words in 2 sentences)',
        },
      ],
    },
  ],
});
