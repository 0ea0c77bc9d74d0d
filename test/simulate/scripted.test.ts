import { describe, expect, it } from 'vitest';
import { runConversation } from '../../src/simulate/conversation.js';
import { moodAfter, phrase } from '../../src/simulate/engines/phrasing.js';
import { Rng } from '../../src/simulate/engines/rng.js';
import { firstPerson, GIVE_UP_AFTER, scriptedEngine } from '../../src/simulate/engines/scripted.js';
import { contextOf, personaYaml, projectOf, SHOP } from './helpers.js';

/** An open question routed by intent; a closing question after the answer; a person on request. */
const FREE = {
  'tact.config.yaml': `entry: help/ask
handlers:
  - intent: human
    goto: help/agent
`,
  'flows/help.flow.yaml': `flow: help
intents:
  refund:
    examples: [I want a refund, refund my order please, can I get my money back, send my money back]
steps:
  ask:
    ask: How can I help?
    routes:
      - intent: refund
        goto: refunded
    fallback:
      say: Sorry, I didn't get that.
      max: 5
  refunded:
    say: Your refund is on its way.
    next: more
  more:
    ask: Is there anything else I can help with?
    routes:
      - intent: refund
        goto: refunded
    fallback:
      max: 5
  agent:
    say: Connecting you with a person.
    handoff: true
`,
};

/** The same, with no way to a person. */
const TRAP = {
  'flows/help.flow.yaml': FREE['flows/help.flow.yaml'].replace(/ {2}agent:[\s\S]*$/, ''),
};

async function play(files: Record<string, string>, persona: string, seed = 0, maxTurns = 12) {
  const { bot, personas } = projectOf({ ...files, 'personas/p.persona.yaml': personaYaml(persona) });
  return runConversation(bot, scriptedEngine(), contextOf(bot, personas[0], 1, seed), {
    maxTurns,
    showPersonal: true,
  });
}

const customerLines = (c: Awaited<ReturnType<typeof play>>) =>
  c.transcript.filter((l) => l.from === 'customer').map((l) => l.text);

