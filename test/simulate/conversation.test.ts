import { describe, expect, it } from 'vitest';
import { runConversation } from '../../src/simulate/conversation.js';
import { ConversationError, type CustomerEngine, type CustomerReply } from '../../src/simulate/types.js';
import { contextOf, personaYaml, projectOf, type Seen, SHOP, scriptEngine } from './helpers.js';

const OPTIONS = { maxTurns: 10, showPersonal: false };

function setup(persona: string) {
  const { bot, personas } = projectOf({ ...SHOP, 'personas/p.persona.yaml': personaYaml(persona) });
  return { bot, persona: personas[0] };
}

async function talk(
  persona: string,
  lines: (string | CustomerReply)[],
  options = OPTIONS,
  seen: Seen[] = [],
) {
  const { bot, persona: p } = setup(persona);
  return runConversation(bot, scriptEngine(lines, seen), contextOf(bot, p), options);
}

describe('one conversation, measured', () => {
  it('a resolved refund: outcome, turns, steps, routes, the action in the transcript, personal data masked', async () => {
    const c = await talk('world:\n  check: {ok: true}\nexpect:\n  outcome: resolved\n', [
      'A refund',
      'AB123456',
      'sam@example.com',
    ]);
    expect(c.outcome).toBe('resolved');
    expect(c.endReason).toBe('end-resolved');
    expect(c.turns).toBe(3);
    expect(c.fallbacks).toBe(0);
    expect(c.passed).toBe(true);
    expect(c.endStep).toBe('shop/done');
    expect(c.steps).toEqual({
      'shop/ask_email': 1,
      'shop/ask_order': 1,
      'shop/check': 1,
      'shop/decide': 1,
      'shop/done': 1,
      'shop/greet': 1,
      'shop/menu': 1,
      'shop/privacy': 1,
    });
    expect(Object.keys(c.routes)).toEqual([
      'shop/ask_email→shop/check#collect',
      'shop/ask_order→shop/privacy#collect',
      'shop/check→shop/decide#next',
      'shop/decide→shop/done#branch',
      'shop/greet→shop/menu#next',
      'shop/menu→shop/ask_order#option',
      'shop/privacy→shop/ask_email#next',
    ]);
    expect(c.transcript.map((l) => [l.from, l.text, l.step, l.turn])).toEqual([
      ['bot', "Hi, I'm Sam, a virtual assistant.", 'shop/greet', 0],
      ['bot', 'What do you need?', 'shop/menu', 0],
      ['customer', 'A refund', 'shop/menu', 1],
      ['bot', "What's the order number?", 'shop/ask_order', 1],
      ['customer', 'AB123456', 'shop/ask_order', 2],
      ['bot', 'I need your email for the receipt.', 'shop/privacy', 2],
      ['bot', "What's your email?", 'shop/ask_email', 2],
      ['customer', '[hidden: email]', 'shop/ask_email', 3],
      ['bot', 'Your refund for AB123456 is on its way to [hidden: email].', 'shop/done', 3],
    ]);
    expect(c.transcript[8].action).toEqual({ name: 'check', result: { ok: true }, inWorld: true });
    expect(c.sentiment).toHaveLength(3);
    expect(c.expectations.map((e) => [e.name, e.passed, e.message])).toEqual([
      ['outcome', true, 'outcome resolved, as expected (resolved)'],
    ]);
  });

  it('--show-personal keeps the values', async () => {
    const c = await talk('world:\n  check: {ok: true}\n', ['A refund', 'AB123456', 'sam@example.com'], {
      ...OPTIONS,
      showPersonal: true,
    });
    expect(c.transcript.filter((l) => l.text.includes('sam@example.com'))).toHaveLength(2);
  });

  it('an action the world does not answer returns nothing, and the branch sends the customer to a person', async () => {
    const c = await talk('', ['A refund', 'AB123456', 'sam@example.com']);
    expect(c.outcome).toBe('handoff');
    expect(c.handoff).toEqual({
      queue: 'shop',
      reason: 'the flow led from shop/decide to shop/agent',
      step: 'shop/agent',
    });
    expect(c.transcript.find((l) => l.action)?.action).toEqual({ name: 'check', result: {}, inWorld: false });
    expect(c.humanAskedAt).toBeUndefined();
  });

  it('fallbacks are counted and flagged; the second miss goes to the fallback target', async () => {
    const c = await talk('expect:\n  outcome: resolved\n', ['A refund', 'no idea', 'still no idea']);
    expect(c.fallbacks).toBe(2);
    expect(c.outcome).toBe('handoff');
    expect(c.transcript.filter((l) => l.fallback).map((l) => l.text)).toEqual([
      "Sorry, I didn't get that.",
      "What's the order number?",
    ]);
    expect(c.expectations[0]).toEqual({
      name: 'outcome',
      expected: 'resolved',
      actual: 'handoff',
      passed: false,
      turn: 3,
      message: 'expected outcome resolved, got handoff at turn 3',
    });
    expect(c.passed).toBe(false);
  });

  it('asking for a person: the turn it was asked, the handoff, bot turns between them', async () => {
    const c = await talk('expect:\n  human_within: 1\n', ['A refund', 'I want to talk to a human']);
    expect(c.humanAskedAt).toBe(2);
    expect(c.handoffAt).toBe(2);
    expect(c.botTurnsToHuman).toBe(1);
    expect(c.transcript[4]).toMatchObject({ from: 'customer', wantsHuman: true, intent: { name: 'human' } });
    expect(c.expectations[1]).toEqual({
      name: 'human_within',
      expected: 'a handoff within 1 bot turn of asking for a person',
      actual: 'handoff after 1 bot turn',
      passed: true,
      message: 'asked for a person at turn 2, handed off after 1 bot turn',
    });
  });

  it('the engine may say it wants a person when the bot does not understand it', async () => {
    const c = await talk('expect:\n  human_within: 1\n', [
      { message: 'gimme sb rl', wantsHuman: true },
      'no idea',
    ]);
    expect(c.humanAskedAt).toBe(1);
    expect(c.botTurnsToHuman).toBe(2);
    expect(c.expectations[1]).toMatchObject({
      passed: false,
      turn: 2,
      message:
        'asked for a person at turn 1, but the handoff came only after 2 bot turns (expected within 1)',
    });
  });

  it('an upbeat message right after a negative customer message is a tone mismatch', async () => {
    const c = await talk('', ['this is awful, I am so angry', { message: 'bye', gaveUp: true }]);
    expect(c.toneMismatches).toHaveLength(1);
    expect(c.toneMismatches[0]).toMatchObject({
      turn: 1,
      step: 'shop/cheer',
      text: 'Awesome!! 🎉 Super happy to help!!',
      after: { text: 'this is awful, I am so angry' },
    });
    expect(c.toneMismatches[0].evidence.length).toBeGreaterThan(0);
    expect(c.transcript.find((l) => l.toneMismatch)?.step).toBe('shop/cheer');
    expect(c.outcome).toBe('abandoned');
    expect(c.endReason).toBe('customer-gave-up');
    // The parting line is recorded, not sent to the bot.
    expect(c.transcript.at(-1)).toEqual({ from: 'customer', text: 'bye', step: 'shop/menu', turn: 1 });
  });

  it('the bot asking for data it already holds is a repeated ask; a re-ask after a miss is not', async () => {
    const c = await talk('', [
      'Track an order',
      'AB123456',
      'A refund for it',
      { message: 'bye', gaveUp: true },
    ]);
    expect(c.repeatedAsks).toEqual([{ turn: 3, step: 'shop/ask_order', data: 'shop/order_id' }]);
    expect(c.transcript.filter((l) => l.repeatedAsk).map((l) => l.text)).toEqual([
      "What's the order number?",
    ]);
    const missed = await talk('', ['A refund', 'no idea', { message: 'bye', gaveUp: true }]);
    expect(missed.repeatedAsks).toEqual([]);
    expect(missed.fallbacks).toBe(1);
  });

  it('a conversation still going at max turns is stuck', async () => {
    const c = await talk('', ['Track an order', 'AB123456', 'A refund for it'], {
      ...OPTIONS,
      maxTurns: 2,
    });
    expect(c.outcome).toBe('stuck');
    expect(c.endReason).toBe('max-turns');
    expect(c.turns).toBe(2);
    expect(c.passed).toBe(false);
    expect(c.expectations[0].message).toBe(
      'expected outcome resolved, handoff or abandoned, got stuck: still going after 2 turns',
    );
  });

  it('an end: unresolved leaves the customer abandoned', async () => {
    const c = await talk('', ['Track an order', 'AB123456', "No, that's all"]);
    expect(c.outcome).toBe('abandoned');
    expect(c.endReason).toBe('end-unresolved');
  });

  it('a customer who is done leaves resolved', async () => {
    const c = await talk('', ['Track an order', 'AB123456', { message: "that's all, thanks", done: true }]);
    expect(c.outcome).toBe('resolved');
    expect(c.endReason).toBe('customer-done');
    expect(c.turns).toBe(2);
  });

  it('an engine error makes that conversation an error with the reason, and never throws', async () => {
    const { bot, persona } = setup('');
    const failing: CustomerEngine = {
      name: 'ollama',
      customer: () => ({
        reply: async () => {
          throw new ConversationError('the model answered twice with something that is not JSON');
        },
      }),
    };
    const c = await runConversation(bot, failing, contextOf(bot, persona), OPTIONS);
    expect(c.outcome).toBe('error');
    expect(c.error).toBe('the model answered twice with something that is not JSON');
    expect(c.passed).toBe(false);
    expect(c.transcript.map((l) => l.text)).toEqual([
      "Hi, I'm Sam, a virtual assistant.",
      'What do you need?',
    ]);
  });

  it('an empty message is an engine error, not a reply', async () => {
    const c = await talk('', [{ message: '   ' }]);
    expect(c.outcome).toBe('error');
    expect(c.error).toBe('the customer engine answered with an empty message');
  });

  it('the engine sees the bot view: messages since its last line, the step, options, what is collected', async () => {
    const seen: Seen[] = [];
    await talk('', ['A refund', 'AB123456', { message: 'bye', gaveUp: true }], OPTIONS, seen);
    expect(seen.map((s) => s.view)).toEqual([
      {
        messages: [
          { text: "Hi, I'm Sam, a virtual assistant.", step: 'shop/greet' },
          { text: 'What do you need?', step: 'shop/menu' },
        ],
        step: 'shop/menu',
        options: ['A refund', 'Track an order'],
      },
      {
        messages: [{ text: "What's the order number?", step: 'shop/ask_order' }],
        step: 'shop/ask_order',
        options: [],
        collect: { name: 'shop/order_id', local: 'order_id', type: 'text' },
      },
      {
        messages: [
          { text: 'I need your email for the receipt.', step: 'shop/privacy' },
          { text: "What's your email?", step: 'shop/ask_email' },
        ],
        step: 'shop/ask_email',
        options: [],
        collect: { name: 'shop/email', local: 'email', type: 'email' },
      },
    ]);
    expect(seen[1].transcript.map((l) => l.text)).toEqual([
      "Hi, I'm Sam, a virtual assistant.",
      'What do you need?',
      'A refund',
      "What's the order number?",
    ]);
  });
});
