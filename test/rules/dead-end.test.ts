import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import rule from '../../src/rules/dead-end.js';
import { defineRule } from '../../src/rules/define.js';
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
    name: 'a loop that asks the customer, and a talking loop with a way out',
    flow: `flow: main
data:
  tries:
    type: number
steps:
  ask:
    ask: Shall I try again?
    options:
      - label: "Yes"
        goto: retry
      - label: "No"
        goto: bye
  retry:
    action: retry_payment
    sets: [tries]
    next: check
  check:
    branch:
      - if: tries < 3
        goto: retry
      - else: bye
  bye:
    say: Thanks for your patience.
    end: resolved
`,
  },
  {
    name: 'an ask step with only routes, or only options, waits for a reply that moves on',
    flow: `flow: main
steps:
  ask:
    ask: Is it about billing?
    routes:
      - sentiment: negative
        goto: agent
    fallback:
      then: agent
  agent:
    say: Let me get you a person.
    handoff: true
`,
  },
  {
    name: 'a step nothing reaches is left to unreachable-step',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
  orphan:
    say: Nobody gets here.
`,
  },
  {
    name: 'a next to a step that does not exist is left to unknown-target',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    next: nowhere
`,
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a message step without next, with the path from the entry',
      flow: `flow: main
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    next: ask_order
  ask_order:
    ask: What's your order number?
    options:
      - label: I don't have it
        goto: sorry
    next: found
  sorry:
    say: No problem, I'll look it up another way.
  found:
    say: Found it.
    end: resolved
`,
      errors: [
        { messageId: 'noNext', line: 12, column: 3, path: ['main/greet', 'main/ask_order', 'main/sorry'] },
      ],
    },
    {
      name: 'an action step without next, in another flow',
      flow: `flow: main
steps:
  greet:
    say: Hello.
    next: billing/charge
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
steps:
  charge:
    action: charge_card
`,
      },
      config: 'entry: main/greet\n',
      errors: [
        {
          messageId: 'noNext',
          file: 'flows/billing.flow.yaml',
          line: 3,
          column: 3,
          path: ['main/greet', 'billing/charge'],
          message: 'action step `charge` has no `next`',
        },
      ],
    },
    {
      name: 'an ask step that collects but has no next, and one with no way on at all',
      flow: `flow: main
data:
  email:
    type: email
    purpose: to send a receipt
steps:
  ask_email:
    ask: What's your email?
    collect: email
    routes:
      - sentiment: negative
        goto: ask_anything
  ask_anything:
    ask: Anything else?
    fallback:
      then: bye
  bye:
    say: Bye.
    end: resolved
`,
      errors: [
        { messageId: 'collectNoNext', line: 7, column: 3, path: ['main/ask_email'] },
        { messageId: 'askNowhere', line: 13, column: 3, path: ['main/ask_email', 'main/ask_anything'] },
      ],
    },
    {
      name: 'a loop of messages and a branch with no way out',
      flow: `flow: main
steps:
  greet:
    say: Hello.
    next: explain
  explain:
    say: Here is how refunds work.
    next: check
  check:
    branch:
      - if: turn > 2
        goto: explain
      - else: repeat
  repeat:
    say: Let me say that again.
    next: explain
`,
      errors: [
        {
          messageId: 'loop',
          line: 6,
          column: 3,
          path: ['main/greet', 'main/explain'],
          message: 'steps explain → check → explain go round',
        },
      ],
    },
    {
      name: 'a step that leads to itself',
      flow: `flow: main
steps:
  wait:
    say: Please hold.
    next: wait
`,
      errors: [{ messageId: 'loop', line: 3, column: 3, path: ['main/wait'], message: 'wait → wait' }],
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

it('finds what fixtures/dead-end/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/dead-end/', import.meta.url));
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

it('the bad example of docs/rules/dead-end.md is reported and the fixed one is not', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/rules/dead-end.md', import.meta.url)), 'utf8');
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
