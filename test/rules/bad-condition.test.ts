import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import rule from '../../src/rules/bad-condition.js';
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

const BRANCH = (data: string, cases: string[]) => `flow: main
data:
${data}
steps:
  decide:
    branch:
${cases.map((c) => `      - if: ${c}\n        goto: done`).join('\n')}
      - else: done
  done:
    say: Thanks.
    end: resolved
`;

const DATA = `  amount:
    type: number
  vip:
    type: boolean
  plan:
    type: choice
    values: [basic, plus]
  email:
    type: email
    purpose: to send a receipt
  when:
    type: date`;

const valid: RuleCase[] = [
  { name: 'a realistic refund flow', flow: GOOD },
  {
    name: 'each type with a literal of its own type, null, built-ins and JSON Logic',
    flow: BRANCH(DATA, [
      'amount >= 10.5 and amount != null',
      'vip == true or not vip',
      'plan == "plus" or plan in ["basic", "plus"]',
      'email != "" and when >= "2024-01-01"',
      '10 < amount',
      'sentiment < -0.25 and turn > 2 and fallbacks >= 1 and channel in ["sms", "voice"]',
      '{"and": [{"==": [{"var": "plan"}, "basic"]}, {">": [{"var": "amount"}, 0]}]}',
      'undeclared_name == 3',
    ]),
  },
];

testRule(rule, {
  valid,
  invalid: [
    {
      name: 'expressions that do not parse',
      flow: BRANCH(DATA, ['amount = 10', 'amount >', 'plan in "basic"', 'amount.value > 1']),
      errors: [
        { messageId: 'parse', line: 18, column: 13, message: 'write `==`' },
        { messageId: 'parse', line: 20, column: 13 },
        { messageId: 'parse', line: 22, column: 13, message: '`in` takes a list' },
        { messageId: 'parse', line: 24, column: 13, message: 'dotted names' },
      ],
    },
    {
      name: 'literals of the wrong type',
      flow: BRANCH(DATA, [
        'amount > "10"',
        'vip == "yes"',
        'vip == 1',
        'email == 42',
        'plan == true',
        'amount in [1, "2"]',
        `'"10" < amount'`,
      ]),
      errors: [
        { messageId: 'wrongType', line: 18, column: 13, message: 'write 10 without quotes' },
        { messageId: 'wrongType', line: 20, column: 13, message: 'write `true` or `false` without quotes' },
        { messageId: 'wrongType', line: 22, column: 13 },
        { messageId: 'wrongType', line: 24, column: 13 },
        { messageId: 'wrongType', line: 26, column: 13 },
        { messageId: 'wrongType', line: 28, column: 13, message: '"2"' },
        { messageId: 'wrongType', line: 30, column: 13 },
      ],
    },
    {
      name: 'a choice compared with a value it does not have',
      flow: BRANCH(DATA, ['plan == "premium"', 'plan in ["basic", "plsu"]', 'plan != "Plus"']),
      errors: [
        { messageId: 'notAValue', line: 18, column: 13, message: '(basic, plus)' },
        { messageId: 'notAValue', line: 20, column: 13, message: 'did you mean "plus"?' },
        { messageId: 'notAValue', line: 22, column: 13, message: 'did you mean "plus"?' },
      ],
    },
    {
      name: 'built-ins typed: sentiment is a score, channel is chat, sms or voice',
      flow: BRANCH(DATA, ['sentiment == "negative"', 'turn > "3"', 'channel == "web"']),
      errors: [
        { messageId: 'wrongType', line: 18, column: 13, message: 'use a route with `sentiment: negative`' },
        { messageId: 'wrongType', line: 20, column: 13 },
        { messageId: 'notAValue', line: 22, column: 13, message: '(chat, sms, voice)' },
      ],
    },
    {
      name: 'JSON Logic: an unknown operator, and a literal of the wrong type',
      flow: BRANCH(DATA, [
        '{"equals": [{"var": "plan"}, "basic"]}',
        '{"and": [{">": [{"var": "amount"}, "5"]}, {"!": {"var": "vip"}}]}',
      ]),
      errors: [
        { messageId: 'unknownOperator', line: 18, column: 13 },
        { messageId: 'wrongType', line: 20, column: 13 },
      ],
    },
    {
      name: 'conditions in routes, flow handlers and global handlers',
      flow: `flow: main
data:
  amount:
    type: number
handlers:
  - if: amount == "ten"
    goto: done
steps:
  ask:
    ask: How much?
    collect: amount
    routes:
      - if: amount >
        goto: done
    next: done
  done:
    say: Thanks.
    end: resolved
`,
      config: `handlers:
  - if: turn == "many"
    goto: main/done
`,
      errors: [
        { messageId: 'wrongType', line: 6, column: 9 },
        { messageId: 'parse', line: 13, column: 13 },
        { messageId: 'wrongType', file: 'tact.config.yaml', line: 2, column: 9 },
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

it('finds what fixtures/bad-condition/expected.json lists', () => {
  const dir = fileURLToPath(new URL('../../fixtures/bad-condition/', import.meta.url));
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

it('the bad example of docs/rules/bad-condition.md is reported and the fixed one is not', () => {
  const doc = readFileSync(
    fileURLToPath(new URL('../../docs/rules/bad-condition.md', import.meta.url)),
    'utf8',
  );
  const [bad, fixed] = [...doc.matchAll(/```yaml\n(flow:[\s\S]*?)```/g)].map((m) => m[1]);
  expect(runRule(rule, { name: 'bad', flow: bad })).not.toEqual([]);
  expect(runRule(rule, { name: 'fixed', flow: fixed })).toEqual([]);
  expect(runRule(loadProblems, { name: 'fixed', flow: fixed })).toEqual([]);
});
