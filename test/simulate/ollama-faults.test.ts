import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { TactError } from '../../src/errors.js';
import type { Persona } from '../../src/flow/types.js';
import { loadBot } from '../../src/runtime/index.js';
import { createPlayers, type EngineOptions } from '../../src/simulate/engines/index.js';
import { simulate } from '../../src/simulate/run.js';
import type { SimReport } from '../../src/simulate/summary.js';
import { closedPort, type OllamaStub, type StubFault, startOllamaStub } from '../helpers/ollama-stub.js';

// The fault suite (simulation.md, "Faults"): every way an Ollama server goes wrong, against the
// stub through the real client, with what the run then does. Each fault runs twice: on one server
// (the documented behaviour and error), then at concurrency 8 over two servers of which only one
// is faulty (no conversation is lost: the report is the same as with no fault at all).

const ROOT = path.resolve(import.meta.dirname, '../..');
const compiled = compile([path.join(ROOT, 'flows')]);
const bot = loadBot(compiled.bot);
const allPersonas = compiled.project.personas;
const some = (...ids: string[]): Persona[] => allPersonas.filter((p) => ids.includes(p.id));
const FOUR = some('angry-damaged-item', 'calm-dispute', 'happy-new-dates', 'sad-no-rooms');

const stubs: OllamaStub[] = [];
const start = async (...args: Parameters<typeof startOllamaStub>) => {
  const s = await startOllamaStub(...args);
  stubs.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const FAST = { backoffMs: 5, cooldownMs: 200, timeoutMs: 400, retries: 2 };

async function run(
  hosts: string[],
  personas: Persona[],
  options: Partial<EngineOptions> & { concurrency?: number; runs?: number; signal?: AbortSignal } = {},
) {
  const warnings: string[] = [];
  const players = await createPlayers({
    engine: 'ollama',
    hosts,
    ...FAST,
    ...options,
    onWarning: (m) => warnings.push(m),
  });
  const result = await simulate(bot, personas, players.engine, {
    concurrency: options.concurrency ?? players.concurrency,
    runs: options.runs,
    judge: players.judge,
    signal: options.signal,
  });
  return { ...result, warnings };
}

const errorsOf = (report: SimReport) =>
  Object.fromEntries(report.conversations.filter((c) => c.outcome === 'error').map((c) => [c.id, c.error]));

/** A fault on the first `n` chat requests, then none. */
const firstN =
  (n: number, fault: StubFault) =>
  ({ path: p, index }: { path: string; index: number }) =>
    p === '/api/chat' && index < n ? fault : undefined;
const always =
  (fault: StubFault) =>
  ({ path: p }: { path: string }) =>
    p === '/api/chat' ? fault : undefined;

async function prepareError(hosts: string[], options: Partial<EngineOptions> = {}): Promise<TactError> {
  try {
    await run(hosts, FOUR, options);
  } catch (err) {
    if (err instanceof TactError) return err;
    throw err;
  }
  throw new Error('expected the run to be refused');
}

describe('before the first conversation', () => {
  it('no server: exit 2, saying how to start one', async () => {
    const port = await closedPort();
    const e = await prepareError([`127.0.0.1:${port}`]);
    expect([e.message, e.hint, e.exitCode]).toEqual([
      `no Ollama server answers at http://127.0.0.1:${port} (connection refused)`,
      'start one with `ollama serve`, or point --host or OLLAMA_HOST at one that runs',
      2,
    ]);
  });

  it('no model: exit 2 with `ollama pull NAME` (the judge model too)', async () => {
    const stub = await start({ models: ['qwen2.5:3b'] });
    const e = await prepareError([stub.url]);
    expect([e.message, e.hint, e.exitCode]).toEqual([
      `the model llama3.2 is not on the Ollama server at ${stub.url}`,
      'pull it with `ollama pull llama3.2`, or name another with --model',
      2,
    ]);
    const judge = await prepareError([stub.url], {
      model: 'qwen2.5:3b',
      judge: true,
      judgeModel: 'llama3.1:8b',
    });
    expect([judge.message, judge.hint]).toEqual([
      `the model llama3.1:8b is not on the Ollama server at ${stub.url}`,
      'pull it with `ollama pull llama3.1:8b`, or name another with --judge-model',
    ]);
  });

  it('something that is not Ollama: exit 2, naming it', async () => {
    const stub = await start({
      fault: ({ path: p }) =>
        p === '/api/version'
          ? { status: 404, text: '404 page not found', contentType: 'text/plain' }
          : undefined,
    });
    const e = await prepareError([stub.url]);
    expect([e.message, e.exitCode]).toEqual([
      `${stub.url} does not answer as an Ollama server does: GET /api/version answered 404: 404 page not found`,
      2,
    ]);
  });

  it('checks with GET /api/version, then POST /api/show for the model', async () => {
    const stub = await start();
    await run([stub.url], some('happy-new-dates'));
    expect(
      stub.requests.slice(0, 2).map((r) => `${r.method} ${r.path} ${r.body?.model ?? ''}`.trim()),
    ).toEqual(['GET /api/version', 'POST /api/show llama3.2']);
  });
});

describe('the requests', () => {
  it('reverse the roles, carry the persona, the seed and the temperature, and ask for the JSON shape', async () => {
    const stub = await start();
    await run([stub.url], some('angry-damaged-item'), { temperature: 0.3 });
    const first = stub.chats[0].body;
    expect(first.stream).toBe(false);
    expect(first.options).toEqual({ seed: 0, temperature: 0.3, num_predict: 256 });
    expect(first.format).toMatchObject({ required: ['message', 'done', 'wants_human', 'gave_up'] });
    expect(first.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const system = first.messages[0].content;
    for (const part of [
      'Your goal: Get a refund for order AB123456, which arrived broken.',
      'Your mood: angry',
      'very short messages',
      'typo',
      'After 3 unhelpful answers',
      '- order id: AB123456',
      '- email: sam.k@example.com',
    ])
      expect(system).toContain(part);
    // The persona's opening is said as written, with no call; the bot's lines are the user turns.
    expect(JSON.parse(first.messages[2].content)).toEqual({
      message: 'my order arrived BROKEN and I want my money back',
      done: false,
      wants_human: false,
      gave_up: false,
    });
    expect(first.messages[1].content).toContain('Quick replies: 1. Return or refund');
    const seeds = await start();
    await run([seeds.url], some('happy-new-dates'), { runs: 2 });
    expect([...new Set(seeds.chats.map((c) => c.body.options?.seed))].sort()).toEqual([0, 1]);
  });
});

interface FaultCase {
  name: string;
  fault: (call: { path: string; index: number; body: any }) => StubFault | undefined;
  /** On one server: the error of every conversation, or undefined when all recover. */
  error?: string;
}

const FAULTS: FaultCase[] = [
  { name: '503 busy, twice, then answers', fault: firstN(2, { status: 503 }) },
  {
    name: '503 busy every time',
    fault: always({ status: 503 }),
    error:
      'Ollama: the server is busy (503: server busy, please try again.  maximum pending requests exceeded); tried 3 times',
  },
  {
    name: '429 too many requests every time',
    fault: always({ status: 429 }),
    error: 'Ollama: the server is busy (429: too many requests); tried 3 times',
  },
  {
    name: "502 from a proxy, with the proxy's HTML page",
    fault: always({ status: 502, text: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
    error: 'Ollama: a proxy could not reach the server (502: 502 Bad Gateway); tried 3 times',
  },
  { name: 'a slow answer, once', fault: firstN(1, { delayMs: 1500 }) },
  {
    name: 'slower than --timeout every time',
    fault: always({ delayMs: 1500 }),
    error: 'Ollama: no answer within 0.4 s; tried 3 times',
  },
  { name: 'the connection dropped before the headers, once', fault: firstN(1, { drop: 'before-headers' }) },
  {
    name: 'the connection dropped half-way through the body every time',
    fault: always({ drop: 'mid-body' }),
    error: 'Ollama: the connection was dropped before the whole answer came; tried 3 times',
  },
  {
    name: 'an answer that is not JSON, once',
    fault: firstN(1, { content: 'Sure! Here is my reply: hello' }),
  },
  {
    name: 'answers that are not JSON every time',
    fault: always({ content: 'Sure! Here is my reply: hello' }),
    error:
      'the model\'s answer was not the JSON asked for, twice: it is not JSON ("Sure! Here is my reply: hello") (first: it is not JSON ("Sure! Here is my reply: hello"))',
  },
  {
    name: 'JSON of the wrong shape every time',
    fault: always({ content: '{"reply": "hello"}' }),
    error:
      "the model's answer was not the JSON asked for, twice: not the shape asked for: must have required property 'message' (first: not the shape asked for: must have required property 'message')",
  },
  {
    name: 'a body that is not JSON every time',
    fault: always({ body: '<html>hello</html>', contentType: 'text/html' }),
    error:
      "the model's answer was not the JSON asked for, twice: its answer is not JSON (first: its answer is not JSON)",
  },
  {
    name: '500 from the model (not tried again on the same server)',
    fault: always({ status: 500 }),
    error: 'Ollama: the server could not answer (500: the model failed to generate a response); tried once',
  },
  {
    name: 'the model is gone (404 mid-run)',
    fault: always({ status: 404, error: 'model "llama3.2" not found, try pulling it first' }),
    error:
      'Ollama: the server does not have the model (404: model "llama3.2" not found, try pulling it first); tried once; pull it with `ollama pull llama3.2`',
  },
];

describe('faults on the only server', () => {
  for (const f of FAULTS) {
    it(`${f.name}: ${f.error ? 'every conversation is error, with the reason' : 'retried, every conversation ends'}`, async () => {
      const stub = await start({ fault: f.fault });
      const { report } = await run([stub.url], FOUR);
      expect(report.summary.conversations).toBe(4);
      if (f.error) {
        expect(errorsOf(report)).toEqual(Object.fromEntries(FOUR.map((p) => [`${p.id}#1`, f.error])));
      } else {
        expect(errorsOf(report)).toEqual({});
      }
    });
  }

  it('a malformed answer is tried once more with what was wrong, and the conversation goes on', async () => {
    const stub = await start({ fault: firstN(1, { content: 'not json' }) });
    const { report } = await run([stub.url], some('calm-dispute'));
    expect(report.summary.errors).toBe(0);
    const retry = stub.chats[1].body.messages;
    expect(retry.slice(-2)).toEqual([
      { role: 'assistant', content: 'not json' },
      {
        role: 'user',
        content:
          '(A note from the test harness, not from the bot: your last answer could not be used: it is not JSON ("not json"). Answer again with only a JSON object with message, done, wants_human and gave_up.)',
      },
    ]);
  });

  it('one conversation that fails is error; the others go on', async () => {
    const stub = await start({
      fault: ({ path: p, body }) =>
        p === '/api/chat' && body.messages[0].content.includes('gym membership')
          ? { content: '???' }
          : undefined,
    });
    const { report } = await run(
      [stub.url],
      some('frustrated-gym-membership', 'happy-new-dates', 'calm-dispute'),
    );
    expect(Object.keys(errorsOf(report))).toEqual(['frustrated-gym-membership#1']);
    expect(report.summary.conversations).toBe(3);
    expect(report.conversations.filter((c) => c.outcome !== 'error')).toHaveLength(2);
  });

  it('Ctrl-C stops a call that hangs at once; the conversations are not run', async () => {
    const stub = await start({ fault: always({ hang: true }) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const began = Date.now();
    const result = await run([stub.url], FOUR, { timeoutMs: 60_000, signal: controller.signal });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(result.interrupted).toBe(true);
    expect(result.report.summary).toMatchObject({ conversations: 0, notRun: 4 });
  });

  it('bounds the requests in flight by --concurrency', async () => {
    const stub = await start({ fault: always({ delayMs: 20 }) });
    await run([stub.url], allPersonas, { concurrency: 3, timeoutMs: 5_000 });
    expect(stub.maxInFlight).toBeLessThanOrEqual(3);
    expect(stub.maxInFlight).toBeGreaterThanOrEqual(2);
  });
});

describe('faults on one of two servers, at concurrency 8: no conversation is lost', () => {
  let baseline: SimReport;
  beforeAll(async () => {
    const stub = await startOllamaStub();
    try {
      baseline = (await run([stub.url], allPersonas, { concurrency: 8, runs: 2 })).report;
    } finally {
      await stub.close();
    }
    expect(baseline.summary.conversations).toBe(24);
    expect(baseline.summary.errors).toBe(0);
  });

  const both = async (fault: FaultCase['fault'] | undefined) => {
    const bad = await start({ fault });
    const good = await start();
    return { bad, good };
  };

  it('a server that is down from the start is left out, with a warning', async () => {
    const port = await closedPort();
    const good = await start();
    const { report, warnings } = await run([`127.0.0.1:${port}`, good.url], allPersonas, {
      concurrency: 8,
      runs: 2,
    });
    expect(report).toEqual(baseline);
    expect(warnings).toEqual([`http://127.0.0.1:${port} is left out of this run: connection refused`]);
  });

  it('a server without the model is left out, with a warning', async () => {
    const bad = await start({ models: ['other'] });
    const good = await start();
    const { report, warnings } = await run([bad.url, good.url], allPersonas, { concurrency: 8, runs: 2 });
    expect(report).toEqual(baseline);
    expect(warnings).toEqual([`${bad.url} is left out of this run: it does not have the model llama3.2`]);
    expect(bad.chats).toHaveLength(0);
  });

  it('a server that goes down mid-run: its calls go to the other', async () => {
    const { bad, good } = await both(undefined);
    let served = 0;
    bad.setFault(({ path: p }) => {
      if (p === '/api/chat' && ++served === 5) void bad.close();
      return undefined;
    });
    const { report, warnings } = await run([bad.url, good.url], allPersonas, { concurrency: 8, runs: 2 });
    expect(report).toEqual(baseline);
    expect(
      warnings.some((w) => w.startsWith(`${bad.url}: `) && w.endsWith('out of the rotation for 0.2 s')),
    ).toBe(true);
    expect(good.maxInFlight + bad.maxInFlight).toBeLessThanOrEqual(16);
  });

  for (const f of FAULTS) {
    it(`${f.name}`, async () => {
      const { bad, good } = await both(f.fault);
      const { report } = await run([bad.url, good.url], allPersonas, { concurrency: 8, runs: 2 });
      expect(report).toEqual(baseline);
      expect(bad.chats.length).toBeGreaterThan(0);
      expect(good.chats.length).toBeGreaterThan(0);
      expect(good.maxInFlight).toBeLessThanOrEqual(8);
      expect(bad.maxInFlight).toBeLessThanOrEqual(8);
    });
  }

  it('spreads calls over both servers when both are healthy, least busy first', async () => {
    const a = await start({ fault: always({ delayMs: 10 }) });
    const b = await start({ fault: always({ delayMs: 10 }) });
    const { report } = await run([a.url, b.url], allPersonas, { concurrency: 8, runs: 2, timeoutMs: 5_000 });
    expect(report).toEqual(baseline);
    const share = a.chats.length / (a.chats.length + b.chats.length);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
  });
});

afterAll(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
