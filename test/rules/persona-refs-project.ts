// The small orders project that the persona-refs table test and the check of
// docs/rules/persona-refs.md (test/docs/rule-pages.test.ts) give their personas: data the bot
// collects (order_id) and sets (shipped), and an action (find_order).

export const config = `entry: orders/greet
handlers:
  - intent: human
    goto: orders/handoff
`;

export const flow = `flow: orders
data:
  order_id:
    type: text
  shipped:
    type: boolean
steps:
  greet:
    say: Hi, I'm Sam, a virtual assistant.
    next: ask_order
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: lookup
  lookup:
    action: find_order
    sets: [shipped]
    next: decide
  decide:
    branch:
      - if: shipped == true
        goto: done
      - else: handoff
  done:
    say: It's on its way.
    end: resolved
  handoff:
    say: Connecting you with a person.
    handoff: true
`;
