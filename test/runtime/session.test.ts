import { describe, expect, it, vi } from 'vitest';
import { BotLoadError, loadBot, type Turn } from '../../src/runtime/index.js';
import { fixtureBot, readFixture } from './fixtures/bots.js';

const refund = loadBot(fixtureBot('refund-bot.json'));
const menu = loadBot(fixtureBot('menu-bot.json'));
const texts = (t: Turn) => t.messages.map((m) => m.text);

const ANGRY = 'This is the worst, terrible service, I am so angry';

describe('loadBot', () => {
  it.each([
    [
      'another format',
      { format: 'rasa-bot', version: 1 },
      /found format "rasa-bot"; this runtime reads format "tact-bot" version 1/,
    ],
    ['no format', { version: 1 }, /found no format; this runtime reads format "tact-bot" version 1/],
    [
      'a higher version',
      { ...readFixture('refund-bot.json'), version: 2 },
      /tact-bot version 2: this runtime reads .*version 1\. Upgrade tact/,
    ],
    [
      'a version that is not a number',
      { ...readFixture('refund-bot.json'), version: '1' },
      /tact-bot version "1"/,
    ],
    ['no version', { ...readFixture('refund-bot.json'), version: undefined }, /version \(none\)/],
    ['null', null, /found null/],
    ['an array', [], /found an array/],
    ['a number', 42, /found number 42/],
    ['a string', '{"format":"tact-bot"}', /found a string .*parse the JSON text first/],
    [
      'an intent index the matcher cannot read',
      { ...readFixture('refund-bot.json'), nlu: {} },
      /cannot read its "nlu" index/,
    ],
    [
      'a missing entry step',
      { ...readFixture('refund-bot.json'), entry: 'refund/nowhere' },
      /entry "refund\/nowhere" is not one of its steps/,
    ],
  ])('refuses %s with a clear message', (_, json, message) => {
    expect(() => loadBot(json)).toThrow(BotLoadError);
    expect(() => loadBot(json)).toThrow(message);
  });

  it('loads a bot without changing the file', () => {
    const file = fixtureBot('refund-bot.json');
    const before = JSON.stringify(file);
    const bot = loadBot(file);
    expect(bot.name).toBe('acme-support');
    expect(JSON.stringify(file)).toBe(before);
  });
});

