import pLimit, { type LimitFunction } from 'p-limit';
import { TactError } from '../../errors.js';
import {
  type CallFailure,
  ModelCallError,
  type ModelRequest,
  OllamaServer,
  RETRY_OTHER_HOST,
  RETRY_SAME_HOST,
} from './client.js';

export interface PoolOptions {
  /** Normalised host URLs (resolveHosts). */
  hosts: string[];
  /** Requests in flight over all hosts, customer and judge calls together. */
  concurrency: number;
  /** Time allowed for one call, in milliseconds. */
  timeoutMs: number;
  /** Further tries of a call after the first fails. */
  retries: number;
  /** The first pause before a call is tried again on a server it failed on; doubles each time. */
  backoffMs?: number;
  /** How long a server that failed is left out of the rotation. */
  cooldownMs?: number;
  /** Said once when a server is left out, with why (the CLI prints it on stderr). */
  onWarning?: (message: string) => void;
}

export const DEFAULT_BACKOFF_MS = 500;
export const DEFAULT_COOLDOWN_MS = 30_000;
/** A busy server (503, 429) is left out for less long: it is working, only full. */
const BUSY_COOLDOWN_MS = 2_000;
const MAX_BACKOFF_MS = 10_000;
const PREPARE_TIMEOUT_MS = 10_000;

interface HostState {
  server: OllamaServer;
  inFlight: number;
  /** Out of the rotation until this time (ms since the epoch). */
  benchedUntil: number;
  /** Order of the last pick, to break ties between equally busy servers in turn. */
  lastPick: number;
}

/** What a call returned, and which server answered it. */
export interface PoolAnswer {
  content: string;
  host: string;
}

/**
 * The Ollama servers of a run (simulation.md, "Several hosts"). Each call goes to the least busy
 * server in the rotation; a server that fails is left out for a while and the call is tried again
 * on another at once, or on the same one after a pause that doubles (503, 429, timeouts, dropped
 * connections), up to `retries` times. At most `concurrency` calls are in flight over all servers.
 */
export class HostPool {
  private readonly states: HostState[];
  private readonly limit: LimitFunction;
  private picks = 0;
  private prepared?: Promise<void>;
  private readonly backoffMs: number;
  private readonly cooldownMs: number;

  constructor(private readonly options: PoolOptions) {
    if (options.hosts.length === 0) throw new Error('HostPool needs a host');
    this.states = options.hosts.map((h) => ({
      server: new OllamaServer(h),
      inFlight: 0,
      benchedUntil: 0,
      lastPick: 0,
    }));
    this.limit = pLimit(Math.max(1, options.concurrency));
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.cooldownMs = options.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  }

  /** The servers still in use (after `prepare` left out those without a server or the models). */
  get hosts(): string[] {
    return this.states.map((s) => s.server.host);
  }

  /** Calls in flight per host, for tests and the bench. */
  inFlight(): Record<string, number> {
    return Object.fromEntries(this.states.map((s) => [s.server.host, s.inFlight]));
  }

  /**
   * Check every server once (GET /api/version, then POST /api/show for each model), before the
   * first conversation. Servers that do not answer or lack a model are left out with a warning;
   * when none is left, a TactError with exit code 2 says how to start one or which model to pull.
   * Calling it again returns the first check.
   */
  prepare(models: { name: string; flag: string }[], signal: AbortSignal): Promise<void> {
    this.prepared ??= this.check(models, signal);
    return this.prepared;
  }

  private async check(models: { name: string; flag: string }[], signal: AbortSignal): Promise<void> {
    const timeout = Math.min(this.options.timeoutMs, PREPARE_TIMEOUT_MS);
    type Verdict =
      | { ok: true }
      | { ok: false; kind: 'down' | 'not-ollama' | 'model'; why: string; model?: string };
    const verdicts: Verdict[] = await Promise.all(
      this.states.map(async (s): Promise<Verdict> => {
        try {
          await s.server.version(signal, timeout);
        } catch (err) {
          const e = err as ModelCallError;
          if (e.failure === 'aborted') return { ok: false, kind: 'down', why: 'stopped' };
          const down = e.failure === 'unreachable' || e.failure === 'timeout' || e.failure === 'dropped';
          return { ok: false, kind: down ? 'down' : 'not-ollama', why: e.message };
        }
        for (const m of models) {
          try {
            if (!(await s.server.hasModel(m.name, signal, timeout)))
              return { ok: false, kind: 'model', why: `it does not have the model ${m.name}`, model: m.name };
          } catch (err) {
            return { ok: false, kind: 'not-ollama', why: (err as Error).message };
          }
        }
        return { ok: true };
      }),
    );
    if (signal.aborted) throw new TactError('stopped before the first conversation', 130);
    const usable = this.states.filter((_, i) => verdicts[i].ok);
    if (usable.length === 0) {
      const all = this.hosts.join(', ');
      const first = verdicts.find((v) => !v.ok && v.kind === 'model') ?? verdicts[0];
      if (!first.ok && first.kind === 'model') {
        const m = models.find((x) => x.name === first.model)!;
        const where =
          verdicts.length === 1 ? `the Ollama server at ${all}` : `any of the Ollama servers (${all})`;
        throw new TactError(
          `the model ${m.name} is not on ${where}`,
          2,
          `pull it with \`ollama pull ${m.name}\`, or name another with ${m.flag}`,
        );
      }
      if (verdicts.every((v) => !v.ok && v.kind === 'down')) {
        const why = !first.ok ? first.why : '';
        throw new TactError(
          `no Ollama server answers at ${all} (${why})`,
          2,
          'start one with `ollama serve`, or point --host or OLLAMA_HOST at one that runs',
        );
      }
      const bad = verdicts.findIndex((v) => !v.ok && v.kind === 'not-ollama');
      const v = verdicts[bad] as { why: string };
      throw new TactError(
        `${this.states[bad].server.host} does not answer as an Ollama server does: ${v.why}`,
        2,
        'check --host or OLLAMA_HOST: it should name the Ollama server, e.g. 127.0.0.1:11434',
      );
    }
    verdicts.forEach((v, i) => {
      if (!v.ok) this.options.onWarning?.(`${this.states[i].server.host} is left out of this run: ${v.why}`);
    });
    this.states.splice(0, this.states.length, ...usable);
  }

