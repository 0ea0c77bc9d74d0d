/** A chat request as the stub received it (the JSON body of POST /api/chat). */
export interface StubChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  format?: { properties?: Record<string, unknown> } & Record<string, unknown>;
  options?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What goes wrong with one request. */
export interface StubFault {
  /** Answer this status: Ollama's `{error}` JSON, or `text` with `contentType` (a proxy's page). */
  status?: number;
  error?: string;
  text?: string;
  contentType?: string;
  /** Wait this long first (then go on as usual, or with the other fault fields). */
  delayMs?: number;
  /** Never answer. */
  hang?: boolean;
  /** The model's content instead of `respond`'s (e.g. text that is not the JSON asked for). */
  content?: string;
  /** A 200 body instead of Ollama's JSON. */
  body?: string;
  /** Close the connection before the headers, or half-way through the body or stream. */
  drop?: 'before-headers' | 'mid-body';
  /** A stream's error line, half-way through (streamed requests only). */
  streamError?: string;
}

export interface StubCall {
  path: '/api/chat' | '/api/show' | '/api/version';
  body: any;
  /** The n-th chat request (0-based); -1 for other paths. */
  index: number;
}

export interface StubOptions {
  /** Models the server has (`name` means `name:latest`). Default: llama3.2. */
  models?: string[];
  version?: string;
  respond?: (request: StubChatRequest, info: { index: number }) => string | object | Promise<string | object>;
  fault?: (call: StubCall) => StubFault | undefined;
  /** Pause between streamed chunks. */
  chunkDelayMs?: number;
}

export interface OllamaStub {
  url: string;
  port: number;
  requests: { method: string; path: string; body: any }[];
  readonly chats: { method: string; path: string; body: StubChatRequest }[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  setRespond(fn?: StubOptions['respond']): void;
  setFault(fn?: StubOptions['fault']): void;
  addModel(name: string): void;
  close(): Promise<void>;
}

export function startOllamaStub(options?: StubOptions): Promise<OllamaStub>;
export function defaultRespond(request: StubChatRequest): object;
export function fullName(model: string): string;
export function closedPort(): Promise<number>;
