import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OllamaStub, startOllamaStub } from '../helpers/ollama-stub.js';

// The stub the Ollama tests run against must behave as Ollama documents its API: checked here with
// the real `ollama` client, streamed and not, and with each fault the tests script.
let stub: OllamaStub;
let client: Ollama;

beforeAll(async () => {
  stub = await startOllamaStub({ respond: () => ({ message: 'my order is late', done: false }) });
  client = new Ollama({ host: stub.url });
});
afterAll(() => stub.close());

const chat = { model: 'llama3.2', messages: [{ role: 'user', content: 'hello' }] };

describe('the Ollama stub, through the ollama client', () => {
  it('answers GET / and /api/version as a server does', async () => {
    const root = await fetch(`${stub.url}/`);
    expect(await root.text()).toBe('Ollama is running');
    expect(await client.version()).toEqual({ version: '0.12.6' });
  });

  it('lists its models (/api/tags) and shows one (/api/show), name or name:latest', async () => {
    const list = await client.list();
    expect(list.models.map((m) => m.name)).toEqual(['llama3.2:latest']);
    expect(list.models[0].details.family).toBe('llama');
    const shown = await client.show({ model: 'llama3.2' });
    expect(shown.details.format).toBe('gguf');
    expect((await client.show({ model: 'llama3.2:latest' })).capabilities).toContain('completion');
  });

  it("says a missing model is 404 with Ollama's error body", async () => {
    await expect(client.show({ model: 'nope' })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 404,
      error: "model 'nope' not found",
    });
    await expect(client.chat({ ...chat, model: 'nope' })).rejects.toMatchObject({
      status_code: 404,
      error: 'model "nope" not found, try pulling it first',
    });
  });

  it('streams /api/chat as NDJSON chunks and a final done with its counts', async () => {
    const chunks = [];
    for await (const part of await client.chat({ ...chat, stream: true })) chunks.push(part);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.slice(0, -1).every((c) => c.done === false)).toBe(true);
    const last = chunks[chunks.length - 1];
    expect(last).toMatchObject({ done: true, done_reason: 'stop', model: 'llama3.2' });
    expect(last.eval_count).toBeGreaterThan(0);
    expect(chunks.map((c) => c.message.content).join('')).toBe(
      JSON.stringify({ message: 'my order is late', done: false }),
    );
    const res = await fetch(`${stub.url}/api/chat`, { method: 'POST', body: JSON.stringify(chat) });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n');
    expect(lines.every((l) => typeof JSON.parse(l).created_at === 'string')).toBe(true);
  });

  it('answers /api/chat in one JSON object with stream: false, and loads a model on empty messages', async () => {
    const one = await client.chat({ ...chat, stream: false });
    expect(one).toMatchObject({ done: true, done_reason: 'stop', message: { role: 'assistant' } });
    expect(JSON.parse(one.message.content)).toEqual({ message: 'my order is late', done: false });
    const load = await client.chat({ model: 'llama3.2', messages: [], stream: false });
    expect(load).toMatchObject({ done: true, done_reason: 'load', message: { content: '' } });
  });

  it('refuses a body that is not JSON (400), and unknown paths (404, plain text)', async () => {
    const bad = await fetch(`${stub.url}/api/chat`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/invalid character/);
    const none = await fetch(`${stub.url}/api/nothing`);
    expect(none.status).toBe(404);
    expect(await none.text()).toBe('404 page not found');
  });

  it('scripts faults: 503 with the busy message, a proxy page, an error mid-stream, a drop mid-stream', async () => {
    stub.setFault(() => ({ status: 503 }));
    await expect(client.chat(chat)).rejects.toMatchObject({
      status_code: 503,
      error: 'server busy, please try again.  maximum pending requests exceeded',
    });
    stub.setFault(() => ({ status: 502, text: '<html><body>502 Bad Gateway</body></html>' }));
    const res = await fetch(`${stub.url}/api/chat`, { method: 'POST', body: JSON.stringify(chat) });
    expect([res.status, res.headers.get('content-type')]).toEqual([502, 'text/html; charset=utf-8']);
    stub.setFault(() => ({ streamError: 'an error was encountered while running the model' }));
    const streamed = async () => {
      for await (const _ of await client.chat({ ...chat, stream: true })) {
        // read it all
      }
    };
    await expect(streamed()).rejects.toThrow('an error was encountered while running the model');
    stub.setFault(() => ({ drop: 'mid-body' }));
    await expect(streamed()).rejects.toThrow();
    await expect(client.chat({ ...chat, stream: false })).rejects.toThrow();
    stub.setFault(() => ({ drop: 'before-headers' }));
    await expect(client.chat(chat)).rejects.toThrow('fetch failed');
    stub.setFault(undefined);
  });

  it('counts the requests in flight at once', async () => {
    stub.setFault(() => ({ delayMs: 50 }));
    const before = stub.chats.length;
    await Promise.all([client.chat(chat), client.chat(chat), client.chat(chat)]);
    expect(stub.chats.length - before).toBe(3);
    expect(stub.maxInFlight).toBeGreaterThanOrEqual(3);
    stub.setFault(undefined);
  });
});
