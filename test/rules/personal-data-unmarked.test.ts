import { describe, expect, it } from 'vitest';
import rule, { personalByName } from '../../src/rules/personal-data-unmarked.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'identifiers of orders and bookings, categories and flags are not personal',
      flow: `flow: main
data:
  order_id: {type: text}
  booking_ref: {type: text}
  card_type:
    type: choice
    values: [visa, mastercard]
  account_type:
    type: choice
    values: [personal, business]
  email_opt_in: {type: boolean}
  has_card: {type: boolean}
  product_name: {type: text}
  delivery_date: {type: date}
  address_count: {type: number}
steps:
  done:
    end: resolved
`,
    },
    {
      name: 'personal data marked personal, or implied by its type',
      flow: `flow: main
data:
  full_name:
    type: text
    personal: true
    purpose: to address you by name
  email:
    type: email
    purpose: to send your receipt
  date_of_birth:
    type: date
    purpose: to check your age
steps:
  done:
    end: resolved
`,
    },
    {
      name: 'option ignore silences a name',
      options: { ignore: ['shop_address'] },
      flow: `flow: main
data:
  shop_address: {type: text}
steps:
  done:
    end: resolved
`,
    },
  ],
  invalid: [
    {
      name: 'personal by type but marked `personal: false`',
      flow: `flow: main
data:
  email:
    type: email
    personal: false
  dob:
    type: date
    personal: false
steps:
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'markedFalse',
          line: 3,
          column: 3,
          message:
            '`email` looks like personal data (its type is `email`) but is marked `personal: false`: mark it `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'markedFalse',
          line: 6,
          column: 3,
          message:
            '`dob` looks like personal data (a birth date) but is marked `personal: false`: mark it `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
      ],
    },
    {
      name: 'personal by name but not marked',
      flow: `flow: main
data:
  full_name: {type: text}
  postcode: {type: text}
  card_last4: {type: text, pattern: "[0-9]{4}"}
  account_number: {type: text}
  iban: {type: text}
  passport_no: {type: text}
  social_security_number: {type: text}
  mobileNumber: {type: text}
  first_name:
    type: text
    personal: false
steps:
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'unmarked',
          line: 3,
          column: 3,
          message:
            '`full_name` looks like personal data (a name) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 4,
          column: 3,
          message:
            '`postcode` looks like personal data (an address) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 5,
          column: 3,
          message:
            '`card_last4` looks like personal data (a payment card) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 6,
          column: 3,
          message:
            '`account_number` looks like personal data (an account number) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 7,
          column: 3,
          message:
            '`iban` looks like personal data (a bank account) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 8,
          column: 3,
          message:
            '`passport_no` looks like personal data (a passport number) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 9,
          column: 3,
          message:
            '`social_security_number` looks like personal data (a social security number) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'unmarked',
          line: 10,
          column: 3,
          message:
            '`mobileNumber` looks like personal data (a phone number) but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
        {
          messageId: 'markedFalse',
          line: 11,
          column: 3,
          message:
            '`first_name` looks like personal data (a name) but is marked `personal: false`: mark it `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
      ],
    },
    {
      name: 'option names adds words',
      options: { names: ['loyalty'] },
      flow: `flow: main
data:
  loyalty_no: {type: text}
steps:
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'unmarked',
          line: 3,
          column: 3,
          message:
            '`loyalty_no` looks like personal data ("loyalty") but is not marked personal: add `personal: true` (then give it a `purpose` and disclose it before asking)',
        },
      ],
    },
  ],
});

describe('personalByName', () => {
  it('tells personal names from look-alikes', () => {
    for (const n of [
      'name',
      'last_name',
      'customerName',
      'home_address',
      'zip_code',
      'tax_id',
      'driving_licence',
      'e_mail',
    ])
      expect(personalByName(n), n).toBeDefined();
    for (const n of [
      'order_id',
      'booking_ref',
      'card_type',
      'account_type',
      'product_name',
      'file_name',
      'licence_type',
    ])
      expect(personalByName(n), n).toBeUndefined();
  });
});
