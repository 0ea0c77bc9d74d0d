import rule from '../../src/rules/bad-condition.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixtureAndDocs } from './structure-projects.js';

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
        { messageId: 'parse', line: 18, column: 13, message: 'write `==`' },
        { messageId: 'parse', line: 20, column: 13 },
        { messageId: 'parse', line: 22, column: 13, message: '`in` takes a list' },
        { messageId: 'parse', line: 24, column: 13, message: 'dotted names' },
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
        { messageId: 'wrongType', line: 18, column: 13, message: 'write 10 without quotes' },
        { messageId: 'wrongType', line: 20, column: 13, message: 'write `true` or `false` without quotes' },
        { messageId: 'wrongType', line: 22, column: 13 },
        { messageId: 'wrongType', line: 24, column: 13 },
        { messageId: 'wrongType', line: 26, column: 13 },
        { messageId: 'wrongType', line: 28, column: 13, message: '"2"' },
        { messageId: 'wrongType', line: 30, column: 13 },
      ],
    },
    {
      name: 'a choice compared with a value it does not have',
      flow: BRANCH(DATA, ['plan == "premium"', 'plan in ["basic", "plsu"]', 'plan != "Plus"']),
      errors: [
        { messageId: 'notAValue', line: 18, column: 13, message: '(basic, plus)' },
        { messageId: 'notAValue', line: 20, column: 13, message: 'did you mean "plus"?' },
        { messageId: 'notAValue', line: 22, column: 13, message: 'did you mean "plus"?' },
      ],
    },
    {
      name: 'built-ins typed: sentiment is a score, channel is chat, sms or voice',
      flow: BRANCH(DATA, ['sentiment == "negative"', 'turn > "3"', 'channel == "web"']),
      errors: [
        { messageId: 'wrongType', line: 18, column: 13, message: 'use a route with `sentiment: negative`' },
        { messageId: 'wrongType', line: 20, column: 13 },
        { messageId: 'notAValue', line: 22, column: 13, message: '(chat, sms, voice)' },
      ],
    },
    {
      name: 'JSON Logic: an unknown operator, and a literal of the wrong type',
      flow: BRANCH(DATA, [
        '{"equals": [{"var": "plan"}, "basic"]}',
        '{"and": [{">": [{"var": "amount"}, "5"]}, {"!": {"var": "vip"}}]}',
      ]),
      errors: [
        { messageId: 'unknownOperator', line: 18, column: 13 },
        { messageId: 'wrongType', line: 20, column: 13 },
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
        { messageId: 'wrongType', line: 6, column: 9 },
        { messageId: 'parse', line: 13, column: 13 },
        { messageId: 'wrongType', file: 'tact.config.yaml', line: 2, column: 9 },
      ],
    },
  ],
});

testFixtureAndDocs(rule, valid);
