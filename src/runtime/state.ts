import type { BotSentimentLabel } from './bot-types.js';

/** A value that survives `JSON.stringify` → `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Where the conversation is. `new`: not started; `awaiting`: an ask step waits for a reply;
 * `action`: waits for the result of the action named in `waiting`; `handoff` and `ended` are terminal.
 */
export type Status = 'new' | 'awaiting' | 'action' | 'handoff' | 'ended';

export interface TranscriptEntry {
  from: 'bot' | 'customer';
  text: string;
  /** The step that said it, or the ask step that read it. */
  step: string;
  /** The customer's sentiment score for this reply (customer entries only). */
  sentiment?: number;
}

/** What the person who takes over receives, so the customer need not repeat themselves. */
export interface HandoffPackage {
  queue?: string;
  /** Why the conversation reached a person, e.g. `customer asked for a person`. */
  reason: string;
  transcript: TranscriptEntry[];
  /** Collected data, qualified names. */
  data: Record<string, JsonValue>;
  /** The customer's sentiment score per turn, in order. */
  sentiment: number[];
  /** The handoff step, or the step where the runtime could not go on (a handoff without a step). */
  step: string;
}

/** An action that failed, as the session reported it. */
export interface ActionFailure {
  step: string;
  action: string;
  error: string;
}

/**
 * Everything the interpreter knows about one conversation. Plain JSON: a host can store it and
 * resume later; the simulator reads `visits` and `routes` for coverage.
 */
export interface State {
  status: Status;
  /** The current step (the entry step before `start`). */
  step: string;
  /** Collected and action-set data, qualified names (`refund/email`). */
  data: Record<string, JsonValue>;
  /** Step id → times entered. */
  visits: Record<string, number>;
  /** Route key (see `routeKey`) → times taken. */
  routes: Record<string, number>;
  /** Failed tries at the current ask step; restarts when an ask step is entered. */
  fallbacks: number;
  /** Customer replies read so far. */
  turn: number;
  /** Sentiment of the customer's latest reply; absent before the first reply. */
  sentiment?: { score: number; label: BotSentimentLabel };
  transcript: TranscriptEntry[];
  /** The customer's sentiment score per turn. */
  sentimentHistory: number[];
  /** `step#field` → times that message was said; picks the next list variant. */
  variants: Record<string, number>;
  /** Automatic moves since the last customer reply (loop guard). */
  moves: number;
  /** Why the conversation is heading where it is (set by routing a reply; cleared at the next ask). */
  cause?: string;
  /** Set when the runtime escalated (failed action, loop, broken target); cleared at the next ask. */
  escalated?: string;
  /** The action the state waits for (status `action`). */
  waiting?: { action: string; step: string };
  errors: ActionFailure[];
  outcome?: 'resolved' | 'unresolved';
  handoff?: HandoffPackage;
  /** Given at session time and kept for reproducibility; the interpreter itself makes no random choice. */
  seed: number;
}

/** How a move between two steps came about. */
export type RouteKind =
  | 'next'
  | 'branch'
  | 'else'
  | 'option'
  | 'collect'
  | 'intent'
  | 'sentiment'
  | 'if'
  | 'handler'
  | 'accept'
  | 'fallback'
  | 'escalation';

/** The key of a taken route in `State.routes`: `from→to#kind`. */
export function routeKey(from: string, to: string, kind: RouteKind): string {
  return `${from}→${to}#${kind}`;
}

/** Split a `State.routes` key back into its parts. */
export function parseRouteKey(key: string): { from: string; to: string; kind: RouteKind } {
  const [from, rest = ''] = key.split('→');
  const hash = rest.lastIndexOf('#');
  return { from, to: rest.slice(0, hash), kind: rest.slice(hash + 1) as RouteKind };
}

/** The state of a conversation that has not started yet. */
export function initialState(entry: string, seed = 0): State {
  return {
    status: 'new',
    step: entry,
    data: {},
    visits: {},
    routes: {},
    fallbacks: 0,
    turn: 0,
    transcript: [],
    sentimentHistory: [],
    variants: {},
    moves: 0,
    errors: [],
    seed,
  };
}

/** `value` as JSON, or undefined when it has no JSON form (functions, cycles, BigInt). */
export function toJson(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  // What JSON does to the plain values, without the round trip (most data is a string).
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
  } catch {
    return undefined;
  }
}
