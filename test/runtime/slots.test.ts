import { describe, expect, it } from 'vitest';
import type { BotData } from '../../src/runtime/bot-types.js';
import { extractValue } from '../../src/runtime/slots.js';

type Row = [reply: string, expected: string | number | boolean | undefined];

const table = (def: BotData, rows: Row[]) =>
  it.each(rows)('%j → %j', (reply, expected) => {
    expect(extractValue(def, reply)).toBe(expected);
  });

describe('text', () => {
  describe('without a pattern: the whole reply, trimmed', () =>
    table({ type: 'text' }, [
      ['  it arrived broken, the box was crushed  ', 'it arrived broken, the box was crushed'],
      ['Jane Doe', 'Jane Doe'],
      ['   ', undefined],
      ['', undefined],
    ]));

  describe('with an anchored pattern: found inside a longer reply, as a whole token', () =>
    table({ type: 'text', pattern: '^[A-Z]{2}\\d{6}$' }, [
      ['AB123456', 'AB123456'],
      ["it's AB123456 thanks", 'AB123456'],
      ['order number: CD654321.', 'CD654321'],
      ['XAB1234567', undefined],
      ['ab123456', undefined],
      ['I lost it', undefined],
    ]));

  describe('with an unanchored pattern: the first match', () =>
    table({ type: 'text', pattern: '#?\\d{4,}' }, [
      ['my order was #10442 and #10443', '#10442'],
      ['no idea', undefined],
    ]));

  it('never throws on a pattern that is not a valid regular expression', () => {
    expect(extractValue({ type: 'text', pattern: '([a-z' }, 'abc')).toBeUndefined();
  });
});

describe('number', () =>
  table({ type: 'number' }, [
    ['42', 42],
    ['about 42.50 I think', 42.5],
    ['it cost me 1,200 dollars', 1200],
    ['£1,200.99 in total', 1200.99],
    ['-3 degrees', -3],
    ['I ordered 3 and got 2', 3],
    ['twelve', 12],
    ['I need twenty-one of them', 21],
    ['a hundred', 100],
    ['two hundred and fifty', 250],
    ['just one please', 1],
    ['none', undefined],
    ['order AB12', undefined],
    ['no idea', undefined],
  ]));

describe('boolean', () =>
  table({ type: 'boolean' }, [
    ['yes', true],
    ['Yeah, that works', true],
    ['yep!', true],
    ['sure', true],
    ["that's correct", true],
    ['please do', true],
    ['ok', true],
    ['Of course', true],
    ['no', false],
    ['Nope.', false],
    ['not really', false],
    ['nah', false],
    ["no thanks, I'm fine", false],
    ["that's not correct", false],
    ["I don't", false],
    ['yes and no', undefined],
    // The answer comes first; what follows it is not an answer.
    ['no. Please, I need help quickly.', false],
    ['nope, please hurry up', false],
    ["yes! I'm not happy about any of this", true],
    ['please', true],
    ['yes please', true],
    ['please help me', undefined],
    ["I'm not sure", undefined],
    ['maybe later', undefined],
    ['I know what I want', undefined],
    ['what is the price?', undefined],
    ['', undefined],
  ]));

describe('email', () =>
  table({ type: 'email' }, [
    ['jane.doe@example.com', 'jane.doe@example.com'],
    ['sure, it is Jane.Doe+shop@mail.example.co.uk.', 'Jane.Doe+shop@mail.example.co.uk'],
    ['<bob_99@sub.domain.org>', 'bob_99@sub.domain.org'],
    ['jane at example dot com', undefined],
    ['jane@localhost', undefined],
    ['@example.com', undefined],
    ['jane..doe@example.com', undefined],
  ]));

describe('phone', () =>
  table({ type: 'phone' }, [
    ['+44 20 7946 0958', '+442079460958'],
    ['call me on (555) 123-4567 after 5', '5551234567'],
    ['0044 7700 900123', '+447700900123'],
    ['07700 900123', '07700900123'],
    ['my number is 555.123.4567', '5551234567'],
    ['+1-202-555-0173', '+12025550173'],
    ['12345', undefined],
    ['2026-03-12', undefined],
    ['12/03/2026', undefined],
    ['12.03.2026', undefined],
    ['it was 42.50', undefined],
    ['no phone sorry', undefined],
  ]));

describe('date', () =>
  table({ type: 'date' }, [
    ['2026-03-12', '2026-03-12'],
    ['on 12/03/2026 please', '2026-03-12'],
    ['03/25/2026', '2026-03-25'],
    ['12.03.26', '2026-03-12'],
    ['March 3rd 2026', '2026-03-03'],
    ['march 3, 2026', '2026-03-03'],
    ['the 3rd of March, 2026', '2026-03-03'],
    ['3 March', '--03-03'],
    ['Dec 25', '--12-25'],
    ['tomorrow', 'tomorrow'],
    ['today if possible', 'today'],
    ['29 February 2024', '2024-02-29'],
    ['29 February 2026', undefined],
    ['2026-13-40', undefined],
    ['31/31/2026', undefined],
    ['I may come later', undefined],
    ['some time next week', undefined],
  ]));

describe('choice', () => {
  const def: BotData = {
    type: 'choice',
    values: ['Email', 'Phone', 'Standard', 'Standard Plus', 'Express delivery'],
  };
  table(def, [
    ['email', 'Email'],
    ['PHONE please', 'Phone'],
    ['by emial', 'Email'],
    ['I would like standard plus', 'Standard Plus'],
    ['standrd plus', 'Standard Plus'],
    ['standard is fine', 'Standard'],
    ['expres delivry', 'Express delivery'],
    ['email or phone, either is fine', undefined],
    ['carrier pigeon', undefined],
    ['', undefined],
  ]);
  it('does not take a short value for a near word', () => {
    expect(extractValue({ type: 'choice', values: ['no', 'yes'] }, 'on')).toBeUndefined();
    expect(extractValue({ type: 'choice', values: ['red', 'blue'] }, 'I like the bed')).toBeUndefined();
  });
});

describe('hostile replies', () => {
  const types: BotData[] = [
    { type: 'text' },
    { type: 'text', pattern: '^(a+)+$' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'email' },
    { type: 'phone' },
    { type: 'date' },
    { type: 'choice', values: ['Standard Plus', 'Email'] },
  ];
  const replies = [
    'a'.repeat(100_000),
    `${'a@'.repeat(50_000)}`,
    `${'1 '.repeat(50_000)}`,
    `${'a.'.repeat(50_000)}@x`,
    '\u0000\u0001\u0007\u001b[31m yes \u0000',
    `${'9'.repeat(100_000)}`,
  ];
  it('return quickly and never throw', () => {
    const start = performance.now();
    for (const def of types) for (const r of replies) expect(() => extractValue(def, r)).not.toThrow();
    expect(performance.now() - start).toBeLessThan(5000); // a hang guard (no backtracking blow-up), not a speed target
  });
  it('still read a value around control characters', () => {
    expect(extractValue({ type: 'boolean' }, '\u0000yes\u0007')).toBe(true);
    expect(extractValue({ type: 'number' }, '\u001b[0m42')).toBe(42);
  });
  it('return undefined for a reply that is not a string', () => {
    expect(extractValue({ type: 'number' }, undefined as unknown as string)).toBeUndefined();
  });
});
