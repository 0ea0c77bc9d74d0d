import { Ollama } from 'ollama';
import { httpFetch } from './http.js';

/** One message of an Ollama chat. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The request as tact sends it and keys its recordings by: everything that decides the model's
 * answer, nothing about where it ran (no host, no timeout, no keep-alive).
 */
export interface ModelRequest {
  model: string;
  messages: ChatMessage[];
  /** A JSON schema: Ollama's structured output. */
  format: Record<string, unknown>;
  options: { seed: number; temperature: number; num_predict: number };
}

/**
 * Why a call to a server failed, as far as what to do next goes:
 * - `unreachable`: nothing answers (refused, no such host): retry, best elsewhere;
 * - `dropped`: the connection closed before the whole answer came;
 * - `timeout`: no whole answer within the time allowed;
 * - `busy`: 503 or 429, the server's queue is full;
 * - `gateway`: 502 or 504 from a proxy in front of the server;
 * - `missing-model`: 404, the server does not have the model;
 * - `server`: 500, the server could not answer (out of memory, the model crashed);
 * - `refused`: any other 4xx, the request itself is wrong: retrying cannot help;
 * - `malformed`: the body is not the JSON Ollama sends;
 * - `aborted`: the run was stopped.
 */
export type CallFailure =
  | 'unreachable'
  | 'dropped'
  | 'timeout'
  | 'busy'
  | 'gateway'
  | 'missing-model'
  | 'server'
  | 'refused'
  | 'malformed'
  | 'aborted';

/** A failed call to one server. The message names no host: it may end up in a report. */
export class ModelCallError extends Error {
  override name = 'ModelCallError';
  /** The server that failed, for warnings and for trying another; never in the message. */
  host?: string;
  constructor(
    readonly failure: CallFailure,
    message: string,
    readonly status?: number,
    /** What the server said (`404: model 'x' not found`), when it answered. */
    readonly said?: string,
  ) {
    super(message);
  }
}

/** Failures worth trying again on the same server after a pause. */
export const RETRY_SAME_HOST: ReadonlySet<CallFailure> = new Set([
  'unreachable',
  'dropped',
  'timeout',
  'busy',
  'gateway',
]);
/**
 * Failures worth trying again at once on another server, when there is one. A malformed answer is
 * not among them: the engine tries it once more itself (simulation.md, "Faults").
 */
export const RETRY_OTHER_HOST: ReadonlySet<CallFailure> = new Set([
  ...RETRY_SAME_HOST,
  'missing-model',
  'server',
]);

const NETWORK_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/**
 * The calls tact makes to one Ollama server, through the `ollama` client. The client sends no
 * abort signal with a request that is not streamed, so each call gets its own `fetch` that carries
 * the run's signal and the call's timeout; error bodies that are not JSON (a proxy's HTML page)
 * are turned into Ollama's `{error}` shape, so the client reads them quietly.
 */
export class OllamaServer {
  constructor(readonly host: string) {}

  private client(signal: AbortSignal): Ollama {
    return new Ollama({ host: this.host, fetch: fetchWith(signal) as unknown as typeof fetch });
  }

  /** GET /api/version. */
  async version(signal: AbortSignal, timeoutMs: number): Promise<string> {
    try {
      return await this.call(signal, timeoutMs, async (c) => {
        const v = (await c.version()) as { version?: unknown };
        if (typeof v?.version !== 'string')
          throw new ModelCallError('malformed', 'GET /api/version has no version in its answer');
        return v.version;
      });
    } catch (err) {
      const e = err as ModelCallError;
      if (e.status !== undefined)
        throw new ModelCallError('refused', `GET /api/version answered ${e.said}`, e.status, e.said);
      if (e.failure === 'malformed' && !e.message.startsWith('GET'))
        throw new ModelCallError('malformed', 'GET /api/version does not answer JSON');
      throw err;
    }
  }

