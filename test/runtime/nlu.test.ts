import { describe, expect, it } from 'vitest';
import { buildNlu } from '../../src/compile/nlu-train.js';
import { matchIntent, type NluIndex } from '../../src/runtime/nlu.js';

const intents = {
  'refund/request': {
    examples: [
      'I want a refund',
      'can I get my money back',
      'I would like to return this and be refunded',
      'how do I get a refund for my order',
      'please refund me',
    ],
  },
  'order/track': {
    examples: [
      'where is my order',
      'track my package',
      'my parcel has not arrived yet',
      'when will my delivery come',
      'what is the status of my shipment',
    ],
  },
  'account/password': {
    examples: [
      'I forgot my password',
      'reset my password',
      'I can not log in to my account',
      'my login does not work',
      'how do I change my password',
    ],
  },
  'billing/charged_twice': {
    examples: [
      'I was charged twice',
      'there is a double charge on my card',
      'you took the payment two times',
      'duplicate payment on my statement',
    ],
  },
  human: {
    examples: ['agent', 'talk to a human', 'real person please', 'representative', 'can I speak to someone'],
  },
};

const nlu = buildNlu(intents);

describe('matchIntent', () => {
  it.each([
    ['I need a refund', 'refund/request'],
    ['where is my parcel?', 'order/track'],
    ['reset password', 'account/password'],
    ['i got charged two times for one order', 'billing/charged_twice'],
    ['let me talk to a real person', 'human'],
  ])('finds the intent of %j', (text, intent) => {
    expect(matchIntent(nlu, text).intent).toBe(intent);
  });

  it.each([
    ['I was refunded?', 'refund/request'],
    ['refunding my purchase', 'refund/request'],
    ['tracking my packages', 'order/track'],
    ['my parcels never arrive', 'order/track'],
    ['resetting passwords', 'account/password'],
  ])('handles inflections: %j', (text, intent) => {
    expect(matchIntent(nlu, text).intent).toBe(intent);
  });

  it.each([
    ['refnd my ordr', 'refund/request'],
    ['i forgot my pasword', 'account/password'],
    ['where is my pakage', 'order/track'],
    ['talk to a humna', 'human'],
    ['I was chrged twice', 'billing/charged_twice'],
  ])('tolerates typos: %j', (text, intent) => {
    expect(matchIntent(nlu, text).intent).toBe(intent);
  });

  it('is not thrown off by stop words and contractions', () => {
    expect(
      matchIntent(nlu, 'Well, so, I would really like it if you could just give me the refund please').intent,
    ).toBe('refund/request');
    expect(matchIntent(nlu, "I can't log in").intent).toBe('account/password');
    expect(matchIntent(nlu, 'I cannot login').intent).toBe('account/password');
  });

  it.each([
    "what's the weather on mars",
    'tell me a joke about penguins',
    'who won the football game yesterday',
    'asdfgh qwerty',
    '',
    '!!!???',
  ])('says none for unrelated text: %j', (text) => {
    const m = matchIntent(nlu, text);
    expect(m.intent).toBe('none');
    expect(m.score).toBeLessThan(nlu.threshold);
  });

  it('ranks candidates best first with scores between 0 and 1', () => {
    const m = matchIntent(nlu, 'refund my money');
    expect(m.ranking[0].intent).toBe(m.intent);
    expect(m.ranking.length).toBeGreaterThan(1);
    for (let i = 1; i < m.ranking.length; i++)
      expect(m.ranking[i - 1].score).toBeGreaterThanOrEqual(m.ranking[i].score);
    for (const r of m.ranking) expect(r.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(1);
  });

  it('never throws and stays quick on hostile input', () => {
    const huge = 'refund '.repeat(20000) + '\u0000\u0007\u001b[31m';
    const start = performance.now();
    expect(matchIntent(nlu, huge).intent).toBe('refund/request');
    expect(matchIntent(nlu, '\u0000\u0001\u0002').intent).toBe('none');
    expect(performance.now() - start).toBeLessThan(5000); // a hang guard (no backtracking blow-up), not a speed target
    expect(() => matchIntent(nlu, undefined as unknown as string)).not.toThrow();
  });

  it('handles a bot with no intents or a single intent', () => {
    expect(matchIntent(buildNlu({}), 'hello').intent).toBe('none');
    const one = buildNlu({ yes: { examples: ['yes', 'yes please', 'sure'] } });
    expect(matchIntent(one, 'yes please').intent).toBe('yes');
    expect(matchIntent(one, 'the weather on mars').intent).toBe('none');
  });

  it('finds short intents made of stop words', () => {
    const small = buildNlu({
      greet: { examples: ['hello', 'hi there', 'hey'] },
      thanks: { examples: ['thanks', 'thank you so much'] },
      human,
    });
    expect(matchIntent(small, 'hello!').intent).toBe('greet');
    expect(matchIntent(small, 'thank you').intent).toBe('thanks');
  });
});

const human = intents.human;

describe('what a reply must share with an intent', () => {
  const withLive = buildNlu({
    ...intents,
    human: { examples: [...intents.human.examples, 'live agent', 'get me a person'] },
  });

  it.each([
    // "like" is a function word, never a typo of "live"; "deal" is not a slip of "real".
    "I'd like to get it done today",
    "I've been meaning to deal with this for a few days now",
    'I would like it done quickly',
  ])('a chatty reply with none of the intent’s content words is not that intent: %j', (text) => {
    expect(matchIntent(withLive, text).intent).toBe('none');
  });

  it.each([
    ['get me a persn', 'human'],
    ['i want a refnud', 'refund/request'],
  ])('a typo inside a content word is still read: %j', (text, intent) => {
    expect(matchIntent(withLive, text).intent).toBe(intent);
  });
});

describe('buildNlu', () => {
  it('is deterministic: same input, same index, whatever the key order', () => {
    const again = buildNlu(Object.fromEntries(Object.entries(intents).reverse()));
    expect(JSON.stringify(again)).toBe(JSON.stringify(nlu));
  });

  it('survives a JSON round-trip with the same answers', () => {
    const copy = JSON.parse(JSON.stringify(nlu)) as NluIndex;
    for (const text of ['refnd my ordr', 'where is my parcel', "what's the weather on mars", 'agent']) {
      expect(matchIntent(copy, text)).toEqual(matchIntent(nlu, text));
    }
  });

  it('stores the threshold the runtime uses', () => {
    const strict = buildNlu(intents, { threshold: 0.99 });
    expect(strict.threshold).toBe(0.99);
    expect(matchIntent(strict, 'I need a refund').intent).toBe('none');
    expect(matchIntent(strict, 'I need a refund').ranking[0].intent).toBe('refund/request');
  });
});

describe('matching among the intents a step can route', () => {
  it('only a candidate can win, with the same score it has in the whole bot', () => {
    const whole = matchIntent(nlu, 'please refund me my money');
    expect(whole.intent).toBe('refund/request');
    const restricted = matchIntent(nlu, 'please refund me my money', {
      candidates: ['order/track', 'human'],
    });
    expect(restricted.intent).not.toBe('refund/request');
    expect(restricted.ranking.every((r) => ['order/track', 'human'].includes(r.intent))).toBe(true);
    const same = matchIntent(nlu, 'please refund me my money', { candidates: ['refund/request', 'human'] });
    expect(same.score).toBe(whole.score);
  });

  it('a lone candidate is not inflated into a match', () => {
    expect(matchIntent(nlu, 'it is order 4411', { candidates: ['human'] }).intent).toBe('none');
  });

  it('a reply of numbers only is never an intent: it is a value or a choice', () => {
    for (const reply of ['2', '42', '1,200', '4411']) expect(matchIntent(nlu, reply).intent).toBe('none');
  });
});