describe('session on the refund bot', () => {
  const checkRefund = (eligible: boolean) =>
    vi.fn(async (_: Record<string, unknown>) => ({ refund_eligible: eligible }));

  it('runs the happy path to a resolved end', async () => {
    const check_refund = checkRefund(true);
    const s = refund.session({ actions: { check_refund } });
    const t0 = await s.start();
    expect(t0).toMatchObject({ status: 'awaiting', step: 'refund/ask_order', data: {} });
    expect(t0.messages).toHaveLength(2);
    expect(t0.intent).toBeUndefined();

    const t1 = await s.reply("It's AB123456");
    expect(t1.step).toBe('refund/ask_email');
    expect(t1.data).toEqual({ 'refund/order_id': 'AB123456' });
    expect(texts(t1)[0]).toContain('order AB123456');
    expect(t1.sentiment?.label).toBe('neutral');

    const t2 = await s.reply('jane@example.com');
    expect(check_refund).toHaveBeenCalledTimes(1);
    // The action sees its flow's data under local names.
    expect(check_refund.mock.calls[0][0]).toEqual({ order_id: 'AB123456', email: 'jane@example.com' });
    expect(t2).toMatchObject({ status: 'ended', outcome: 'resolved', step: 'refund/confirm' });
    expect(texts(t2)).toEqual(['Done! Your refund of the full amount is on its way to jane@example.com.']);
    expect(t2.data).toEqual({
      'refund/order_id': 'AB123456',
      'refund/email': 'jane@example.com',
      'refund/refund_eligible': true,
    });
    expect(s.state.visits['refund/check']).toBe(1);
    expect(s.state.routes['refund/decide→refund/confirm#branch']).toBe(1);
  });

  it('hands "I want a real person" over with everything the person needs', async () => {
    const s = refund.session();
    await s.start();
    await s.reply('I do not know it');
    const t = await s.reply('I want a real person');
    expect(t.intent?.name).toBe('human');
    expect(t.status).toBe('handoff');
    expect(texts(t)[0]).toMatch(/connecting you with our refunds team/);
    const h = t.handoff!;
    expect(h).toMatchObject({
      queue: 'refunds',
      reason: 'customer asked for a person',
      step: 'refund/handoff',
    });
    expect(h.sentiment).toHaveLength(2);
    expect(h.data).toEqual({});
    expect(h.transcript.filter((e) => e.from === 'customer')).toEqual([
      { from: 'customer', text: 'I do not know it', step: 'refund/ask_order', sentiment: h.sentiment[0] },
      { from: 'customer', text: 'I want a real person', step: 'refund/ask_order', sentiment: h.sentiment[1] },
    ]);
    expect(h.transcript[0]).toMatchObject({ from: 'bot', step: 'refund/greet' });
    expect(h.transcript.at(-1)).toMatchObject({ from: 'bot', step: 'refund/handoff' });
  });

  it('escalates after the fallback max, saying why', async () => {
    const s = refund.session();
    await s.start();
    const t1 = await s.reply('I do not know it');
    expect(t1.status).toBe('awaiting');
    expect(texts(t1)[0]).toMatch(/couldn't find an order number/);
    const t2 = await s.reply('no idea, sorry');
    expect(t2.status).toBe('handoff');
    expect(t2.handoff?.reason).toBe('no match after 2 tries at refund/ask_order');
  });

  it('says the sentiment variant for a negative last reply', async () => {
    const s = refund.session({ actions: { check_refund: checkRefund(true) } });
    await s.start();
    await s.reply('AB123456');
    // A very negative reply falls back to the negative variant.
    const t = await s.reply("jane@example.com. I'm really upset, this has been awful");
    expect(t.sentiment?.label).toBe('very_negative');
    expect(t.status).toBe('ended');
    expect(texts(t)[0]).toMatch(
      /^I'm sorry for the trouble this caused\. Your full refund is on its way to .*jane@example\.com/,
    );
  });

  it('says message variants in turn on each visit', async () => {
    const s = refund.session();
    await s.start();
    const visits = [await s.reply(ANGRY), await s.reply(ANGRY), await s.reply(ANGRY)];
    for (const t of visits) expect(t.sentiment?.label).toBe('very_negative');
    expect(visits.map((t) => t.messages[0])).toEqual([
      {
        step: 'refund/calm_down',
        text: expect.stringMatching(/^I'm really sorry this has been so frustrating/),
      },
      { step: 'refund/calm_down', text: expect.stringMatching(/^I hear you/) },
      {
        step: 'refund/calm_down',
        text: expect.stringMatching(/^I'm really sorry this has been so frustrating/),
      },
    ]);
  });

  it('branches on data set by the action', async () => {
    const s = refund.session({ actions: { check_refund: checkRefund(false) } });
    await s.start();
    await s.reply('AB123456');
    const t = await s.reply('jane@example.com');
    expect(t.messages.map((m) => m.step)).toEqual(['refund/not_eligible', 'refund/handoff']);
    expect(t.status).toBe('handoff');
    expect(t.data['refund/refund_eligible']).toBe(false);
  });

  const toCheck = async (actions: Parameters<typeof refund.session>[0]) => {
    const s = refund.session(actions);
    await s.start();
    await s.reply('AB123456');
    return { s, t: await s.reply('jane@example.com') };
  };

  it('sends an action that throws to the escalation step with the reason', async () => {
    const { s, t } = await toCheck({
      actions: {
        check_refund: () => {
          throw new Error('database down');
        },
      },
    });
    expect(t.status).toBe('handoff');
    expect(t.step).toBe('refund/handoff');
    expect(t.handoff?.reason).toBe('action check_refund failed: database down');
    expect(s.state.errors).toEqual([
      { step: 'refund/check', action: 'check_refund', error: 'database down' },
    ]);
  });

  it('escalates an action the host did not give', async () => {
    const { t } = await toCheck({ actions: {} });
    expect(t.status).toBe('handoff');
    expect(t.handoff?.reason).toBe('action check_refund failed: no such action was given to the session');
  });

  it('escalates an action that rejects, returns a non-object, or takes too long', async () => {
    const rejects = await toCheck({ actions: { check_refund: () => Promise.reject(new Error('HTTP 503')) } });
    expect(rejects.t.handoff?.reason).toBe('action check_refund failed: HTTP 503');
    const odd = await toCheck({
      actions: { check_refund: () => 'yes' as unknown as Record<string, unknown> },
    });
    expect(odd.t.handoff?.reason).toBe('action check_refund failed: returned string, not an object');
    const slow = await toCheck({
      actionTimeoutMs: 20,
      actions: { check_refund: () => new Promise<Record<string, unknown>>(() => {}) },
    });
    expect(slow.t.handoff?.reason).toBe('action check_refund failed: timed out after 20 ms');
  });

  it('reads a 100 kB reply and control characters without crashing', async () => {
    const s = refund.session();
    await s.start();
    const started = performance.now();
    const big = await s.reply('a'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(5000); // a hang guard, not a speed target (that is in npm run bench)
    expect(big.status).toBe('awaiting');
    const ctl = await s.reply('\u0000\u0001AB123456\u001b[31m\u0007');
    expect(ctl.data['refund/order_id']).toBe('AB123456');
    const customer = s.state.transcript.filter((e) => e.from === 'customer');
    expect(customer[0].text.length).toBeLessThanOrEqual(2000);
    expect(customer[1].text).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  it('returns the final turn again, with no new messages, after the end', async () => {
    const s = refund.session();
    await s.start();
    const final = await s.reply('talk to a human');
    expect(final.status).toBe('handoff');
    const again = await s.reply('hello? anyone?');
    expect(again).toEqual({ ...final, messages: [] });
    expect(await s.start()).toEqual({ ...final, messages: [] });
    expect(s.state.transcript).toEqual(final.handoff!.transcript);
  });

  it('gives the same turns for the same inputs', async () => {
    const script = ['I do not know it', ANGRY, 'AB123456', 'jane@example.com'];
    const play = async () => {
      const s = refund.session({
        seed: 7,
        actions: { check_refund: async () => ({ refund_eligible: true }) },
      });
      const turns = [await s.start()];
      for (const line of script) turns.push(await s.reply(line));
      return { turns, state: s.state };
    };
    const a = await play();
    const b = await play();
    expect(a).toEqual(b);
    expect(a.turns.at(-1)?.status).toBe('ended');
  });

  it('exposes a snapshot of the state that callers cannot change', async () => {
    const s = refund.session();
    await s.start();
    const snap = s.state;
    snap.data['refund/order_id'] = 'XX';
    snap.status = 'ended';
    expect(s.state.data).toEqual({});
    const t = await s.reply('AB123456');
    expect(t.data).toEqual({ 'refund/order_id': 'AB123456' });
  });

  it('resumes from a saved state', async () => {
    const s = refund.session();
    await s.start();
    await s.reply('AB123456');
    const saved = JSON.parse(JSON.stringify(s.state));
    const resumed = refund.session({
      state: saved,
      actions: { check_refund: async () => ({ refund_eligible: true }) },
    });
    const t = await resumed.reply('jane@example.com');
    expect(t.outcome).toBe('resolved');
  });

  it('queues overlapping replies and reads them in order', async () => {
    const s = refund.session({ actions: { check_refund: async () => ({ refund_eligible: true }) } });
    await s.start();
    const [a, b] = await Promise.all([s.reply('AB123456'), s.reply('jane@example.com')]);
    expect(a.step).toBe('refund/ask_email');
    expect(b.status).toBe('ended');
  });
});

describe('session on the menu bot', () => {
  it('offers the options and takes one by number, label or intent', async () => {
    for (const reply of ['1', 'track my order', 'where is my order?']) {
      const s = menu.session({ actions: { lookup_order: async () => ({ status: 'on its way' }) } });
      const t0 = await s.start();
      expect(t0.options).toEqual(['Track my order', 'Opening hours', 'Talk to someone']);
      const t1 = await s.reply(reply);
      expect(t1.step).toBe('orders/ask_number');
      expect(t1.options).toBeUndefined();
    }
  });

  it('passes data between flows and fills it into messages', async () => {
    const lookup_order = vi.fn(async (_: Record<string, unknown>) => ({
      status: 'on its way',
      eta: 'tomorrow',
    }));
    const s = menu.session({ actions: { lookup_order } });
    await s.start();
    await s.reply('1');
    const t = await s.reply('It is order 4411');
    expect(lookup_order).toHaveBeenCalledWith({ order_number: 4411 });
    expect(texts(t)).toEqual(['Order 4411 is on its way.', 'Anything else I can do?']);
    expect(t.data).toEqual({ 'orders/order_number': 4411, 'orders/status': 'on its way' });
    const end = await s.reply('no thanks');
    expect(end).toMatchObject({ status: 'ended', outcome: 'resolved' });
  });

  it('hands off without a step when an action fails and the bot has no escalation', async () => {
    const s = menu.session({
      actions: {
        lookup_order: () => {
          throw new TypeError('fetch failed');
        },
      },
    });
    await s.start();
    await s.reply('1');
    const t = await s.reply('4411');
    expect(t.status).toBe('handoff');
    expect(t.step).toBe('orders/lookup');
    expect(t.messages).toEqual([]);
    expect(t.handoff).toMatchObject({
      reason: 'action lookup_order failed: fetch failed',
      step: 'orders/lookup',
    });
    expect(t.handoff?.queue).toBeUndefined();
  });

  it('starts the conversation when the first reply comes before start()', async () => {
    const s = menu.session();
    const t = await s.reply('2');
    expect(texts(t)).toEqual([
      "Hi! I'm Ava.",
      'What can I help with?',
      "We're open 9 to 5, Monday to Friday.",
      'Anything else I can do?',
    ]);
  });
});