  /** POST /api/show: whether the server has the model (a 404 is `false`). */
  async hasModel(model: string, signal: AbortSignal, timeoutMs: number): Promise<boolean> {
    try {
      await this.call(signal, timeoutMs, (c) => c.show({ model }));
      return true;
    } catch (err) {
      if (err instanceof ModelCallError && err.failure === 'missing-model') return false;
      throw err;
    }
  }

  /** POST /api/chat, not streamed: the content of the model's message. */
  async chat(request: ModelRequest, signal: AbortSignal, timeoutMs: number): Promise<string> {
    return this.call(signal, timeoutMs, async (c) => {
      const res = (await c.chat({ ...request, stream: false })) as { message?: { content?: unknown } };
      const content = res?.message?.content;
      if (typeof content !== 'string')
        throw new ModelCallError('malformed', 'the answer has no message content');
      return content;
    });
  }

  private async call<T>(signal: AbortSignal, timeoutMs: number, run: (c: Ollama) => Promise<T>): Promise<T> {
    // One controller per call, aborted by the run's signal or the timer (AbortSignal.any and
    // AbortSignal.timeout cost more per call than the rest of the call's own work).
    const controller = new AbortController();
    let timedOut = false;
    const onStop = () => controller.abort();
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', onStop, { once: true });
    try {
      return await run(this.client(controller.signal));
    } catch (err) {
      throw classify(err, signal, timedOut, timeoutMs);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onStop);
    }
  }
}

function fetchWith(signal: AbortSignal) {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const res = await httpFetch(input, { ...init, signal });
    if (res.ok || res.headers.get('content-type')?.includes('application/json')) return res;
    const text = (await res.text())
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const error = JSON.stringify({ error: text.slice(0, 200) || res.statusText });
    return { ...res, headers: { get: () => 'application/json' }, json: async () => JSON.parse(error) };
  };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Turn whatever the client or fetch threw into a ModelCallError. */
export function classify(err: unknown, run: AbortSignal, timedOut: boolean, timeoutMs: number): Error {
  if (err instanceof ModelCallError) return err;
  if (run.aborted) return new ModelCallError('aborted', 'stopped');
  if (timedOut) return new ModelCallError('timeout', `no answer within ${seconds(timeoutMs)}`);
  const e = err as Error & { status_code?: number; error?: string; cause?: { code?: string } };
  if (e?.name === 'ResponseError' && typeof e.status_code === 'number') {
    const status = e.status_code;
    const said = `${status}: ${String(e.error ?? e.message).slice(0, 200)}`;
    if (status === 503 || status === 429)
      return new ModelCallError('busy', `the server is busy (${said})`, status, said);
    if (status === 502 || status === 504)
      return new ModelCallError('gateway', `a proxy could not reach the server (${said})`, status, said);
    if (status === 404)
      return new ModelCallError(
        'missing-model',
        `the server does not have the model (${said})`,
        status,
        said,
      );
    if (status >= 500)
      return new ModelCallError('server', `the server could not answer (${said})`, status, said);
    return new ModelCallError('refused', `the server refused the request (${said})`, status, said);
  }
  if (e instanceof SyntaxError) return new ModelCallError('malformed', 'its answer is not JSON');
  const code = e?.cause?.code ?? (e as { code?: string })?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return new ModelCallError('timeout', 'the server stopped answering');
  if (code && NETWORK_UNREACHABLE.has(code))
    return new ModelCallError(
      'unreachable',
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND'
          ? 'no such host'
          : `unreachable (${code})`,
    );
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || e?.message === 'terminated')
    return new ModelCallError('dropped', 'the connection was dropped before the whole answer came');
  // fetch's own refusals (`bad port`) carry a cause with no code.
  if (e instanceof TypeError && e.cause instanceof Error && !code)
    return new ModelCallError('refused', `fetch refuses it (${e.cause.message})`);
  if (e instanceof TypeError)
    return new ModelCallError('dropped', 'the connection was dropped before the whole answer came');
  return new ModelCallError('server', `the call failed (${e?.message ?? String(err)})`);
}
