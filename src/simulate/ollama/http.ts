import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` the `ollama` client is given: one request over node:http with kept-alive
 * connections, the whole body read into memory, and the little of a Response the client reads
 * (ok, status, statusText, headers.get, json, text). Measured in `npm run bench`: Node's own fetch
 * costs about twice the CPU per call (web streams, Headers), which is most of the simulator's own
 * work per turn. Failures are thrown as fetch throws them (a TypeError with the cause), so they
 * read the same either way; the signal aborts the request.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

interface LiteResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: null;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<LiteResponse> {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const signal = init.signal ?? undefined;
  const body = typeof init.body === 'string' ? init.body : undefined;
  const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const fail = (message: string, cause: unknown) => reject(new TypeError(message, { cause }));
    const req = transport.request(
      url,
      { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:'] },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () =>
          fail('terminated', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })),
        );
        res.on('error', (err) => fail('terminated', err));
        res.on('end', () => {
          if (!res.complete) return;
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            statusText: res.statusMessage ?? '',
            headers: {
              get: (name) => {
                const v = res.headers[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
              },
            },
            body: null,
            json: async () => JSON.parse(text),
            text: async () => text,
          });
        });
      },
    );
    const onAbort = () => req.destroy(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', (err) => {
      if (signal?.aborted) reject(abortError());
      else fail('fetch failed', err);
    });
    req.end(body);
  });
}

function abortError(): Error {
  return Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}
