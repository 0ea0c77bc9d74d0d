import rule from '../../src/rules/unused-data.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'data used by collect, sets, a condition, JSON Logic, a placeholder, another flow and the config',
    flow: `flow: main
data:
  email:
    type: email
    purpose: to send a receipt
  eligible:
    type: boolean
  amount:
    type: number
  plan:
    type: choice
    values: [basic, plus]
  note:
    type: text
  code:
    type: text
steps:
  ask:
    ask: Your email?
    collect: email
    next: check
  check:
    action: check_refund
    sets: [eligible]
    next: decide
  decide:
    branch:
      - if: amount > 10
        goto: done
      - if: {"==": [{"var": "plan"}, "plus"]}
        goto: done
      - else: done
  done:
    say: Thanks, we noted {note}.
    end: resolved
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    say: Your code is {main/code}.
    end: resolved
`,
    },
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'data nothing uses, and data only disclosed',
      flow: `flow: main
data:
  delivery_date:
    type: date
  phone:
    type: phone
    purpose: to call you back
  order_id:
    type: text
steps:
  privacy:
    say: We use your phone number only to call you back.
    discloses: [phone]
    next: ask
  ask:
    ask: Your order number?
    collect: order_id
    next: done
  done:
    say: Thanks.
    end: resolved
`,
      errors: [
        {
          messageId: 'unused',
          line: 3,
          column: 3,
          message: 'data `delivery_date` is never collected, set or read: remove it, or use it',
        },
        {
          messageId: 'unused',
          line: 5,
          column: 3,
          message: 'data `phone` is never collected, set or read: remove it, or use it',
        },
      ],
    },
  ],
});

testFixture(rule);
