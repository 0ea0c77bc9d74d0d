// A local stand-in for an Ollama server, for tests and the bench: it speaks Ollama's documented
// HTTP API (docs/api.md, api/errors, api/streaming upstream) on 127.0.0.1 at a free port, so the
// real `ollama` client talks to it as to a server:
//   GET  /               200 "Ollama is running"
//   GET  /api/version    {"version": "..."}
//   GET  /api/tags       {"models": [{name, model, modified_at, size, digest, details}]}
//   POST /api/show       the model's details; 404 {"error":"model 'x' not found"}
//   POST /api/chat       NDJSON chunks then a final {done: true, done_reason, durations, counts}
//                        when streamed (the default), one JSON object with "stream": false;
//                        an empty `messages` loads the model (done_reason "load"); a missing model
//                        is 404 {"error":"model \"x\" not found, try pulling it first"}; a body
//                        that is not JSON is 400 with an {error}
//   anything else        404 "404 page not found" (text/plain), as Go's router answers
// Each test scripts what the "model" says (`respond`) and what goes wrong (`fault`): a status with
// Ollama's error body or a proxy's HTML page, a slow answer, a hang, content that is not the JSON
// asked for, a body that is not JSON, a connection dropped before the headers or half-way through
// the body (or the stream), an error line mid-stream. It counts requests and how many were in
// flight at once. Nothing leaves loopback; close() ends every connection.
import { createServer } from 'node:http';

const now = () => new Date().toISOString();

/** Ollama's model names: `name` is `name:latest`. */
export function fullName(model) {
  if (typeof model !== 'string' || model === '') return '';
  return model.includes(':') ? model : `${model}:latest`;
}

function details() {
  return {
    parent_model: '',
    format: 'gguf',
    family: 'llama',
    families: ['llama'],
    parameter_size: '3.2B',
    quantization_level: 'Q4_K_M',
  };
}

/**
 * The stub's own customer, used when a test gives no `respond`: it reads the persona from the
 * system prompt tact sends and answers in turn: its goal, then each thing it knows, then it asks
 * for a person, then gives up. The judge gets a rating of 4.
 */
export function defaultRespond(request) {
  const props = request.format?.properties ?? {};
  if ('score' in props) return { score: 4, reasons: ['The bot answered the customer plainly.'] };
  const system = request.messages?.find((m) => m.role === 'system')?.content ?? '';
  const goal = /^Your goal: (.*)$/m.exec(system)?.[1] ?? 'I need help.';
  const knows = [];
  const block = /What you know[^\n]*\n((?:- .*\n?)*)/.exec(system);
  if (block)
    for (const line of block[1].split('\n'))
      if (line.startsWith('- ')) knows.push(line.replace(/^- [^:]*: /, ''));
  // A second try after a malformed answer ends with the bad answer and tact's note: not a turn.
  const messages = [...(request.messages ?? [])];
  while (
    messages.length >= 2 &&
    messages[messages.length - 1].content.startsWith('(A note from the test harness')
  )
    messages.splice(-2);
  const answered = messages.filter((m) => m.role === 'assistant').length;
  const reply = (message, extra = {}) => ({
    message,
    done: false,
    wants_human: false,
    gave_up: false,
    ...extra,
  });
  if (answered === 0) return reply(goal);
  if (answered <= knows.length) return reply(knows[answered - 1]);
  if (answered === knows.length + 1) return reply('Can I talk to a person, please?', { wants_human: true });
  return reply('I will try another way. Bye.', { gave_up: true });
}

