import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { defineRule } from '../../src/rules/define.js';
import rule from '../../src/rules/unknown-intent.js';
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
    name: 'shared intents from the config, built-in human, and another flow’s intent by `flow/name`',
    flow: `flow: main
handlers:
  - intent: human
    goto: agent
steps:
  ask:
    ask: How can I help?
    options:
      - label: Billing
        intent: billing/charge
        goto: agent
    routes:
      - intent: complaint
        goto: agent
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
    files: {
      'flows/billing.flow.yaml': `flow: billing
intents:
  charge:
    examples: [a charge on my card, I was billed twice]
steps:
  done:
    say: A person will help with billing.
    handoff: true
`,
    },
    config: `intents:
  complaint:
    examples: [I want to complain, this is unacceptable]
handlers:
  - intent: human
    goto: main/agent
`,
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a typo in a route, an option and a handler, with suggestions',
      flow: `flow: main
intents:
  damaged:
    examples: [it arrived broken]
handlers:
  - intent: humna
    goto: agent
steps:
  ask:
    ask: What happened?
    options:
      - label: It arrived broken
        intent: damagd
        goto: agent
    routes:
      - intent: damage
        goto: agent
      - intent: lost_parcel
        goto: agent
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
      errors: [
        { messageId: 'unknown', line: 6, column: 13, message: 'did you mean `human`?' },
        { messageId: 'unknown', line: 13, column: 17, message: 'did you mean `damaged`?' },
        { messageId: 'unknown', line: 16, column: 17, message: 'did you mean `damaged`?' },
        { messageId: 'unknown', line: 18, column: 17, message: 'no intent `lost_parcel`: declare it' },
      ],
    },
    {
      name: 'a flow-local intent of another flow is not visible without its flow name',
      flow: `flow: main
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: charge
        goto: agent
      - intent: billing/charges
        goto: agent
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
      files: {
        'flows/billing.flow.yaml': `flow: billing
intents:
  charge:
    examples: [a charge on my card]
steps:
  done:
    say: A person will help with billing.
    handoff: true
`,
      },
      errors: [
        { messageId: 'unknown', line: 6, column: 17, message: 'did you mean `billing/charge`?' },
        { messageId: 'unknown', line: 8, column: 17, message: 'did you mean `billing/charge`?' },
      ],
    },
    {
      name: 'a global handler on an intent nobody declares',
      flow: `flow: main
steps:
  agent:
    say: Connecting you with a person now.
    handoff: true
`,
      config: `handlers:
  - intent: complain
    goto: main/agent
`,
      errors: [{ messageId: 'unknown', file: 'tact.config.yaml', line: 2, column: 13 }],
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

it('finds what fixtures/unknown-intent/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/unknown-intent/', import.meta.url));
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

it('the bad example of docs/rules/unknown-intent.md is reported and the fixed one is not', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/unknown-intent.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
