import { type ConversationContext, ConversationError } from '../types.js';
import {
  type Cassette,
  cassettePath,
  describeDifference,
  type Exchange,
  type ExchangeKind,
  nearestExchange,
  readCassettes,
  requestKey,
  serializeCassette,
  writeFileAtomic,
} from './cassette.js';
import { ModelCallError, type ModelRequest } from './client.js';
import type { HostPool } from './pool.js';

/** One call to the model, with what the recordings need to know about it. */
export interface ModelCall {
  ctx: ConversationContext;
  kind: ExchangeKind;
  /** Customer calls: the customer's turn (1-based). */
  turn?: number;
  /** The second try after an answer that was not the JSON asked for. */
  retry?: boolean;
  request: ModelRequest;
  /** Pass over this server if another is in the rotation (the one that gave the malformed answer). */
  avoidHost?: string;
}

export interface ModelAnswer {
  content: string;
  host?: string;
}

/**
 * Where model answers come from: live Ollama servers (recording them with --record) or recordings
 * (--replay). The customer engine and the judge of a run share one, so their calls share the
 * servers, the bound on requests in flight and the recording of each conversation.
 */
export interface ModelService {
  /** Check what the service needs before the first conversation (servers and models, or recordings). */
  prepare(signal: AbortSignal): Promise<void>;
  /** The model's answer; a ModelCallError when every try failed, a ConversationError on a replay miss. */
  ask(call: ModelCall): Promise<ModelAnswer>;
  /** The model and temperature a conversation uses: as asked, or (replay) as recorded. */
  settingsFor(ctx: ConversationContext, kind: ExchangeKind): { model: string; temperature: number };
  /** The models of the run, for the report. */
  models(kind: ExchangeKind): string | undefined;
  /** A conversation is over: write its recording. */
  finish(ctx: ConversationContext): Promise<void>;
  close(): Promise<void>;
}

export interface LiveSettings {
  customerModel?: string;
  judgeModel?: string;
  temperature: number;
  /** The folder to record into (--record). */
  record?: string;
  /** Who plays the customer, for the recording's header. */
  customer: string;
  writeFile?: (file: string, text: string) => void;
}

/** Answers from Ollama servers, through the pool; every exchange recorded when asked. */
export class LiveService implements ModelService {
  private readonly recordings = new Map<string, { cassette: Cassette; written: number }>();

  constructor(
    private readonly pool: HostPool,
    private readonly settings: LiveSettings,
  ) {}

  prepare(signal: AbortSignal): Promise<void> {
    const models: { name: string; flag: string }[] = [];
    if (this.settings.customerModel) models.push({ name: this.settings.customerModel, flag: '--model' });
    if (this.settings.judgeModel && this.settings.judgeModel !== this.settings.customerModel)
      models.push({ name: this.settings.judgeModel, flag: '--judge-model' });
    return this.pool.prepare(models, signal);
  }

  settingsFor(_ctx: ConversationContext, kind: ExchangeKind) {
    const model = kind === 'customer' ? this.settings.customerModel : this.settings.judgeModel;
    return { model: model ?? '', temperature: this.settings.temperature };
  }

  models(kind: ExchangeKind): string | undefined {
    return kind === 'customer' ? this.settings.customerModel : this.settings.judgeModel;
  }

  async ask(call: ModelCall): Promise<ModelAnswer> {
    try {
      const answer = await this.pool.chat(call.request, call.ctx.signal, call.avoidHost);
      this.note(call, { answer: answer.content });
      return answer;
    } catch (err) {
      if (err instanceof ModelCallError && err.failure !== 'aborted')
        this.note(call, { error: { failure: err.failure, message: err.message } });
      throw err;
    }
  }

  /** The recording of a conversation, begun when it is first needed. */
  private recording(ctx: ConversationContext) {
    let entry = this.recordings.get(ctx.id);
    if (!entry) {
      entry = {
        cassette: {
          conversation: ctx.id,
          persona: ctx.persona.id,
          run: ctx.run,
          seed: ctx.seed,
          customer: this.settings.customer,
          exchanges: [],
        },
        written: -1,
      };
      this.recordings.set(ctx.id, entry);
    }
    return entry;
  }

  private note(call: ModelCall, outcome: Pick<Exchange, 'answer' | 'error'>): void {
    if (!this.settings.record) return;
    const entry = this.recording(call.ctx);
    entry.cassette.exchanges.push({
      kind: call.kind,
      ...(call.turn !== undefined ? { turn: call.turn } : {}),
      ...(call.retry ? { retry: true } : {}),
      request: call.request,
      key: requestKey(call.request),
      ...outcome,
    });
  }