  /**
   * Send one chat request, tried again as the class comment says. `avoid` names a server to pass
   * over when another is in the rotation (the one whose answer was malformed). Throws a
   * ModelCallError naming no host when every try failed; `aborted` as soon as the run stops.
   */
  async chat(request: ModelRequest, signal: AbortSignal, avoid?: string): Promise<PoolAnswer> {
    const tried = new Set<HostState>();
    let last: ModelCallError | undefined;
    let attempts = 0;
    while (attempts <= this.options.retries) {
      if (signal.aborted) throw new ModelCallError('aborted', 'stopped');
      const fresh = this.available(tried);
      if (last && !fresh && !RETRY_SAME_HOST.has(last.failure)) break;
      if (last && !fresh) await pause(this.backoff(attempts), signal);
      attempts += 1;
      try {
        return await this.limit(async () => {
          const state = this.pick(tried, avoid);
          tried.add(state);
          state.inFlight += 1;
          try {
            const content = await state.server.chat(request, signal, this.options.timeoutMs);
            return { content, host: state.server.host };
          } catch (err) {
            const e = err as ModelCallError;
            e.host = state.server.host;
            if (e.failure !== 'aborted' && e.failure !== 'refused') this.bench(state, e);
            throw err;
          } finally {
            state.inFlight -= 1;
          }
        });
      } catch (err) {
        const e = err instanceof ModelCallError ? err : new ModelCallError('server', String(err));
        if (e.failure === 'aborted' || signal.aborted) throw new ModelCallError('aborted', 'stopped');
        if (!RETRY_OTHER_HOST.has(e.failure)) throw e;
        last = e;
      }
    }
    const times = attempts === 1 ? 'tried once' : `tried ${attempts} times`;
    const where = tried.size > 1 ? ` on ${tried.size} servers` : '';
    const error = new ModelCallError(last!.failure, `${last!.message}; ${times}${where}`, last!.status);
    error.host = last!.host;
    throw error;
  }

  /** Whether a server not tried yet in this call is in the rotation. */
  private available(tried: Set<HostState>): boolean {
    const now = Date.now();
    return this.states.some((s) => !tried.has(s) && s.benchedUntil <= now);
  }

  /**
   * The least busy server in the rotation, preferring those this call has not tried and not the
   * one to avoid; ties go to the one picked longest ago. With every server out of the rotation,
   * the one that comes back first.
   */
  private pick(tried: Set<HostState>, avoid?: string): HostState {
    const now = Date.now();
    const inRotation = this.states.filter((s) => s.benchedUntil <= now);
    const ranked = (list: HostState[]) =>
      [...list].sort((a, b) => a.inFlight - b.inFlight || a.lastPick - b.lastPick)[0];
    const choice =
      ranked(inRotation.filter((s) => !tried.has(s) && s.server.host !== avoid)) ??
      ranked(inRotation.filter((s) => !tried.has(s))) ??
      ranked(inRotation) ??
      [...this.states].sort((a, b) => a.benchedUntil - b.benchedUntil)[0];
    this.picks += 1;
    choice.lastPick = this.picks;
    return choice;
  }

  private bench(state: HostState, e: ModelCallError): void {
    const now = Date.now();
    const wasIn = state.benchedUntil <= now;
    const ms = e.failure === 'busy' ? Math.min(BUSY_COOLDOWN_MS, this.cooldownMs) : this.cooldownMs;
    state.benchedUntil = now + ms;
    if (wasIn && this.states.length > 1)
      this.options.onWarning?.(
        `${state.server.host}: ${e.message}; out of the rotation for ${Math.round(ms / 100) / 10} s`,
      );
  }

  private backoff(attempt: number): number {
    const full = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** (attempt - 1));
    return full / 2 + Math.random() * (full / 2);
  }
}

/** Wait `ms`, or less if the run stops (then throw `aborted`). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ModelCallError('aborted', 'stopped'));
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    };
    const stop = () => {
      done();
      reject(new ModelCallError('aborted', 'stopped'));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}

export type { CallFailure };
