import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { TactError } from '../../errors.js';
import type { CallFailure, ChatMessage, ModelRequest } from './client.js';
import { quote } from './prompts.js';

/**
 * Recordings of model exchanges (simulation.md, "Record and replay"): one JSON file per
 * conversation, `<persona>.run-<n>.json`, holding every request tact sent for it and what came
 * back, in order. Each exchange is keyed by the SHA-256 of its canonical request (RFC 8785 JSON of
 * model, messages, format and options; never the host). To keep a file readable and its diffs
 * small, an exchange stores only the messages its request added to the one before it of the same
 * kind (`history` says how many it kept); the format of each kind is stored once.
 */

export const CASSETTE_FORMAT = 'tact-recording';
export const CASSETTE_VERSION = 1;

export type ExchangeKind = 'customer' | 'judge';

/** One request and what came of it: the model's answer, or the failure after every retry. */
export interface Exchange {
  kind: ExchangeKind;
  /** Customer exchanges: the customer's turn (1-based) the answer was for. */
  turn?: number;
  /** The second try after an answer that was not the JSON asked for. */
  retry?: boolean;
  request: ModelRequest;
  key: string;
  answer?: string;
  error?: { failure: CallFailure; message: string };
}

export interface Cassette {
  conversation: string;
  persona: string;
  run: number;
  seed: number;
  /** Who played the customer when it was recorded: `ollama`, or `scripted` (judge answers only). */
  customer: string;
  exchanges: Exchange[];
}

/** The key of a request: `sha256-` and the hex digest of its canonical JSON. */
export function requestKey(request: ModelRequest): string {
  const canonical = canonicalize({
    model: request.model,
    messages: request.messages,
    format: request.format,
    options: request.options,
  })!;
  return `sha256-${createHash('sha256').update(canonical).digest('hex')}`;
}

/** The file of a conversation's recording. */
export function cassettePath(dir: string, persona: string, run: number): string {
  return path.join(dir, `${persona}.run-${run}.json`);
}

interface StoredExchange {
  kind: ExchangeKind;
  turn?: number;
  retry?: true;
  key: string;
  model: string;
  options: ModelRequest['options'];
  history: number;
  messages: ChatMessage[];
  format?: Record<string, unknown>;
  answer?: string;
  error?: { failure: CallFailure; message: string };
}

interface StoredCassette {
  format: typeof CASSETTE_FORMAT;
  version: typeof CASSETTE_VERSION;
  conversation: string;
  persona: string;
  run: number;
  seed: number;
  customer: string;
  formats: Partial<Record<ExchangeKind, Record<string, unknown>>>;
  exchanges: StoredExchange[];
}

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

function commonPrefix(a: readonly ChatMessage[], b: readonly ChatMessage[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].role === b[i].role && a[i].content === b[i].content) i++;
  return i;
}

/** The recording as its file holds it: readable JSON, two-space indented, with a final newline. */
export function serializeCassette(cassette: Cassette): string {
  const formats: StoredCassette['formats'] = {};
  const previous: Partial<Record<ExchangeKind, ChatMessage[]>> = {};
  const exchanges = cassette.exchanges.map((x): StoredExchange => {
    formats[x.kind] ??= x.request.format;
    const before = previous[x.kind] ?? [];
    const history = commonPrefix(before, x.request.messages);
    previous[x.kind] = x.request.messages;
    return {
      kind: x.kind,
      ...(x.turn !== undefined ? { turn: x.turn } : {}),
      ...(x.retry ? { retry: true as const } : {}),
      key: x.key,
      model: x.request.model,
      options: x.request.options,
      history,
      messages: x.request.messages.slice(history),
      ...(same(formats[x.kind], x.request.format) ? {} : { format: x.request.format }),
      ...(x.error ? { error: x.error } : { answer: x.answer ?? '' }),
    };
  });
  const stored: StoredCassette = {
    format: CASSETTE_FORMAT,
    version: CASSETTE_VERSION,
    conversation: cassette.conversation,
    persona: cassette.persona,
    run: cassette.run,
    seed: cassette.seed,
    customer: cassette.customer,
    formats,
    exchanges,
  };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/** Read a recording back, rebuilding each request whole and checking it against its key. */
export function parseCassette(text: string, file: string): Cassette {
  const bad = (why: string): never => {
    throw new TactError(
      `${file} is not a tact recording: ${why}`,
      2,
      'record it again with --record, or remove it from the folder',
    );
  };
  let raw: StoredCassette;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return bad(`its JSON does not parse (${(err as Error).message})`);
  }
  if (raw?.format !== CASSETTE_FORMAT) bad(`"format" is not "${CASSETTE_FORMAT}"`);
  if (raw.version !== CASSETTE_VERSION)
    bad(`version ${JSON.stringify(raw.version)} is not ${CASSETTE_VERSION}, the one this tact reads`);
  if (typeof raw.persona !== 'string' || !Number.isInteger(raw.run) || !Array.isArray(raw.exchanges))
    bad('it needs persona, run and exchanges');
  const previous: Partial<Record<ExchangeKind, ChatMessage[]>> = {};
  const exchanges = raw.exchanges.map((x, i): Exchange => {
    const where = `exchange ${i + 1}`;
    if ((x?.kind !== 'customer' && x?.kind !== 'judge') || !Array.isArray(x.messages))
      bad(`${where} needs a kind (customer or judge) and messages`);
    const before = previous[x.kind] ?? [];
    if (!Number.isInteger(x.history) || x.history < 0 || x.history > before.length)
      bad(`${where} keeps ${x.history} earlier messages, but the one before it has ${before.length}`);
    const format = x.format ?? raw.formats?.[x.kind];
    if (!format || typeof format !== 'object') bad(`${where} has no format`);
    const request: ModelRequest = {
      model: x.model,
      messages: [...before.slice(0, x.history), ...x.messages],
      format: format!,
      options: x.options,
    };
    previous[x.kind] = request.messages;
    const key = requestKey(request);
    if (key !== x.key) bad(`${where} does not match its key (was the file edited by hand?)`);
    if (x.error === undefined && typeof x.answer !== 'string')
      bad(`${where} has neither an answer nor an error`);
    return {
      kind: x.kind,
      ...(x.turn !== undefined ? { turn: x.turn } : {}),
      ...(x.retry ? { retry: true } : {}),
      request,
      key,
      ...(x.error ? { error: x.error } : { answer: x.answer }),
    };
  });
  return {
    conversation: raw.conversation,
    persona: raw.persona,
    run: raw.run,
    seed: raw.seed,
    customer: raw.customer,
    exchanges,
  };
}

