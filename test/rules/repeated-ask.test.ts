import rule from '../../src/rules/repeated-ask.js';
import { testRule } from '../helpers/rule-tester.js';
import { goodProject } from './empathy-projects.js';

const twoFlows = {
  config: 'entry: main/ask_order\n',
  files: {
    'flows/main.flow.yaml': `flow: main
data:
  order_id: {type: text}
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: menu
  menu:
    ask: What would you like to do with it?
    options:
      - label: Return it
        goto: returns/start
`,
    'flows/returns.flow.yaml': `flow: returns
data:
  order_id: {type: text}
steps:
  start:
    say: Let's start your return.
    next: ask_order
  ask_order:
    ask: What's the order number?
    collect: order_id
    next: done
  done:
    end: resolved
`,
  },
};

const cancelAndRestart = (handler: string, intents: string) => `flow: main
data:
  city: {type: text}
  day: {type: date}
  seat: {type: choice, values: [window, aisle]}
intents:
${intents}
handlers:
${handler}
steps:
  menu:
    ask: What would you like to do?
    options:
      - label: Book a trip
        goto: ask_city
  ask_city:
    ask: Which city?
    collect: city
    next: ask_day
  ask_day:
    ask: Which day?
    collect: day
    next: ask_seat
  ask_seat:
    ask: Window or aisle?
    collect: seat
    next: booked
  booked:
    say: Booked for {city} on {day}.
    end: resolved
  cancelled:
    say: OK, I've dropped that.
    next: menu
`;

testRule(rule, {
  valid: [
    goodProject,
    {
      name: 'asked again after the customer cancelled and started again',
      flow: cancelAndRestart(
        '  - intent: stop_booking\n    goto: cancelled',
        '  stop_booking: {examples: [cancel, quit, never mind]}',
      ),
    },
    {
      name: 'an intent named for starting over',
      flow: cancelAndRestart(
        '  - intent: start_over\n    goto: cancelled',
        '  start_over: {examples: [from the top]}',
      ),
    },
    {
      name: 'a confirm-and-correct loop reads the value back before asking again',
      flow: `flow: main
data:
  email: {type: email, purpose: to send your receipt}
  correct: {type: boolean}
steps:
  ask_email:
    ask: What's your email?
    collect: email
    next: confirm
  confirm:
    ask: Is {email} right?
    collect: correct
    next: decide
  decide:
    branch:
      - if: correct == false
        goto: ask_email
      - else: done
  done:
    end: resolved
`,
    },
    {
      name: 'asking again after a failed lookup, a chosen option, or an intent to change it',
      flow: `flow: main
data:
  order_id: {type: text}
  found: {type: boolean}
intents:
  change_order:
    examples: [wrong order number, I gave the wrong number]
steps:
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: lookup
  lookup:
    action: find_order
    sets: [found]
    next: decide
  decide:
    branch:
      - if: found == true
        goto: more
      - else: ask_order
  more:
    ask: Anything else?
    routes:
      - intent: change_order
        goto: ask_order
    options:
      - label: Check another order
        goto: ask_order
      - label: No
        goto: done
  done:
    end: resolved
`,
    },
    {
      name: 'across_flows off: the same name in two flows is two things',
      options: { across_flows: false },
      ...twoFlows,
    },
  ],
  invalid: [
    {
      name: 'an intent that does a task ("cancel my order") is not a way out of this one',
      flow: cancelAndRestart(
        '  - intent: cancel_order\n    goto: cancelled',
        '  cancel_order: {examples: [cancel my order, I want to cancel the order]}',
      ),
      errors: [
        {
          messageId: 'repeated',
          line: 23,
          column: 14,
          path: [
            'main/menu',
            'main/ask_city',
            'main/ask_day',
            'main/ask_seat',
            'main/cancelled',
            'main/menu',
            'main/ask_city',
            'main/ask_day',
          ],
          message:
            'the customer can be asked for `day` again at `ask_day` after giving it at `ask_day`: skip the question when it is known, or read the value back and ask only if it is wrong',
        },
      ],
    },
    {
      name: 'the calm-down handler sends an upset customer back to the first question',
      flow: `flow: main
data:
  order_id: {type: text}
  email: {type: email, purpose: to send your receipt}
handlers:
  - sentiment: very_negative
    goto: calm_down
steps:
  greet:
    say: Hi, I'm Acme's virtual assistant.
    next: ask_order
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: privacy
  privacy:
    say: We use your email only for your receipt.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What's your email?
    collect: email
    next: check
  check:
    action: check_refund
    next: done
  calm_down:
    say: I'm really sorry this has been frustrating.
    next: ask_order
  done:
    end: resolved
`,
      errors: [
        {
          messageId: 'repeated',
          line: 14,
          column: 14,
          path: [
            'main/greet',
            'main/ask_order',
            'main/privacy',
            'main/ask_email',
            'main/calm_down',
            'main/ask_order',
          ],
          message:
            'the customer can be asked for `order_id` again at `ask_order` after giving it at `ask_order`: skip the question when it is known, or read the value back and ask only if it is wrong',
        },
      ],
    },
    {
      name: 'a second flow asks again for what the first flow collected',
      ...twoFlows,
      errors: [
        {
          messageId: 'repeated',
          file: 'flows/returns.flow.yaml',
          line: 10,
          column: 14,
          path: ['main/ask_order', 'main/menu', 'returns/start', 'returns/ask_order'],
          message:
            'the customer can be asked for `order_id` again at `ask_order` after giving it at `main/ask_order`: skip the question when it is known, or read the value back and ask only if it is wrong',
        },
      ],
    },
  ],
});
