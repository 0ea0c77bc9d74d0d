import rule from '../../src/rules/bad-condition.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const BRANCH = (data: string, cases: string[]) => `flow: main
data:
${data}
steps:
  decide:
    branch:
${cases.map((c) => `      - if: ${c}\n        goto: done`).join('\n')}
      - else: done
  done:
    say: Thanks.
    end: resolved
`;

const DATA = `  amount:
    type: number
  vip:
    type: boolean
  plan:
    type: choice
    values: [basic, plus]
  email:
    type: email
    purpose: to send a receipt
  when:
    type: date`;

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'each type with a literal of its own type, null, built-ins and JSON Logic',
    flow: BRANCH(DATA, [
      'amount >= 10.5 and amount != null',
      'vip == true or not vip',
      'plan == "plus" or plan in ["basic", "plus"]',
      'email != "" and when >= "2024-01-01"',
      '10 < amount',
      'sentiment < -0.25 and turn > 2 and fallbacks >= 1 and channel in ["sms", "voice"]',
      '{"and": [{"==": [{"var": "plan"}, "basic"]}, {">": [{"var": "amount"}, 0]}]}',
      'undeclared_name == 3',
    ]),
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'expressions that do not parse',
      flow: BRANCH(DATA, ['amount = 10', 'amount >', 'plan in "basic"', 'amount.value > 1']),
      errors: [
        {
          messageId: 'parse',
          line: 18,
          column: 13,
          message: 'cannot parse `amount = 10`: Unexpected "=" (to compare, write `==`)',
        },
        {
          messageId: 'parse',
          line: 20,
          column: 13,
          message: 'cannot parse `amount >`: Expected expression after >',
        },
        {
          messageId: 'parse',
          line: 22,
          column: 13,
          message: '`in` takes a list: `plan in ["basic", "plus"]`',
        },
        {
          messageId: 'parse',
          line: 24,
          column: 13,
          message: 'dotted names are not supported: name a data field of this flow',
        },
      ],
    },
    {
      name: 'literals of the wrong type',
      flow: BRANCH(DATA, [
        'amount > "10"',
        'vip == "yes"',
        'vip == 1',
        'email == 42',
        'plan == true',
        'amount in [1, "2"]',
        `'"10" < amount'`,
      ]),
      errors: [
        {
          messageId: 'wrongType',
          line: 18,
          column: 13,
          message:
            '`amount` is number data but is compared with "10", a text: this comparison never works: write 10 without quotes',
        },
        {
          messageId: 'wrongType',
          line: 20,
          column: 13,
          message:
            '`vip` is boolean data but is compared with "yes", a text: this comparison never works: write `true` or `false` without quotes',
        },
        {
          messageId: 'wrongType',
          line: 22,
          column: 13,
          message: '`vip` is boolean data but is compared with 1, a number: this comparison never works',
        },
        {
          messageId: 'wrongType',
          line: 24,
          column: 13,
          message: '`email` is email data but is compared with 42, a number: this comparison never works',
        },
        {
          messageId: 'wrongType',
          line: 26,
          column: 13,
          message:
            '`plan` is choice data but is compared with true, true or false: this comparison never works',
        },
        {
          messageId: 'wrongType',
          line: 28,
          column: 13,
          message:
            '`amount` is number data but is compared with "2", a text: this comparison never works: write 2 without quotes',
        },
        {
          messageId: 'wrongType',
          line: 30,
          column: 13,
          message:
            '`amount` is number data but is compared with "10", a text: this comparison never works: write 10 without quotes',
        },
      ],
    },
    {
      name: 'a choice compared with a value it does not have',
      flow: BRANCH(DATA, ['plan == "premium"', 'plan in ["basic", "plsu"]', 'plan != "Plus"']),
      errors: [
        {
          messageId: 'notAValue',
          line: 18,
          column: 13,
          message: '"premium" is not one of the values of `plan` (basic, plus)',
        },
        {
          messageId: 'notAValue',
          line: 20,
          column: 13,
          message: '"plsu" is not one of the values of `plan` (basic, plus): did you mean "plus"?',
        },
        {
          messageId: 'notAValue',
          line: 22,
          column: 13,
          message: '"Plus" is not one of the values of `plan` (basic, plus): did you mean "plus"?',
        },
      ],
    },
    {
      name: 'built-ins typed: sentiment is a score, channel is chat, sms or voice',
      flow: BRANCH(DATA, ['sentiment == "negative"', 'turn > "3"', 'channel == "web"']),
      errors: [
        {
          messageId: 'wrongType',
          line: 18,
          column: 13,
          message:
            '`sentiment` is built-in number data but is compared with "negative", a text: this comparison never works: `sentiment` is a score from -1 to 1; to go by the label, use a route with `sentiment: negative`',
        },
        {
          messageId: 'wrongType',
          line: 20,
          column: 13,
          message:
            '`turn` is built-in number data but is compared with "3", a text: this comparison never works: write 3 without quotes',
        },
        {
          messageId: 'notAValue',
          line: 22,
          column: 13,
          message: '"web" is not one of the values of `channel` (chat, sms, voice)',
        },
      ],
    },
    {
      name: 'JSON Logic: an unknown operator, and a literal of the wrong type',
      flow: BRANCH(DATA, [
        '{"equals": [{"var": "plan"}, "basic"]}',
        '{"and": [{">": [{"var": "amount"}, "5"]}, {"!": {"var": "vip"}}]}',
      ]),
      errors: [
        {
          messageId: 'unknownOperator',
          line: 18,
          column: 13,
          message: 'unknown JSON Logic operator `equals`',
        },
        {
          messageId: 'wrongType',
          line: 20,
          column: 13,
          message:
            '`amount` is number data but is compared with "5", a text: this comparison never works: write 5 without quotes',
        },
      ],
    },
    {
      name: 'conditions in routes, flow handlers and global handlers',
      flow: `flow: main
data:
  amount:
    type: number
handlers:
  - if: amount == "ten"
    goto: done
steps:
  ask:
    ask: How much?
    collect: amount
    routes:
      - if: amount >
        goto: done
    next: done
  done:
    say: Thanks.
    end: resolved
`,
      config: `handlers:
  - if: turn == "many"
    goto: main/done
`,
      errors: [
        {
          messageId: 'wrongType',
          line: 6,
          column: 9,
          message: '`amount` is number data but is compared with "ten", a text: this comparison never works',
        },
        {
          messageId: 'parse',
          line: 13,
          column: 13,
          message: 'cannot parse `amount >`: Expected expression after >',
        },
        {
          messageId: 'wrongType',
          file: 'tact.config.yaml',
          line: 2,
          column: 9,
          message:
            '`turn` is built-in number data but is compared with "many", a text: this comparison never works',
        },
      ],
    },
  ],
});

testFixture(rule);
