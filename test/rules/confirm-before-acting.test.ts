import rule from '../../src/rules/confirm-before-acting.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'a confirmation right before; a lookup needs none',
      flow: `flow: main
steps:
  lookup:
    action: check_refund
    next: confirm
  confirm:
    ask: I'll cancel order AB123456 and refund you. Is that right?
    options:
      - {label: "Yes", goto: cancel}
      - {label: "No", goto: done}
    fallback: {then: done}
  cancel:
    action: cancel_order
    next: done
  done:
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: 'a payment taken straight after the amount, with no yes/no question',
      flow: `flow: main
data:
  amount: {type: number}
steps:
  ask_amount:
    ask: How much would you like to pay?
    collect: amount
    fallback: {then: done}
    next: pay
  pay:
    action: makePayment
    next: done
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'unconfirmed',
          line: 11,
          column: 13,
          path: ['main/ask_amount', 'main/pay'],
          message:
            'the bot runs `makePayment` at `pay`, which cannot be undone (payment), without the customer confirming first: ask a yes/no question right before it ("I\'ll … — is that right?") and run it only on "yes"',
        },
      ],
    },
  ],
});
