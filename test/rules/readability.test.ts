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
          message: 'reads at grade 29.4 (Flesch–Kincaid), above 8',
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
        { messageId: 'tooHard', line: 6, column: 9 },
        { messageId: 'tooHard', line: 8, column: 12 },
      ],
    },
    {
      name: 'a lower max_grade',
      flow: say(
        "Hi, I'm Ava, Acme's virtual assistant. I can help with refunds, or connect you with a person at any time.",
      ),
      options: { max_grade: 5 },
      errors: [{ messageId: 'tooHard', line: 4, column: 10, message: 'grade 6.0' }],
    },
  ],
});
