import rule from '../../src/rules/data-disclosure.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'the collecting step itself says how the data is used',
      flow: `flow: main
data:
  phone:
    type: phone
    purpose: to call you back
steps:
  ask_phone:
    ask: What number can we call you back on? We use it only for this call back.
    discloses: [phone]
    collect: phone
    next: done
  done:
    end: resolved
`,
    },
    {
      name: '`discloses: all` early in another flow covers data collected later',
      config: 'entry: main/greet\n',
      files: {
        'flows/main.flow.yaml': `flow: main
steps:
  greet:
    say: Hi, I'm Acme's virtual assistant. Anything you tell me is used only to help you today.
    discloses: all
    next: billing/ask_email
`,
        'flows/billing.flow.yaml': `flow: billing
data:
  email:
    type: email
    purpose: to send your invoice
steps:
  ask_email:
    ask: What email should the invoice go to?
    collect: email
    next: done
  done:
    end: resolved
`,
      },
    },
    {
      name: 'every path passes a disclosure (two branches, each disclosing)',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send your receipt
steps:
  menu:
    ask: Receipt or refund?
    options:
      - label: Receipt
        goto: receipt_privacy
      - label: Refund
        goto: refund_privacy
  receipt_privacy:
    say: I'll email your receipt. We use your email only for that.
    discloses: [email]
    next: ask_email
  refund_privacy:
    say: I'll email your refund confirmation, and use your email for nothing else.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What's your email?
    collect: email
    next: done
  done:
    end: resolved
`,
    },
    {
      name: 'data that is not personal needs no disclosure',
      flow: `flow: main
data:
  order_id:
    type: text
  contact_email:
    type: email
    personal: false
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: ask_shop_email
  ask_shop_email:
    ask: Which of our shop addresses did you write to?
    collect: contact_email
    next: done
  done:
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: 'a "skip" option bypasses the privacy message',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send your receipt
steps:
  menu:
    ask: Shall I email you a receipt?
    options:
      - label: Yes, tell me more
        goto: privacy
      - label: Yes, just do it
        goto: ask_email
  privacy:
    say: We use your email only to send this receipt, and delete it after 30 days.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What's your email?
    collect: email
    next: done
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'undisclosed',
          line: 20,
          column: 14,
          path: ['main/menu', 'main/ask_email'],
          message:
            'the customer can be asked for `email` at `ask_email` without being told how it will be used: add a step with `discloses: [email]` before it (or on it)',
        },
      ],
    },
    {
      name: 'the disclosure comes after the question, across flows; a birth date is personal by type',
      config: 'entry: main/greet\n',
      files: {
        'flows/main.flow.yaml': `flow: main
steps:
  greet:
    say: Hi, I'm Acme's virtual assistant.
    next: id/ask_dob
`,
        'flows/id.flow.yaml': `flow: id
data:
  date_of_birth:
    type: date
    purpose: to check it's you
steps:
  ask_dob:
    ask: What's your date of birth?
    collect: date_of_birth
    next: privacy
  privacy:
    say: We use your date of birth only to check it's you.
    discloses: [date_of_birth]
    next: done
  done:
    end: resolved
`,
      },
      errors: [
        {
          messageId: 'undisclosed',
          file: 'flows/id.flow.yaml',
          line: 9,
          column: 14,
          path: ['main/greet', 'id/ask_dob'],
          message:
            'the customer can be asked for `date_of_birth` at `ask_dob` without being told how it will be used: add a step with `discloses: [date_of_birth]` before it (or on it)',
        },
      ],
    },
    {
      name: 'disclosing other data does not count',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send your receipt
  phone:
    type: phone
    purpose: to text you
steps:
  privacy:
    say: We use your email only to send this receipt.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What's your email?
    collect: email
    next: ask_phone
  ask_phone:
    ask: And your phone number?
    collect: phone
    next: done
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'undisclosed',
          line: 20,
          column: 14,
          path: ['main/privacy', 'main/ask_email', 'main/ask_phone'],
          message:
            'the customer can be asked for `phone` at `ask_phone` without being told how it will be used: add a step with `discloses: [phone]` before it (or on it)',
        },
      ],
    },
  ],
});