/**
 * Write a file whole or not at all: a temp file beside it, then a rename (the library's fallback;
 * the CLI hands in its own writer, which also refuses to write over the run's inputs).
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new TactError(`cannot write ${file}: ${(err as Error).message}`, 2);
  }
}

/** Every recording in a folder, by conversation id; a TactError (exit 2) when there is none. */
export function readCassettes(dir: string): Map<string, { file: string; cassette: Cassette }> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TactError(
      `cannot replay from ${dir}: ${code === 'ENOENT' ? 'there is no such folder' : code === 'ENOTDIR' ? 'it is not a folder' : (code ?? String(err))}`,
      2,
      `record first: tact simulate ... --engine ollama --record ${dir}`,
    );
  }
  const found = new Map<string, { file: string; cassette: Cassette }>();
  for (const name of names.filter((n) => /\.run-\d+\.json$/.test(n)).sort()) {
    const file = path.join(dir, name);
    const cassette = parseCassette(readFileSync(file, 'utf8'), file);
    found.set(`${cassette.persona}#${cassette.run}`, { file, cassette });
  }
  if (found.size === 0)
    throw new TactError(
      `no recordings in ${dir} (no *.run-N.json files)`,
      2,
      `record first: tact simulate ... --engine ollama --record ${dir}`,
    );
  return found;
}

/** Which recorded exchange is closest to a request that has none: same kind, same turn, else most messages alike. */
export function nearestExchange(
  exchanges: readonly Exchange[],
  kind: ExchangeKind,
  turn: number | undefined,
  request: ModelRequest,
  retry: boolean,
): Exchange | undefined {
  const mine = exchanges.filter((x) => x.kind === kind);
  return (
    mine.find((x) => x.turn === turn && (x.retry === true) === retry) ??
    [...mine].sort(
      (a, b) =>
        commonPrefix(b.request.messages, request.messages) -
        commonPrefix(a.request.messages, request.messages),
    )[0]
  );
}

function describeMessage(m: ChatMessage, kind: ExchangeKind): string {
  if (m.role === 'system')
    return kind === 'judge' ? "the judge's instructions" : "the customer's instructions";
  if (kind === 'judge') return 'the conversation shown to the judge';
  return m.role === 'user' ? "the bot's words" : "the customer's own earlier answer";
}

/** The first line where two texts differ, as `line N: recorded "…", now "…"`. */
function firstLineDiff(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  let i = 0;
  while (i < al.length && i < bl.length && al[i] === bl[i]) i++;
  const rec = i < al.length ? quote(al[i], 100) : '(nothing)';
  const now = i < bl.length ? quote(bl[i], 100) : '(nothing)';
  return `${al.length > 1 || bl.length > 1 ? `line ${i + 1}: ` : ''}recorded ${rec}, now ${now}`;
}

/** What differs between a recorded request and this one, in a few words for each part. */
export function describeDifference(recorded: ModelRequest, now: ModelRequest, kind: ExchangeKind): string[] {
  const out: string[] = [];
  if (recorded.model !== now.model) out.push(`model: recorded ${recorded.model}, now ${now.model}`);
  for (const k of new Set([...Object.keys(recorded.options ?? {}), ...Object.keys(now.options ?? {})])) {
    const a = (recorded.options as Record<string, unknown>)?.[k];
    const b = (now.options as Record<string, unknown>)?.[k];
    if (!same(a, b)) out.push(`options.${k}: recorded ${JSON.stringify(a)}, now ${JSON.stringify(b)}`);
  }
  if (!same(recorded.format, now.format)) out.push('the answer format (this tact asks for another shape)');
  const a = recorded.messages;
  const b = now.messages;
  const i = commonPrefix(a, b);
  if (i < a.length && i < b.length) {
    out.push(
      `message ${i + 1} (${describeMessage(b[i], kind)}): ${firstLineDiff(a[i].content, b[i].content)}`,
    );
  } else if (a.length !== b.length) {
    out.push(`the recording has ${a.length} messages, this request ${b.length}`);
  }
  return out;
}
