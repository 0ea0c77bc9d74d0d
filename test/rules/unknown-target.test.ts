import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { defineRule } from '../../src/rules/define.js';
import rule from '../../src/rules/unknown-target.js';
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

const BILLING = `flow: billing
steps:
  ask_amount:
    ask: How much were you charged?
    next: done
  done:
    say: Thanks, a person will look at it.
    handoff: true
`;

const valid: RuleCase[] = [
  { name: 'a realistic refund flow', flow: GOOD },
  {
    name: 'targets in another flow, config entry, global handler and default fallback',
    flow: `flow: main
start: greet
steps:
  greet:
    say: Hi, I'm the Acme virtual assistant.
    next: billing/ask_amount
`,
    files: { 'flows/billing.flow.yaml': BILLING },
    config: `entry: main/greet
handlers:
  - intent: human
    goto: billing/done
fallback: {max: 2, then: billing/done}
`,
  },
  {
    name: 'entry naming a flow (its start)',
    flow: `flow: main
steps:
  greet:
    say: Hello.
    end: resolved
`,
    config: 'entry: main\n',
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'a typo in next, with a suggestion',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: ask_emial
  ask_email:
    ask: What's your email?
    next: bye
  bye:
    say: Bye.
    end: resolved
`,
      errors: [{ messageId: 'unknownStep', line: 5, column: 11, message: 'did you mean `ask_email`?' }],
    },
    {
      name: 'every kind of target in a flow',
      flow: `flow: main
start: begin
handlers:
  - intent: human
    goto: agent
steps:
  greet:
    say: Hi there.
    next: ask
  ask:
    ask: Yes or no?
    options:
      - label: "Yes"
        goto: yes_step
    routes:
      - sentiment: negative
        goto: sorry
    fallback:
      then: human_handoff
    next: choose
  choose:
    branch:
      - if: turn > 3
        goto: late
      - else: early
  done:
    say: Bye.
    end: resolved
`,
      errors: [
        { messageId: 'unknownStep', line: 2, column: 8 },
        { messageId: 'unknownStep', line: 5, column: 11 },
        { messageId: 'unknownStep', line: 14, column: 15 },
        { messageId: 'unknownStep', line: 17, column: 15 },
        { messageId: 'unknownStep', line: 19, column: 13 },
        { messageId: 'unknownStep', line: 24, column: 15 },
        { messageId: 'unknownStep', line: 25, column: 15 },
      ],
    },
    {
      name: 'another flow that does not exist, and a missing step of one that does',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: biling/ask_amount
  other:
    say: Hello again.
    next: billing/ask_amout
`,
      files: { 'flows/billing.flow.yaml': BILLING },
      errors: [
        {
          messageId: 'unknownFlow',
          line: 5,
          column: 11,
          message: 'names flow `biling`, which does not exist: did you mean `billing/ask_amount`?',
        },
        { messageId: 'unknownStep', line: 8, column: 11, message: 'did you mean `billing/ask_amount`?' },
      ],
    },
    {
      name: 'a flow id where a step is meant',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: billing
`,
      files: { 'flows/billing.flow.yaml': BILLING },
      errors: [{ messageId: 'unknownStep', line: 5, column: 11, message: 'write `billing/ask_amount`' }],
    },
    {
      name: 'config entry, global handler and default fallback',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    end: resolved
`,
      config: `entry: mian/greet
handlers:
  - intent: human
    goto: main/agent
fallback:
  then: support/handoff
`,
      errors: [
        { messageId: 'unknownFlow', file: 'tact.config.yaml', line: 1, column: 8, message: '`main/greet`' },
        { messageId: 'unknownStep', file: 'tact.config.yaml', line: 4, column: 11 },
        { messageId: 'unknownFlow', file: 'tact.config.yaml', line: 6, column: 9 },
      ],
    },
    {
      name: 'a global handler without the flow name',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    next: agent
  agent:
    say: Connecting you with a person.
    handoff: true
`,
      config: `handlers:
  - intent: human
    goto: agent
`,
      errors: [
        {
          messageId: 'unqualified',
          file: 'tact.config.yaml',
          line: 3,
          column: 11,
          message: 'did you mean `main/agent`?',
        },
      ],
    },
    {
      name: 'config entry naming a flow that does not exist',
      flow: `flow: main
steps:
  greet:
    say: Hi there.
    end: resolved
`,
      config: 'entry: man\n',
      errors: [{ messageId: 'unknownFlow', file: 'tact.config.yaml', line: 1, column: 8 }],
    },
    {
      name: 'an inherited default fallback is reported once, in the config',
      flow: `flow: main
steps:
  ask_a:
    ask: First?
    next: ask_b
  ask_b:
    ask: Second?
    fallback:
      max: 1
    next: done
  done:
    say: Bye.
    end: resolved
`,
      config: 'fallback: {then: main/agent}\n',
      errors: [{ messageId: 'unknownStep', file: 'tact.config.yaml', line: 1, column: 18 }],
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

it('finds what fixtures/unknown-target/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/unknown-target/', import.meta.url));
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

it('the bad example of docs/rules/unknown-target.md is reported and the fixed one is not', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/unknown-target.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
