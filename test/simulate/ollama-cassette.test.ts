import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Cassette,
  describeDifference,
  parseCassette,
  readCassettes,
  requestKey,
  serializeCassette,
} from '../../src/simulate/ollama/cassette.js';
import type { ModelRequest } from '../../src/simulate/ollama/client.js';
import { CUSTOMER_FORMAT, JUDGE_FORMAT } from '../../src/simulate/ollama/prompts.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-cassette-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const req = (messages: [string, string][], extra: Partial<ModelRequest> = {}): ModelRequest => ({
  model: 'llama3.2',
  messages: messages.map(([role, content]) => ({ role: role as 'user', content })),
  format: CUSTOMER_FORMAT,
  options: { seed: 0, temperature: 0.7, num_predict: 256 },
  ...extra,
});

const turn1 = req([
  ['system', 'You are a customer.'],
  ['user', 'Hi, how can I help?'],
]);
const turn2 = req([
  ['system', 'You are a customer.'],
  ['user', 'Hi, how can I help?'],
  ['assistant', '{"message":"refund"}'],
  ['user', 'What is your order number?'],
]);
const judge: ModelRequest = {
  model: 'llama3.2',
  messages: [
    { role: 'system', content: 'Rate it.' },
    { role: 'user', content: 'Bot: hi\nCustomer: refund' },
  ],
  format: JUDGE_FORMAT,
  options: { seed: 0, temperature: 0, num_predict: 512 },
};

const cassette: Cassette = {
  conversation: 'angry#1',
  persona: 'angry',
  run: 1,
  seed: 0,
  customer: 'ollama',
  exchanges: [
    { kind: 'customer', turn: 1, request: turn1, key: requestKey(turn1), answer: '{"message": "refund"}' },
    {
      kind: 'customer',
      turn: 2,
      request: turn2,
      key: requestKey(turn2),
      error: { failure: 'timeout', message: 'no answer within 120 s; tried 4 times' },
    },
    { kind: 'judge', request: judge, key: requestKey(judge), answer: '{"score": 3, "reasons": ["ok"]}' },
  ],
};

describe('request keys', () => {
  it('hash the canonical request: key order does not matter, every part does', () => {
    const shuffled = {
      options: turn1.options,
      format: turn1.format,
      messages: turn1.messages,
      model: turn1.model,
    };
    expect(requestKey(shuffled)).toBe(requestKey(turn1));
    expect(requestKey(turn1)).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(requestKey({ ...turn1, model: 'other' })).not.toBe(requestKey(turn1));
    expect(requestKey({ ...turn1, options: { ...turn1.options, seed: 1 } })).not.toBe(requestKey(turn1));
    expect(requestKey({ ...turn1, format: JUDGE_FORMAT })).not.toBe(requestKey(turn1));
    expect(requestKey(turn2)).not.toBe(requestKey(turn1));
  });

  it('leave out what is not part of the request (the host, stream, keep-alive)', () => {
    const sent = { ...turn1, stream: false, keep_alive: '5m', host: 'http://a:1' } as ModelRequest;
    expect(requestKey(sent)).toBe(requestKey(turn1));
  });
});

describe('a recording file', () => {
  const text = serializeCassette(cassette);
  const stored = JSON.parse(text);

  it('keeps each format once and only the messages an exchange added', () => {
    expect(Object.keys(stored.formats)).toEqual(['customer', 'judge']);
    expect(
      stored.exchanges.map((x: { history: number; messages: unknown[] }) => [x.history, x.messages.length]),
    ).toEqual([
      [0, 2],
      [2, 2],
      [0, 2],
    ]);
    expect(stored.exchanges[1].error).toEqual({
      failure: 'timeout',
      message: 'no answer within 120 s; tried 4 times',
    });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "exchanges": [\n');
  });

  it('reads back to the same requests and answers', () => {
    expect(parseCassette(text, 'x.json')).toEqual(cassette);
  });

  it('refuses a file edited so that a request no longer matches its key', () => {
    const edited = text.replace('What is your order number?', 'What is your order?');
    expect(() => parseCassette(edited, 'rec/angry.run-1.json')).toThrow(
      'rec/angry.run-1.json is not a tact recording: exchange 2 does not match its key (was the file edited by hand?)',
    );
  });

  it.each([
    ['not JSON', '{', /its JSON does not parse/],
    ['another format', '{"format":"x"}', /"format" is not "tact-recording"/],
    [
      'a newer version',
      '{"format":"tact-recording","version":2}',
      /version 2 is not 1, the one this tact reads/,
    ],
  ])('refuses %s', (_name, body, message) => {
    expect(() => parseCassette(body, 'f.json')).toThrow(message);
  });

  it('is found in its folder by conversation; an empty or missing folder is exit 2', () => {
    const dir = path.join(tmp, 'rec');
    expect(() => readCassettes(dir)).toThrow(`cannot replay from ${dir}: there is no such folder`);
    writeFileSync(path.join(tmp, 'file'), '');
    expect(() => readCassettes(path.join(tmp, 'file'))).toThrow('it is not a folder');
    const empty = mkdtempSync(path.join(tmp, 'empty-'));
    expect(() => readCassettes(empty)).toThrow(`no recordings in ${empty} (no *.run-N.json files)`);
    writeFileSync(path.join(empty, 'angry.run-1.json'), text);
    const found = readCassettes(empty);
    expect([...found.keys()]).toEqual(['angry#1']);
    expect(readFileSync(found.get('angry#1')!.file, 'utf8')).toBe(text);
  });
});

describe('describeDifference', () => {
  it('names the model, each option, the format and the first message that differ', () => {
    const now = req(
      [
        ['system', 'You are a customer.'],
        ['user', 'Hi, how can I help you today?'],
      ],
      { model: 'qwen2.5', options: { seed: 3, temperature: 0.7, num_predict: 256 } },
    );
    expect(describeDifference(turn1, now, 'customer')).toEqual([
      'model: recorded llama3.2, now qwen2.5',
      'options.seed: recorded 0, now 3',
      'message 2 (the bot\'s words): recorded "Hi, how can I help?", now "Hi, how can I help you today?"',
    ]);
    expect(describeDifference(turn1, { ...turn1, format: JUDGE_FORMAT }, 'customer')).toEqual([
      'the answer format (this tact asks for another shape)',
    ]);
    expect(describeDifference(turn1, turn2, 'customer')).toEqual([
      'the recording has 2 messages, this request 4',
    ]);
  });

  it('shows the line of a long message that changed', () => {
    const a = req([['system', 'one\nYour goal: refund\nthree']]);
    const b = req([['system', 'one\nYour goal: exchange\nthree']]);
    expect(describeDifference(a, b, 'customer')).toEqual([
      'message 1 (the customer\'s instructions): line 2: recorded "Your goal: refund", now "Your goal: exchange"',
    ]);
  });
});