export async function startOllamaStub(options = {}) {
  const models = new Set((options.models ?? ['llama3.2']).map(fullName));
  const state = {
    respond: options.respond ?? defaultRespond,
    fault: options.fault,
    version: options.version ?? '0.12.6',
    chunkDelayMs: options.chunkDelayMs ?? 0,
  };
  const requests = [];
  const sockets = new Set();
  const timers = new Set();
  let inFlight = 0;
  let maxInFlight = 0;
  let chats = 0;

  const sleep = (ms, res) =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve(true);
      }, ms);
      timers.add(t);
      res.on('close', () => {
        clearTimeout(t);
        timers.delete(t);
        resolve(false);
      });
    });

  const json = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const error = (res, status, message) => json(res, status, { error: message });

  /** Apply a fault; true when it answered (or dropped) the request itself. */
  async function applyFault(fault, req, res) {
    if (!fault) return false;
    if (fault.delayMs) {
      const alive = await sleep(fault.delayMs, res);
      if (!alive) return true;
    }
    if (fault.hang) {
      await sleep(3_600_000, res);
      return true;
    }
    if (fault.drop === 'before-headers') {
      req.socket.destroy();
      return true;
    }
    if (fault.status) {
      if (fault.text !== undefined) {
        res.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'text/html; charset=utf-8' });
        res.end(fault.text);
      } else error(res, fault.status, fault.error ?? defaultError(fault.status));
      return true;
    }
    if (fault.body !== undefined) {
      res.writeHead(200, { 'Content-Type': fault.contentType ?? 'application/json; charset=utf-8' });
      res.end(fault.body);
      return true;
    }
    return false;
  }

  function defaultError(status) {
    if (status === 503) return 'server busy, please try again.  maximum pending requests exceeded';
    if (status === 429) return 'too many requests';
    if (status === 500) return 'the model failed to generate a response';
    return 'error';
  }

  async function chat(req, res, body) {
    const index = chats++;
    const fault = state.fault?.({ path: '/api/chat', body, index });
    if (await applyFault(fault, req, res)) return;
    const model = fullName(body.model);
    if (!model) return error(res, 400, 'model is required');
    if (!models.has(model)) return error(res, 404, `model "${body.model}" not found, try pulling it first`);
    const stream = body.stream !== false;
    const base = { model: body.model, created_at: now() };
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return json(res, 200, {
        ...base,
        message: { role: 'assistant', content: '' },
        done_reason: 'load',
        done: true,
      });
    }
    let content;
    if (fault?.content !== undefined) content = fault.content;
    else {
      const answer = await state.respond(body, { index });
      content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    }
    const stats = {
      total_duration: 1_000_000,
      load_duration: 100_000,
      prompt_eval_count: body.messages.length * 10,
      prompt_eval_duration: 200_000,
      eval_count: Math.max(1, Math.ceil(content.length / 4)),
      eval_duration: 700_000,
    };
    if (!stream) {
      const text = JSON.stringify({
        ...base,
        message: { role: 'assistant', content },
        done_reason: 'stop',
        done: true,
        ...stats,
      });
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      });
      if (fault?.drop === 'mid-body') {
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setImmediate(() => req.socket.destroy());
        return;
      }
      res.end(text);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    const pieces = content.match(/\S+\s*|\s+/g) ?? [content];
    for (let i = 0; i < pieces.length; i++) {
      if (fault?.drop === 'mid-body' && i === Math.floor(pieces.length / 2)) {
        req.socket.destroy();
        return;
      }
      if (fault?.streamError && i === Math.floor(pieces.length / 2)) {
        res.end(`${JSON.stringify({ error: fault.streamError })}\n`);
        return;
      }
      res.write(
        `${JSON.stringify({ ...base, message: { role: 'assistant', content: pieces[i] }, done: false })}\n`,
      );
      if (state.chunkDelayMs && !(await sleep(state.chunkDelayMs, res))) return;
    }
    res.end(
      `${JSON.stringify({ ...base, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, ...stats })}\n`,
    );
  }

  async function show(req, res, body) {
    const fault = state.fault?.({ path: '/api/show', body, index: -1 });
    if (await applyFault(fault, req, res)) return;
    const name = body.model ?? body.name;
    if (!name) return error(res, 400, 'model is required');
    if (!models.has(fullName(name))) return error(res, 404, `model '${name}' not found`);
    json(res, 200, {
      modelfile: `# Modelfile generated by "ollama show"\nFROM ${fullName(name)}\n`,
      parameters: 'stop "<|eot_id|>"',
      template: '{{ .Prompt }}',
      details: details(),
      model_info: { 'general.architecture': 'llama', 'general.parameter_count': 3212749888 },
      capabilities: ['completion', 'tools'],
      modified_at: now(),
    });
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body;
    if (req.method === 'POST') {
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch (err) {
        requests.push({ method: req.method, path: url.pathname, body: raw });
        return error(res, 400, `invalid character in request body: ${err.message}`);
      }
      if (body === undefined) return error(res, 400, 'missing request body');
    }
    requests.push({ method: req.method, path: url.pathname, body });
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /' || route === 'HEAD /') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Ollama is running');
    }
    if (route === 'GET /api/version') {
      const fault = state.fault?.({ path: '/api/version', body: undefined, index: -1 });
      if (await applyFault(fault, req, res)) return;
      return json(res, 200, { version: state.version });
    }
    if (route === 'GET /api/tags')
      return json(res, 200, {
        models: [...models].map((name) => ({
          name,
          model: name,
          modified_at: now(),
          size: 2019393189,
          digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
          details: details(),
        })),
      });
    if (route === 'POST /api/show') return show(req, res, body);
    if (route === 'POST /api/chat') return chat(req, res, body);
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('404 page not found');
  }

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    res.on('close', done);
    handle(req, res).catch(() => {
      if (!res.headersSent) error(res, 500, 'stub failure');
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get chats() {
      return requests.filter((r) => r.path === '/api/chat');
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setRespond(fn) {
      state.respond = fn ?? defaultRespond;
    },
    setFault(fn) {
      state.fault = fn;
    },
    addModel(name) {
      models.add(fullName(name));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(() => resolve()));
  return port;
}

// `node test/helpers/ollama-stub.js`: serve the stub with its own customer until stdin closes,
// printing its URL on the first line (the bench runs it in a process of its own).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const stub = await startOllamaStub();
  process.stdout.write(`${stub.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await stub.close();
    process.exit(0);
  });
}
