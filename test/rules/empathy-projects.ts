import type { RuleCase } from '../helpers/rule-tester.js';

/**
 * A realistic good project for the empathy rules: three flows, a config with an entry, a global
 * human handler and a default fallback. Every empathy rule must stay silent on it.
 */
export const goodProject: RuleCase = {
  name: 'a realistic good project: 3 flows, global handlers, default fallback',
  config: `bot: {name: Ava, company: Acme}
entry: main/greet
intents:
  bereavement:
    sensitive: true
    examples: [my husband passed away, the account holder died]
handlers:
  - intent: human
    goto: support/handoff
  - intent: bereavement
    goto: support/condolences
fallback:
  say: Sorry, I didn't catch that. Could you say it another way?
  max: 2
  then: support/handoff
`,
  files: {
    'flows/main.flow.yaml': `flow: main
steps:
  greet:
    say: Hi, I'm Ava, Acme's virtual assistant. You can ask for a person at any time.
    next: menu
  menu:
    ask: What can I help you with today?
    options:
      - label: Where is my order?
        goto: orders/start
      - label: Talk to a person
        intent: human
        goto: support/handoff
    routes:
      - sentiment: very_negative
        goto: sorry
  sorry:
    say: I'm really sorry this has been hard. I can get you a person right now.
    tone: empathetic
    next: person_or_bot
  person_or_bot:
    ask: Would you like to talk to a person?
    options:
      - label: Yes please
        goto: support/handoff
      - label: No thanks
        goto: menu
  anything_else:
    ask: Is there anything else I can help with?
    options:
      - label: Yes
        goto: menu
      - label: "No"
        goto: bye
      - label: Talk to a person
        goto: support/handoff
  bye:
    say: Thanks for chatting with Acme. Have a good day!
    end: resolved
`,
    'flows/orders.flow.yaml': `flow: orders
data:
  order_id:
    type: text
    pattern: "[A-Z]{2}[0-9]{6}"
  email:
    type: email
    purpose: to send you tracking updates
  order_found:
    type: boolean
handlers:
  - sentiment: very_negative
    goto: main/sorry
steps:
  start:
    ask: What's your order number? It looks like AB123456.
    collect: order_id
    fallback:
      say: That doesn't look like an order number. It's two letters and six digits.
      max: 2
      then: support/handoff
    next: lookup
  lookup:
    action: find_order
    sets: [order_found]
    next: found
  found:
    branch:
      - if: order_found == true
        goto: privacy
      - else: not_found
  not_found:
    ask: I couldn't find order {order_id}. What would you like to do?
    options:
      - label: Try again
        goto: start
      - label: Talk to a person
        goto: support/handoff
  privacy:
    say: I can send tracking updates by email. We use your email only for this order and delete it after 30 days.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What email should I send updates to?
    collect: email
    next: done
  done:
    say: Done! Tracking updates for {order_id} will go to {email}.
    next: main/anything_else
`,
    'flows/support.flow.yaml': `flow: support
steps:
  condolences:
    say: I'm so sorry for your loss. I'm connecting you with someone who can help with care.
    next: handoff
  handoff:
    say: I'm connecting you with someone from our team now. They'll see this chat.
    handoff:
      queue: general
`,
  },
};
