import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { defineRule } from '../../src/rules/define.js';
import rule from '../../src/rules/unused-data.js';
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
    name: 'data used by collect, sets, a condition, JSON Logic, a placeholder, another flow and the config',
    flow: `flow: main
data:
  email:
    type: email
    purpose: to send a receipt
  eligible:
    type: boolean
  amount:
    type: number
  plan:
    type: choice
    values: [basic, plus]
  note:
    type: text
  code:
    type: text
steps:
  ask:
    ask: Your email?
    collect: email
    next: check
  check:
    action: check_refund
    sets: [eligible]
    next: decide
  decide:
    branch:
      - if: amount > 10
        goto: done
      - if: {"==": [{"var": "plan"}, "plus"]}
        goto: done
      - else: done
  done:
    say: Thanks, we noted {note}.
    end: resolved
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
steps:
  start:
    say: Your code is {main/code}.
    end: resolved
`,
    },
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'data nothing uses, and data only disclosed',
      flow: `flow: main
data:
  delivery_date:
    type: date
  phone:
    type: phone
    purpose: to call you back
  order_id:
    type: text
steps:
  privacy:
    say: We use your phone number only to call you back.
    discloses: [phone]
    next: ask
  ask:
    ask: Your order number?
    collect: order_id
    next: done
  done:
    say: Thanks.
    end: resolved
`,
      errors: [
        { messageId: 'unused', line: 3, column: 3, message: '`delivery_date`' },
        { messageId: 'unused', line: 5, column: 3, message: '`phone`' },
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

it('finds what fixtures/unused-data/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/unused-data/', import.meta.url));
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

it('the bad example of docs/rules/unused-data.md is reported and the fixed one is not', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/unused-data.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