describe('the scripted player', () => {
  it('is deterministic for a seed, and seeds differ', async () => {
    const persona = 'goal: Get my money back for a broken kettle.\nmood: angry\ntraits: [typos]\n';
    const a = await play(FREE, persona, 3);
    const b = await play(FREE, persona, 3);
    expect(b.transcript).toEqual(a.transcript);
    const firsts = new Set<string>();
    for (let seed = 0; seed < 12; seed++) firsts.add(customerLines(await play(FREE, persona, seed))[0]);
    expect(firsts.size).toBeGreaterThan(3);
  });

  it("states its goal with the bot's own intent examples, varied, and the bot understands it", async () => {
    const examples = [
      'I want a refund',
      'refund my order please',
      'can I get my money back',
      'send my money back',
    ];
    const used = new Set<string>();
    for (let seed = 0; seed < 16; seed++) {
      const c = await play(FREE, 'goal: Get my money back for a broken kettle.\n', seed);
      const first = customerLines(c)[0].toLowerCase();
      const example = examples.find((e) => first.includes(e.toLowerCase()));
      expect(example, first).toBeDefined();
      used.add(example!);
      expect(c.steps['help/refunded']).toBe(1);
    }
    expect(used.size).toBeGreaterThanOrEqual(3);
  });

  it('is done once its goal is dealt with and the bot asks if there is anything else', async () => {
    const c = await play(FREE, 'goal: Get my money back for a broken kettle.\n');
    expect(c.outcome).toBe('resolved');
    expect(c.endReason).toBe('customer-done');
    expect(c.turns).toBe(1);
  });

  it('answers what the bot asks from what it knows, the value exactly, whatever its style', async () => {
    for (let seed = 0; seed < 10; seed++) {
      const c = await play(
        SHOP,
        'goal: Get a refund for my order.\nmood: angry\ntraits: [typos, non-native]\nknows:\n  order_id: AB123456\n  email: sam@example.com\nworld:\n  check: {ok: true}\n',
        seed,
      );
      const lines = customerLines(c);
      expect(
        lines.some((l) => l.includes('AB123456')),
        lines.join(' | '),
      ).toBe(true);
      expect(
        lines.some((l) => l.includes('sam@example.com')),
        lines.join(' | '),
      ).toBe(true);
      expect(c.outcome, lines.join(' | ')).toBe('resolved');
    }
  });

  it('picks the quick reply that serves its goal', async () => {
    for (let seed = 0; seed < 10; seed++) {
      const c = await play(SHOP, 'goal: Find out where my parcel is.\nknows:\n  order_id: AB123456\n', seed);
      expect(c.routes['shop/menu→shop/ask_track#option'], customerLines(c).join(' | ')).toBe(1);
    }
  });

  it('asks for a person when its patience runs out, and the bot hands it to one', async () => {
    const c = await play(FREE, 'goal: Book a flight to Mars.\npatience: 2\n');
    expect(c.fallbacks).toBe(2);
    expect(c.humanAskedAt).toBe(3);
    expect(c.handoffAt).toBe(3);
    expect(c.outcome).toBe('handoff');
    expect(c.transcript.filter((l) => l.wantsHuman).map((l) => l.turn)).toEqual([3]);
  });

  it(`gives up ${GIVE_UP_AFTER} bot turns after asking for a person who never comes`, async () => {
    const c = await play(TRAP, 'goal: Book a flight to Mars.\npatience: 1\n');
    expect(c.humanAskedAt).toBe(2);
    expect(c.outcome).toBe('abandoned');
    expect(c.endReason).toBe('customer-gave-up');
    expect(c.turns).toBe(2 + GIVE_UP_AFTER - 1);
  });

  it('with patience 0 asks for a person at once', async () => {
    const c = await play(FREE, 'goal: Get my money back.\npatience: 0\n');
    expect(c.humanAskedAt).toBe(1);
    expect(c.outcome).toBe('handoff');
    expect(c.turns).toBe(1);
  });

  it('says its opening as written', async () => {
    const c = await play(FREE, 'goal: Get my money back.\nopening: my kettle arrived BROKEN\n');
    expect(customerLines(c)[0]).toBe('my kettle arrived BROKEN');
  });

  it('grows more upset on unhelpful turns', () => {
    expect(
      ['calm', 'happy', 'confused', 'impatient', 'frustrated', 'angry'].map((m) => moodAfter(m as never, 2)),
    ).toEqual(['frustrated', 'frustrated', 'frustrated', 'frustrated', 'angry', 'angry']);
    expect(moodAfter('calm', 0)).toBe('calm');
    expect(moodAfter('impatient', 3)).toBe('angry');
  });
});

describe('phrasing by mood and traits', () => {
  const lines = (mood: string, traits: string[], n = 40) => {
    const rng = new Rng(1);
    return Array.from({ length: n }, () =>
      phrase({ mood: mood as never, traits, rng, content: [{ text: 'change my booking' }] }),
    );
  };

  it('terse lines are short and lower case', () => {
    for (const l of lines('angry', ['terse'])) {
      expect(l).toBe(l.toLowerCase());
      expect(l.split(' ').length).toBeLessThanOrEqual(6);
    }
  });

  it('verbose lines are longer than plain ones', () => {
    const mean = (xs: string[]) => xs.reduce((n, x) => n + x.length, 0) / xs.length;
    expect(mean(lines('calm', ['verbose']))).toBeGreaterThan(mean(lines('calm', [])) + 20);
  });

  it('non-native and elderly customers write no contractions', () => {
    for (const l of [...lines('anxious', ['non-native']), ...lines('sad', ['elderly'])])
      expect(l).not.toMatch(/\b\w+'(m|s|t|ve|ll)\b/);
  });

  it('typos never touch a value', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 50; i++) {
      const l = phrase({
        mood: 'angry',
        traits: ['typos'],
        rng,
        content: [{ text: 'AB123456', keep: true }],
      });
      expect(l).toContain('AB123456');
    }
  });

  it('a goal written as a task is said in the first person', () => {
    expect(firstPerson('Get a refund for order AB123456.')).toBe('I want to get a refund for order AB123456');
    expect(firstPerson('My card was stolen.')).toBe('My card was stolen');
  });
});