  async finish(ctx: ConversationContext): Promise<void> {
    const dir = this.settings.record;
    if (!dir) return;
    // A conversation that needed no model (an opening, then the bot ended it) is recorded too,
    // so that its replay finds a file.
    const entry = this.recording(ctx);
    if (entry.written === entry.cassette.exchanges.length) return;
    const write = this.settings.writeFile ?? writeFileAtomic;
    write(cassettePath(dir, ctx.persona.id, ctx.run), serializeCassette(entry.cassette));
    entry.written = entry.cassette.exchanges.length;
  }

  async close(): Promise<void> {}
}

export interface ReplaySettings {
  dir: string;
  /** --model, --judge-model, --temperature when given: they must then match the recordings. */
  customerModel?: string;
  judgeModel?: string;
  temperature?: number;
}

const KIND_WORDS: Record<ExchangeKind, string> = {
  customer: "the customer's reply",
  judge: "the judge's rating",
};

/**
 * Answers from the recordings in a folder, with no server. Each conversation reads its own file;
 * the model and temperature are those recorded unless given. A request that was not recorded is a
 * ConversationError that names the persona, run and turn, and says what differs from the nearest
 * recorded request.
 */
export class ReplayService implements ModelService {
  private cassettes?: Map<string, { file: string; cassette: Cassette }>;
  /** Per conversation: key → recorded exchanges not yet replayed, in order. */
  private readonly queues = new Map<string, Map<string, Exchange[]>>();

  constructor(private readonly settings: ReplaySettings) {}

  async prepare(_signal: AbortSignal): Promise<void> {
    this.cassettes ??= readCassettes(this.settings.dir);
  }

  private recorded(ctx: ConversationContext) {
    this.cassettes ??= readCassettes(this.settings.dir);
    return this.cassettes.get(ctx.id);
  }

  settingsFor(ctx: ConversationContext, kind: ExchangeKind) {
    const first = this.recorded(ctx)?.cassette.exchanges.find((x) => x.kind === kind);
    const given = kind === 'customer' ? this.settings.customerModel : this.settings.judgeModel;
    return {
      model: given ?? first?.request.model ?? '',
      temperature: this.settings.temperature ?? first?.request.options.temperature ?? 0,
    };
  }

  models(kind: ExchangeKind): string | undefined {
    const given = kind === 'customer' ? this.settings.customerModel : this.settings.judgeModel;
    if (given) return given;
    const seen = new Set<string>();
    for (const { cassette } of this.cassettes?.values() ?? [])
      for (const x of cassette.exchanges) if (x.kind === kind) seen.add(x.request.model);
    return seen.size > 0 ? [...seen].sort().join(', ') : undefined;
  }

  async ask(call: ModelCall): Promise<ModelAnswer> {
    const { ctx } = call;
    const found = this.recorded(ctx);
    const where = `${ctx.persona.id} run ${ctx.run}${call.turn !== undefined ? `, turn ${call.turn}` : ''} (${KIND_WORDS[call.kind]}${call.retry ? ', second try' : ''})`;
    if (!found)
      throw new ConversationError(
        `replay: no recording of ${where}: ${cassettePath(this.settings.dir, ctx.persona.id, ctx.run)} does not exist; record it with --record ${this.settings.dir}`,
      );
    let queues = this.queues.get(ctx.id);
    if (!queues) {
      queues = new Map();
      for (const x of found.cassette.exchanges) {
        const list = queues.get(x.key) ?? [];
        list.push(x);
        queues.set(x.key, list);
      }
      this.queues.set(ctx.id, queues);
    }
    const key = requestKey(call.request);
    const next = queues.get(key)?.shift();
    if (!next) {
      const near = nearestExchange(
        found.cassette.exchanges,
        call.kind,
        call.turn,
        call.request,
        call.retry === true,
      );
      const asked = queues.has(key) ? 'was asked more often than recorded' : 'was not recorded';
      const diff = near
        ? `; against the nearest recorded request${near.turn !== undefined ? ` (turn ${near.turn})` : ''}: ${describeDifference(near.request, call.request, call.kind).join('; ') || 'the same, but asked again'}`
        : `; ${found.file} holds no ${call.kind} request`;
      throw new ConversationError(
        `replay: the request for ${where} ${asked} in ${found.file}${diff}. The bot, the persona or the settings changed since the recording: record again with --record ${this.settings.dir}`,
      );
    }
    if (next.error) throw new ModelCallError(next.error.failure, next.error.message);
    return { content: next.answer ?? '' };
  }

  async finish(_ctx: ConversationContext): Promise<void> {}
  async close(): Promise<void> {}
}
