import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { defineRule } from '../../src/rules/define.js';
import rule from '../../src/rules/unreachable-step.js';
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
    name: 'steps reached through options, routes, handlers, fallbacks and other flows',
    flow: `flow: main
handlers:
  - sentiment: very_negative
    goto: calm
steps:
  ask:
    ask: Billing or something else?
    options:
      - label: Billing
        goto: billing/start
    routes:
      - intent: human
        goto: agent
    fallback:
      then: sorry
  calm:
    say: I'm sorry this has been frustrating.
    next: agent
  sorry:
    say: Sorry, I couldn't follow.
    next: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    say: Let's look at your bill.
    end: resolved
`,
    },
    config: 'entry: main/ask\n',
  },
  {
    name: 'without an entry, each flow’s start is a root',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
start: open
steps:
  close:
    say: Bye.
    end: resolved
  open:
    say: Billing here.
    next: close
`,
    },
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a step nothing links to, and the steps only it leads to',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    end: resolved
  delayed:
    say: Your order is running late.
    next: offer
  offer:
    say: Here is a discount code.
    end: resolved
`,
      errors: [
        { messageId: 'unreachable', line: 6, column: 3, message: 'from `main/greet`' },
        { messageId: 'unreachable', line: 9, column: 3 },
      ],
    },
    {
      name: 'with an entry, a flow nothing leads to is unreachable',
      flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    say: Billing here.
    end: resolved
`,
      },
      config: 'entry: main\n',
      errors: [{ messageId: 'unreachable', file: 'flows/billing.flow.yaml', line: 3, column: 3 }],
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

it('finds what fixtures/unreachable-step/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/unreachable-step/', import.meta.url));
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

it('the bad example of docs/rules/unreachable-step.md is reported and the fixed one is not', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/unreachable-step.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
