import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { renderMessage } from '../../src/rules/define.js';
import type { Rule } from '../../src/rules/types.js';
import type { RuleCase } from '../helpers/rule-tester.js';

interface Expected {
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
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

/**
 * A realistic good refund flow for the structure rules: data with a purpose, local and sensitive
 * intents, global handlers, options, fallbacks, a branch and a handoff. Every structure rule must
 * stay silent on it.
 */
export const goodProject: RuleCase = { name: 'a realistic refund flow', flow: GOOD };

/**
 * The check every structure rule's table test ends with (testRule checks that its valid cases load
 * without problems): it finds what `fixtures/<id>/expected.json` lists. The examples of
 * `docs/rules/<id>.md` are checked by test/docs/rule-pages.test.ts.
 */
export function testFixture(rule: Rule<any>): void {
  const id = rule.meta.id;

  it(`finds exactly the ${id} findings fixtures/${id}/expected.json lists`, () => {
    const dir = fileURLToPath(new URL(`../../fixtures/${id}/`, import.meta.url));
    const expected = (JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected[])
      .filter((e) => e.rule === id)
      .map(({ rule, file, line, column, message }) => ({ rule, file, line, column, message }));
    const got = rule.check(loadProject([dir], { cwd: dir }), rule.meta.defaultOptions).map((r) => ({
      rule: id,
      file: r.at.file,
      line: r.at.line,
      column: r.at.column,
      message: renderMessage(rule.meta.messages[r.messageId], r.data),
    }));
    const order = (a: Expected, b: Expected) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.message.localeCompare(b.message);
    expect(expected.length).toBeGreaterThan(0);
    expect(got.sort(order)).toEqual(expected.sort(order));
  });
}
