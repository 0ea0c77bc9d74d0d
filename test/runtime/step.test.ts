import { describe, expect, it } from 'vitest';
import type { BotFile } from '../../src/runtime/bot-types.js';
import { initialState, parseRouteKey, type State } from '../../src/runtime/state.js';
import { type Event, MAX_AUTOMATIC_MOVES, type StepResult, step } from '../../src/runtime/step.js';
import { fixtureBot, tinyBot } from './fixtures/bots.js';

const refund = fixtureBot('refund-bot.json');

/** Feed events one after another; returns every result. */
function run(bot: BotFile, events: Event[], state: State = initialState(bot.entry)): StepResult[] {
  const results: StepResult[] = [];
  let s = state;
  for (const e of events) {
    const r = step(bot, s, e);
    results.push(r);
    s = r.state;
  }
  return results;
}
const last = <T>(list: T[]) => list[list.length - 1];
const texts = (r: StepResult) => r.output.messages.map((m) => m.text);
const say = (text: string): Event => ({ type: 'reply', text });

describe('step: purity', () => {
  it('does not change the state or the bot it is given, and gives the same result for the same input', () => {
    const started = step(refund, initialState(refund.entry), { type: 'start' }).state;
    const stateBefore = JSON.stringify(started);
    const botBefore = JSON.stringify(refund);
    const a = step(refund, started, say('It is AB123456'));
    const b = step(refund, started, say('It is AB123456'));
    expect(JSON.stringify(started)).toBe(stateBefore);
    expect(JSON.stringify(refund)).toBe(botBefore);
    expect(a).toEqual(b);
    expect(a.state).not.toBe(started);
    expect(a.state.data).toEqual({ 'refund/order_id': 'AB123456' });
    expect(started.data).toEqual({});
  });

  it('keeps the state plain JSON', () => {
    const results = run(refund, [{ type: 'start' }, say('AB123456'), say('jane@example.com')]);
    const s = last(results).state;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('runs no action itself: it stops at the action step with an effect and waits', () => {
    const [, , r] = run(refund, [{ type: 'start' }, say('AB123456'), say('jane@example.com')]);
    expect(r.output.effect).toEqual({
      type: 'action',
      name: 'check_refund',
      step: 'refund/check',
      input: { order_id: 'AB123456', email: expect.stringContaining('jane@example.com') },
    });
    expect(r.state.status).toBe('action');
    expect(r.state.step).toBe('refund/check');
    // A reply while the action runs is not read.
    const ignored = step(refund, r.state, say('hello?'));
    expect(ignored.state).toEqual(r.state);
    expect(ignored.output.messages).toEqual([]);
  });
});

describe('step: start', () => {
  it('says the entry step and goes on until it needs a reply', () => {
    const r = step(refund, initialState(refund.entry), { type: 'start' });
    expect(texts(r)).toEqual([
      "Hi, I'm Ava, Acme's virtual assistant. I can help with refunds, or connect you with a person at any time.",
      "What's your order number? It looks like AB123456.",
    ]);
    expect(r.output.messages.map((m) => m.step)).toEqual(['refund/greet', 'refund/ask_order']);
    expect(r.state.status).toBe('awaiting');
    expect(r.state.step).toBe('refund/ask_order');
    expect(r.state.visits).toEqual({ 'refund/greet': 1, 'refund/ask_order': 1 });
    expect(Object.keys(r.state.routes).map(parseRouteKey)).toEqual([
      { from: 'refund/greet', to: 'refund/ask_order', kind: 'next' },
    ]);
    expect(r.state.transcript).toHaveLength(2);
  });

  it('ignores a second start', () => {
    const [a, b] = run(refund, [{ type: 'start' }, { type: 'start' }]);
    expect(b.state).toEqual(a.state);
    expect(b.output.messages).toEqual([]);
  });
});

describe('step: actions', () => {
  const atAction = last(run(refund, [{ type: 'start' }, say('AB123456'), say('jane@example.com')])).state;

  it('stores only the data listed in `sets`, qualified, and branches on it', () => {
    const r = step(refund, atAction, { type: 'actionResult', data: { refund_eligible: true, secret: 'x' } });
    expect(r.state.data['refund/refund_eligible']).toBe(true);
    expect(r.state.data).not.toHaveProperty('refund/secret');
    expect(r.state.data).not.toHaveProperty('secret');
    expect(r.state.step).toBe('refund/confirm');
    expect(r.state.status).toBe('ended');
    expect(r.state.outcome).toBe('resolved');
  });

  it('takes the else of the branch when the action sets false', () => {
    const r = step(refund, atAction, { type: 'actionResult', data: { refund_eligible: false } });
    expect(r.output.messages.map((m) => m.step)).toEqual(['refund/not_eligible', 'refund/handoff']);
    expect(r.state.status).toBe('handoff');
    expect(r.state.handoff?.reason).toBe('the flow led from refund/not_eligible to refund/handoff');
  });

  it('sends a failed action to the escalation step with the reason, and records the failure', () => {
    const r = step(refund, atAction, { type: 'actionResult', error: 'database down' });
    expect(r.state.status).toBe('handoff');
    expect(r.state.step).toBe('refund/handoff');
    expect(r.state.handoff).toMatchObject({
      queue: 'refunds',
      reason: 'action check_refund failed: database down',
    });
    expect(r.state.errors).toEqual([
      { step: 'refund/check', action: 'check_refund', error: 'database down' },
    ]);
    expect(r.state.routes['refund/check→refund/handoff#escalation']).toBe(1);
  });

  it('hands off without a step when the bot has no escalation', () => {
    const bot = { ...refund, escalation: undefined };
    const r = step(bot, atAction, { type: 'actionResult', error: 'boom' });
    expect(r.state.status).toBe('handoff');
    expect(r.state.step).toBe('refund/check');
    expect(r.output.messages).toEqual([]);
    expect(r.state.handoff).toMatchObject({
      reason: 'action check_refund failed: boom',
      step: 'refund/check',
    });
    expect(r.state.handoff?.queue).toBeUndefined();
  });

  it('ignores an action result nobody waits for', () => {
    const started = step(refund, initialState(refund.entry), { type: 'start' }).state;
    const r = step(refund, started, { type: 'actionResult', data: { refund_eligible: true } });
    expect(r.state).toEqual(started);
  });
});

describe('step: messages', () => {
  it('says list variants in turn on each visit, wrapping', () => {
    const bot = tinyBot({
      't/loop': { kind: 'ask', say: ['one', 'two', 'three'], ask: ['again?'], next: 't/loop' },
    });
    const rs = run(bot, [{ type: 'start' }, say('a'), say('b'), say('c'), say('d')]);
    expect(rs.map((r) => texts(r)[0])).toEqual(['one', 'two', 'three', 'one', 'two']);
  });

  it('picks sentiment variants by the latest label, very_negative falling back to negative, else default', () => {
    const bot = tinyBot({
      't/ask': { kind: 'ask', ask: ['How is it going?'], next: 't/answer' },
      't/answer': {
        kind: 'message',
        say: { default: ['default'], negative: ['negative'], positive: ['positive'] },
        next: 't/ask',
      },
      't/hello': {
        kind: 'message',
        say: { default: ['hello default'], neutral: ['hello neutral'] },
        next: 't/ask',
      },
    });
    const start = step(bot, initialState(bot.entry), { type: 'start' });
    const angry = step(bot, start.state, say('This is terrible, the worst, I am so angry, it is broken'));
    expect(['negative', 'very_negative']).toContain(angry.output.sentiment?.label);
    expect(texts(angry)[0]).toBe('negative');
    const happy = step(bot, angry.state, say('Thanks, that is great, I love it, perfect'));
    expect(happy.output.sentiment?.label).toBe('positive');
    expect(texts(happy)[0]).toBe('positive');

    // Before any reply the label is neutral.
    const hello = tinyBot({
      't/hello': bot.steps['t/hello'],
      't/ask': bot.steps['t/ask'],
      't/answer': bot.steps['t/answer'],
    });
    expect(texts(step(hello, initialState(hello.entry), { type: 'start' }))[0]).toBe('hello neutral');
  });

  it('fills qualified placeholders with data, and unset ones with nothing', () => {
    const bot = tinyBot(
      {
        't/ask': { kind: 'ask', ask: ['Your name?'], collect: 't/name', next: 't/hi' },
        't/hi': { kind: 'end', say: ['Hi {t/name}, your code is {t/code}.'], end: 'resolved' },
      },
      { data: { 't/name': { type: 'text' }, 't/code': { type: 'text' } } },
    );
    const [, r] = run(bot, [{ type: 'start' }, say('Sam')]);
    expect(texts(r)).toEqual(['Hi Sam, your code is .']);
  });
});

describe('step: routing a reply', () => {
  it('hands a request for a person over before anything else, even when a value could be collected', () => {
    const [, r] = run(refund, [{ type: 'start' }, say('I want a real person, order AB123456')]);
    expect(r.output.intent?.name).toBe('human');
    expect(r.state.status).toBe('handoff');
    expect(r.state.data).toEqual({});
    expect(r.state.handoff?.reason).toBe('customer asked for a person');
    expect(r.state.routes['refund/ask_order→refund/handoff#handler']).toBe(1);
  });

  it('routes a sensitive intent to its handler', () => {
    const [, r] = run(refund, [{ type: 'start' }, say('my husband passed away')]);
    expect(r.output.intent?.name).toBe('refund/bereavement');
    expect(r.state.handoff?.reason).toBe('sensitive topic: refund/bereavement');
  });

  it('collects a value before trying the step routes', () => {
    const [, r] = run(refund, [{ type: 'start' }, say('It arrived broken, the order is AB123456')]);
    expect(r.state.data['refund/order_id']).toBe('AB123456');
    expect(r.state.step).toBe('refund/ask_email');
    expect(texts(r)[0]).toContain('order AB123456');
  });

  it('follows an intent route when no value is found', () => {
    const [, r] = run(refund, [{ type: 'start' }, say('it arrived broken')]);
    expect(r.output.intent?.name).toBe('refund/damaged');
    expect(r.output.messages.map((m) => m.step)).toEqual(['refund/sorry', 'refund/ask_order']);
    expect(r.state.routes['refund/ask_order→refund/sorry#intent']).toBe(1);
  });

  const menu = tinyBot(
    {
      't/menu': {
        kind: 'ask',
        ask: ['Pick one'],
        options: [{ label: 'Track my order', intent: 't/where' }, { label: 'Opening hours' }],
        routes: [
          { when: { option: 1 }, goto: 't/track' },
          { when: { option: 2 }, goto: 't/hours' },
          { when: { sentiment: 'negative' }, goto: 't/sorry' },
        ],
      },
      't/track': { kind: 'end', say: ['tracking'], end: 'resolved' },
      't/hours': { kind: 'end', say: ['hours'], end: 'resolved' },
      't/sorry': { kind: 'end', say: ['sorry'], end: 'unresolved' },
    },
    {
      intents: { human: { examples: ['talk to a human'] }, 't/where': { examples: ['where is my package'] } },
    },
  );

  it.each([
    ['opening hours', 't/hours'],
    ['  OPENING   Hours. ', 't/hours'],
    ['2', 't/hours'],
    ['1', 't/track'],
    ['where is my package', 't/track'],
  ])('takes the option for %j', (reply, target) => {
    const [, r] = run(menu, [{ type: 'start' }, say(reply)]);
    expect(r.state.step).toBe(target);
  });

  it('counts a very negative reply as negative for a sentiment route', () => {
    const [, r] = run(menu, [
      { type: 'start' },
      say('This is the worst, terrible, I am angry and it is broken'),
    ]);
    expect(r.output.sentiment?.label).toBe('very_negative');
    expect(r.state.step).toBe('t/sorry');
    expect(r.state.outcome).toBe('unresolved');
  });

  it('does not take an option number that does not exist', () => {
    const [, r] = run(menu, [{ type: 'start' }, say('7')]);
    expect(r.state.step).toBe('t/menu');
    expect(r.state.fallbacks).toBe(1);
  });

  it('evaluates `if` routes over data and the built-ins', () => {
    const bot = tinyBot({
      't/ask': {
        kind: 'ask',
        ask: ['Say anything'],
        routes: [
          { when: { if: { '>=': [{ var: 'turn' }, 2] } }, goto: 't/second' },
          { when: { if: { '==': [{ var: 'channel' }, 'chat'] } }, goto: 't/ask' },
        ],
      },
      't/second': { kind: 'end', end: 'resolved' },
    });
    const rs = run(bot, [{ type: 'start' }, say('x'), say('y')]);
    expect(rs[1].state.step).toBe('t/ask');
    expect(rs[2].state.step).toBe('t/second');
  });

  it('tries the step routes, then the flow handlers, then the global ones', () => {
    const steps = {
      't/ask': {
        kind: 'ask' as const,
        ask: ['?'],
        handlers: 't',
        routes: [{ when: { intent: 't/a' }, goto: 't/own' }],
      },
      't/own': { kind: 'end' as const, end: 'resolved' as const },
      't/flow': { kind: 'end' as const, end: 'resolved' as const },
      't/global': { kind: 'end' as const, end: 'resolved' as const },
    };
    const intents = {
      human: { examples: ['talk to a human'] },
      't/a': { examples: ['apples'] },
      't/b': { examples: ['bananas'] },
      't/c': { examples: ['cherries'] },
    };
    const handlers = {
      t: [
        { when: { intent: 't/a' }, goto: 't/flow' },
        { when: { intent: 't/b' }, goto: 't/flow' },
      ],
      '*': [
        { when: { intent: 't/b' }, goto: 't/global' },
        { when: { intent: 't/c' }, goto: 't/global' },
      ],
    };
    const bot = tinyBot(steps, { intents, handlers });
    const end = (reply: string) => last(run(bot, [{ type: 'start' }, say(reply)])).state.step;
    expect(end('apples')).toBe('t/own');
    expect(end('bananas')).toBe('t/flow');
    expect(end('cherries')).toBe('t/global');
  });

  it('accepts any reply at an ask step that only has next', () => {
    const bot = tinyBot({
      't/ask': { kind: 'ask', ask: ['Anything else?'], next: 't/bye' },
      't/bye': { kind: 'end', say: ['Bye'], end: 'resolved' },
    });
    const [, r] = run(bot, [{ type: 'start' }, say('')]);
    expect(r.state.status).toBe('ended');
  });
});

describe('step: fallback', () => {
  it('re-asks with the fallback message, then goes to `then` on the max-th failed try', () => {
    const rs = run(refund, [{ type: 'start' }, say('I do not know'), say('no idea')]);
    expect(texts(rs[1])).toEqual([
      "Sorry, I couldn't find an order number in that. It's two letters and six digits.",
      "What's your order number? It looks like AB123456.",
    ]);
    expect(rs[1].state.fallbacks).toBe(1);
    expect(rs[1].state.status).toBe('awaiting');
    expect(rs[2].state.status).toBe('handoff');
    expect(rs[2].state.handoff?.reason).toBe('no match after 2 tries at refund/ask_order');
    expect(rs[2].state.routes['refund/ask_order→refund/handoff#fallback']).toBe(1);
  });

  it('counts again from zero each time the step is entered', () => {
    // miss, then "it arrived broken" leaves and re-enters ask_order, then one more miss re-asks.
    const rs = run(refund, [
      { type: 'start' },
      say('I do not know'),
      say('it arrived broken'),
      say('no idea'),
    ]);
    expect(rs[2].state.fallbacks).toBe(0);
    expect(last(rs).state.status).toBe('awaiting');
    expect(last(rs).state.fallbacks).toBe(1);
  });

  it('re-asks for ever without `then`, with the ask variants in turn', () => {
    const bot = tinyBot(
      {
        't/ask': {
          kind: 'ask',
          ask: ['How many?', 'What number?'],
          collect: 't/count',
          fallback: { say: ['I need a number.'], max: 2 },
          next: 't/done',
        },
        't/done': { kind: 'end', end: 'resolved' },
      },
      { data: { 't/count': { type: 'number' } } },
    );
    const rs = run(bot, [{ type: 'start' }, say('x'), say('y'), say('z'), say('w')]);
    expect(rs.map((r) => texts(r))).toEqual([
      ['How many?'],
      ['I need a number.', 'What number?'],
      ['I need a number.', 'How many?'],
      ['I need a number.', 'What number?'],
      ['I need a number.', 'How many?'],
    ]);
    expect(last(rs).state.status).toBe('awaiting');
    expect(last(rs).state.fallbacks).toBe(4);
  });
});

describe('step: guards', () => {
  it('escalates with reason `loop` after too many moves without input', () => {
    const bot = tinyBot(
      {
        't/a': { kind: 'message', say: ['a'], next: 't/b' },
        't/b': { kind: 'message', say: ['b'], next: 't/a' },
        't/human': { kind: 'handoff', say: ['A person will help you.'], handoff: { queue: 'q' } },
      },
      { escalation: 't/human' },
    );
    const r = step(bot, initialState(bot.entry), { type: 'start' });
    expect(r.state.status).toBe('handoff');
    expect(r.state.step).toBe('t/human');
    expect(r.state.handoff).toMatchObject({ reason: 'loop', queue: 'q' });
    expect(r.output.messages).toHaveLength(MAX_AUTOMATIC_MOVES + 2);
  });

  it('hands off without a step when the escalation step itself loops', () => {
    const bot = tinyBot(
      {
        't/a': { kind: 'message', say: ['a'], next: 't/b' },
        't/b': { kind: 'message', say: ['b'], next: 't/a' },
      },
      { escalation: 't/a' },
    );
    const r = step(bot, initialState(bot.entry), { type: 'start' });
    expect(r.state.status).toBe('handoff');
    expect(r.state.handoff?.reason).toBe('loop');
    expect(r.state.handoff?.queue).toBeUndefined();
  });

  it('escalates a move to a step that does not exist', () => {
    const bot = tinyBot({ 't/a': { kind: 'message', say: ['a'], next: 't/missing' } });
    const r = step(bot, initialState(bot.entry), { type: 'start' });
    expect(r.state.status).toBe('handoff');
    expect(r.state.handoff?.reason).toBe('unknown step t/missing');
  });

  it('reads a reply with control characters and a huge reply quickly and safely', () => {
    const started = step(refund, initialState(refund.entry), { type: 'start' }).state;
    const r = step(refund, started, say('AB\u0000123\u0007456\u202e\r\nthanks'));
    expect(r.state.transcript.find((t) => t.from === 'customer')?.text).toBe('AB123456 \nthanks');
    expect(r.state.data['refund/order_id']).toBe('AB123456');

    const huge = `${'x'.repeat(100_000)} AB123456`;
    const t0 = performance.now();
    const h = step(refund, started, say(huge));
    expect(performance.now() - t0).toBeLessThan(5000); // a hang guard, not a speed target
    const read = h.state.transcript.find((t) => t.from === 'customer')?.text ?? '';
    expect(read.length).toBeLessThanOrEqual(2000);
    // Only the first 2,000 characters are read: the order number at the end is not seen.
    expect(h.state.data).toEqual({});
    expect(h.state.status).toBe('awaiting');
  });

  it('does nothing after the conversation is over', () => {
    const rs = run(refund, [{ type: 'start' }, say('talk to a human'), say('hello?'), { type: 'start' }]);
    expect(rs[2].state).toEqual(rs[1].state);
    expect(rs[2].output).toEqual({ messages: [] });
    expect(rs[3].state).toEqual(rs[1].state);
  });
});
