import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { defineRule } from '../../src/rules/define.js';
import rule from '../../src/rules/unknown-data.js';
import { type RuleCase, runRule, testRule } from '../helpers/rule-tester.js';

interface Expected {
  rule: string;
  file: string;
  line: number;
  column: number;
}

const GOOD = `flow: refund
title: Refund a damaged or late order
data:
  order_id:
    type: text
    pattern: "^[A-Z]{2}[0-9]{6}$"
  email:
    type: email
    purpose: to send your refund confirmation
    retention: 30 days
  reason:
    type: choice
    values: [damaged, late]
  refund_eligible:
    type: boolean
  amount:
    type: number
intents:
  damaged:
    examples: [it arrived broken, the box was crushed]
  bereavement:
    sensitive: true
    examples: [my husband passed away, the account holder died]
handlers:
  - intent: human
    goto: handoff
  - intent: bereavement
    goto: handoff
  - sentiment: very_negative
    goto: calm_down
steps:
  greet:
    say: Hi, I'm Ava, Acme's virtual assistant. I can help with refunds, or connect you with a person at any time.
    next: ask_reason
  ask_reason:
    ask: What went wrong with your order?
    collect: reason
    options:
      - label: It arrived damaged
        intent: damaged
        goto: ask_order
      - label: It came late
        goto: ask_order
    fallback:
      say: Sorry, I didn't catch that. Was it damaged or late?
      then: handoff
    next: ask_order
  ask_order:
    ask: What's your order number? It looks like AB123456.
    collect: order_id
    fallback:
      say: Sorry, I couldn't find an order number in that. It's two letters and six digits.
      max: 2
      then: handoff
    next: privacy
  privacy:
    say: I'll need your email to send the confirmation. We use it only for this refund and delete it after 30 days.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What email should I send the confirmation to?
    collect: email
    fallback:
      then: handoff
    next: check
  check:
    action: check_refund
    sets: [refund_eligible, amount]
    next: decide
  decide:
    branch:
      - if: refund_eligible == true and amount > 0 and reason in ["damaged", "late"]
        goto: confirm
      - if: turn > 10 or sentiment < -0.5
        goto: handoff
      - else: not_eligible
  not_eligible:
    say: I'm sorry, order {order_id} isn't eligible for an automatic refund. Let me get you someone who can look at it.
    next: handoff
  calm_down:
    say: I'm really sorry this has been so frustrating. I can connect you with a person right now, or we can keep going here.
    tone: empathetic
    next: ask_order
  confirm:
    say:
      default: Done! Your refund of {amount} is on its way to {email}.
      negative: I'm sorry for the trouble this caused. Your refund of {amount} is on its way to {email}.
    end: resolved
  handoff:
    say: I'm connecting you with our refunds team now. They'll see this conversation, so you won't need to repeat yourself.
    handoff:
      queue: refunds
`;

const valid: RuleCase[] = [
  { name: 'a realistic refund flow', flow: GOOD },
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
        { messageId: 'undeclared', line: 9, column: 17, message: 'did you mean `email`?' },
        { messageId: 'undeclared', line: 13, column: 14, message: 'did you mean `email`?' },
        { messageId: 'undeclared', line: 17, column: 12, message: '`order_status` is not declared' },
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
        { messageId: 'undeclared', line: 9, column: 9, message: 'did you mean `name`?' },
        { messageId: 'undeclared', line: 13, column: 16 },
        { messageId: 'undeclared', line: 14, column: 17 },
        { messageId: 'undeclared', line: 16, column: 12 },
        { messageId: 'undeclared', line: 22, column: 10, message: '`OrderId`' },
        { messageId: 'undeclared', line: 22, column: 10, message: '`first_name`' },
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
        { messageId: 'undeclared', line: 6, column: 9 },
        { messageId: 'undeclared', line: 13, column: 13, message: 'did you mean `amount`?' },
        { messageId: 'undeclared', line: 18, column: 13, message: '`tier`' },
        { messageId: 'undeclared', line: 20, column: 13, message: '`balance`' },
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
        { messageId: 'unknownFlow', line: 4, column: 10, message: 'did you mean `billing/amount`?' },
        { messageId: 'undeclared', line: 4, column: 10, message: '`billing/due_date`' },
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
        { messageId: 'undeclaredShared', file: 'tact.config.yaml', line: 2, column: 8 },
        { messageId: 'undeclaredShared', file: 'tact.config.yaml', line: 5, column: 9 },
      ],
    },
  ],
});

/** Every problem the loader found (yaml, schema): a valid case must have none, or it proves nothing. */
const loadProblems = defineRule({
  id: 'load-problems',
  category: 'structure',
  severity: 'error',
  description: 'the loader’s problems',
  messages: { problem: '{message}' },
  check: (project) =>
    project.problems.map((p) => ({ messageId: 'problem', data: { message: p.message }, at: p.pos })),
});

it.each(valid.map((c) => [c.name, c] as const))('valid case loads without problems: %s', (_, c) => {
  expect(runRule(loadProblems, c)).toEqual([]);
});

it('finds what fixtures/unknown-data/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/unknown-data/', import.meta.url));
  const expected = (JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected[]).filter(
    (e) => e.rule === rule.meta.id,
  );
  const got = rule.check(loadProject([dir], { cwd: dir }), {}).map((r) => ({
    rule: rule.meta.id,
    file: r.at.file,
    line: r.at.line,
    column: r.at.column,
  }));
  expect(expected.length).toBeGreaterThan(0);
  expect(got).toEqual(expect.arrayContaining(expected));
});

it('the bad example of docs/rules/unknown-data.md is reported and the fixed one is not', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/unknown-data.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
