import rule from '../../src/rules/data-purpose.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'personal data with a purpose, and data that is not personal without one',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send your receipt
    retention: 30 days
  order_id:
    type: text
  delivery_date:
    type: date
  work_phone:
    type: phone
    personal: false
steps:
  done:
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: 'personal by type, by `personal: true`, by `sensitive`, and an empty purpose',
      flow: `flow: main
data:
  email:
    type: email
  card_last4:
    type: text
    personal: true
  health_note:
    type: text
    sensitive: true
  date_of_birth:
    type: date
    purpose: "  "
steps:
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'noPurpose',
          line: 3,
          column: 3,
          message:
            'personal data `email` has no `purpose`: write why it is needed (e.g. `purpose: to send your refund confirmation`)',
        },
        {
          messageId: 'noPurpose',
          line: 5,
          column: 3,
          message:
            'personal data `card_last4` has no `purpose`: write why it is needed (e.g. `purpose: to send your refund confirmation`)',
        },
        {
          messageId: 'noPurpose',
          line: 8,
          column: 3,
          message:
            'personal data `health_note` has no `purpose`: write why it is needed (e.g. `purpose: to send your refund confirmation`)',
        },
        {
          messageId: 'noPurpose',
          line: 11,
          column: 3,
          message:
            'personal data `date_of_birth` has no `purpose`: write why it is needed (e.g. `purpose: to send your refund confirmation`)',
        },
      ],
    },
    {
      name: 'in a second flow of a project',
      config: 'entry: main/start\n',
      files: {
        'flows/main.flow.yaml': `flow: main
steps:
  start:
    say: Hi, I'm Acme's virtual assistant.
    next: billing/ask_phone
`,
        'flows/billing.flow.yaml': `flow: billing
data:
  phone:
    type: phone
steps:
  ask_phone:
    ask: What's your phone number?
    collect: phone
    next: done
  done:
    end: resolved
`,
      },
      errors: [
        {
          messageId: 'noPurpose',
          file: 'flows/billing.flow.yaml',
          line: 3,
          column: 3,
          message:
            'personal data `phone` has no `purpose`: write why it is needed (e.g. `purpose: to send your refund confirmation`)',
        },
      ],
    },
  ],
});
