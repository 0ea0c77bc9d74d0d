import rule from '../../src/rules/unknown-data.js';
import { type RuleCase, testRule } from '../helpers/rule-tester.js';
import { goodProject, testFixture } from './structure-projects.js';

const valid: RuleCase[] = [
  goodProject,
  {
    name: 'built-ins in conditions, JSON Logic, `discloses: all`, a placeholder of another flow',
    flow: `flow: main
data:
  plan:
    type: choice
    values: [basic, plus]
steps:
  info:
    say: We can talk about your plan.
    discloses: all
    next: route
  route:
    branch:
      - if: sentiment < -0.5 and turn > 3 and fallbacks >= 2 and channel == "sms"
        goto: bye
      - if: {"==": [{"var": "plan"}, "plus"]}
        goto: bye
      - else: bye
  bye:
    say: Your bill is {billing/amount} on the {plan} plan.
    end: resolved
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
data:
  amount:
    type: number
steps:
  ask_amount:
    ask: How much?
    collect: amount
    next: done
  done:
    say: Thanks.
    end: resolved
`,
    },
  },
  {
    name: 'the default fallback and global handlers may use data of any flow',
    flow: `flow: main
data:
  order_id:
    type: text
steps:
  ask:
    ask: Your order number?
    collect: order_id
    next: done
  done:
    say: Thanks.
    end: resolved
`,
    config: `fallback:
  say: Sorry, I still need your order number ({order_id}).
  then: main/done
handlers:
  - if: order_id == "AB123456"
    goto: main/done
`,
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'collect, sets and discloses name undeclared data',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send a receipt
steps:
  privacy:
    say: We use your email only to send the receipt.
    discloses: [emial]
    next: ask_email
  ask_email:
    ask: Your email?
    collect: e_mail
    next: check
  check:
    action: check_order
    sets: [order_status]
    next: done
  done:
    say: Thanks.
    end: resolved
`,
      errors: [
        {
          messageId: 'undeclared',
          line: 9,
          column: 17,
          message: '`emial` is not declared in the `data` of flow `main`: did you mean `email`?',
        },
        {
          messageId: 'undeclared',
          line: 13,
          column: 14,
          message: '`e_mail` is not declared in the `data` of flow `main`: did you mean `email`?',
        },
        {
          messageId: 'undeclared',
          line: 17,
          column: 12,
          message:
            '`order_status` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
      ],
    },
    {
      name: 'placeholders in every kind of message, at the position of their text',
      flow: `flow: main
data:
  name:
    type: text
steps:
  greet:
    say:
      - Hello {name}!
      - Welcome back, {nmae}.
    next: ask
  ask:
    ask:
      default: How can I help, {first_name}?
      negative: Sorry about that, {name}. What went wrong {when}?
    fallback:
      say: Sorry {customer}, I missed that.
    routes:
      - sentiment: negative
        goto: done
    next: done
  done:
    say: Bye {OrderId} and {first_name} and {first_name}.
    end: resolved
`,
      errors: [
        {
          messageId: 'undeclared',
          line: 9,
          column: 9,
          message: '`nmae` is not declared in the `data` of flow `main`: did you mean `name`?',
        },
        {
          messageId: 'undeclared',
          line: 13,
          column: 16,
          message:
            '`first_name` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
        {
          messageId: 'undeclared',
          line: 14,
          column: 17,
          message:
            '`when` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
        {
          messageId: 'undeclared',
          line: 16,
          column: 12,
          message:
            '`customer` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
        {
          messageId: 'undeclared',
          line: 22,
          column: 10,
          message:
            '`OrderId` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
        {
          messageId: 'undeclared',
          line: 22,
          column: 10,
          message:
            '`first_name` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
      ],
    },
    {
      name: 'conditions in branches, routes, handlers and JSON Logic',
      flow: `flow: main
data:
  amount:
    type: number
handlers:
  - if: vip == true
    goto: done
steps:
  ask:
    ask: How much?
    collect: amount
    routes:
      - if: ammount > 100
        goto: done
    next: decide
  decide:
    branch:
      - if: amount > 10 and tier == "gold"
        goto: done
      - if: {">": [{"var": "balance"}, 0]}
        goto: done
      - else: done
  done:
    say: Thanks.
    end: resolved
`,
      errors: [
        {
          messageId: 'undeclared',
          line: 6,
          column: 9,
          message:
            '`vip` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
        {
          messageId: 'undeclared',
          line: 13,
          column: 13,
          message: '`ammount` is not declared in the `data` of flow `main`: did you mean `amount`?',
        },
        {
          messageId: 'undeclared',
          line: 18,
          column: 13,
          message:
            '`tier` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
        {
          messageId: 'undeclared',
          line: 20,
          column: 13,
          message:
            '`balance` is not declared in the `data` of flow `main`: declare it under `data` with its type',
        },
      ],
    },
    {
      name: 'a placeholder of another flow that does not exist, or lacks the data',
      flow: `flow: main
steps:
  done:
    say: You owe {biling/amount}, due {billing/due_date}.
    end: resolved
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
data:
  amount:
    type: number
  due:
    type: date
steps:
  ask_amount:
    ask: How much?
    collect: amount
    next: done
  done:
    say: Thanks, due {due}.
    end: resolved
`,
      },
      errors: [
        {
          messageId: 'unknownFlow',
          line: 4,
          column: 10,
          message:
            '`biling/amount` names flow `biling`, which does not exist: did you mean `billing/amount`?',
        },
        {
          messageId: 'undeclared',
          line: 4,
          column: 10,
          message: '`billing/due_date` is not declared in the `data` of flow `billing`',
        },
      ],
    },
    {
      name: 'the default fallback and a global handler name data no flow declares',
      flow: `flow: main
steps:
  done:
    say: Thanks.
    end: resolved
`,
      config: `fallback:
  say: Sorry {customer_name}, I missed that.
  then: main/done
handlers:
  - if: vip == true
    goto: main/done
`,
      errors: [
        {
          messageId: 'undeclaredShared',
          file: 'tact.config.yaml',
          line: 2,
          column: 8,
          message: '`customer_name` is not declared in the `data` of any flow',
        },
        {
          messageId: 'undeclaredShared',
          file: 'tact.config.yaml',
          line: 5,
          column: 9,
          message: '`vip` is not declared in the `data` of any flow',
        },
      ],
    },
  ],
});

testFixture(rule);
