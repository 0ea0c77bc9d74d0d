import { analyzeSentiment } from '../analysis/sentiment.js';
import type { BotFile, BotMessage, BotRoute, BotSentimentLabel, BotStep, BotWhen } from './bot-types.js';
import { conditionData, holds } from './logic.js';
import { fillPlaceholders, normalizeLabel, sanitizeReply, variantsFor } from './messages.js';
import { type IntentMatch, matchIntent, type NluIndex } from './nlu.js';
import { extractValue } from './slots.js';
import { type JsonValue, type RouteKind, routeKey, type State, toJson } from './state.js';

/** What the interpreter reacts to. */
export type Event =
  | { type: 'start' }
  | { type: 'reply'; text: string }
  /** The outcome of the action the state waits for: its data (local names) or an error message. */
  | { type: 'actionResult'; data?: Record<string, unknown>; error?: string };

export interface Message {
  text: string;
  /** The step that said it. */
  step: string;
}

/** Run the named action with the step's flow data under local names; answer with `actionResult`. */
export interface ActionEffect {
  type: 'action';
  name: string;
  input: Record<string, JsonValue>;
  step: string;
}

export interface StepOutput {
  /** What the bot said, in order. */
  messages: Message[];
  /** Set when the conversation reached an action step; the state waits for `actionResult`. */
  effect?: ActionEffect;
  /** Best intent of the reply just read (`none` below the threshold). */
  intent?: { name: string; score: number };
  /** Sentiment of the reply just read. */
  sentiment?: { score: number; label: BotSentimentLabel };
  /** Set when nothing at the ask step matched the reply (a failed try: the fallback). */
  missed?: true;
}

export interface StepResult {
  state: State;
  output: StepOutput;
}

/** Automatic moves without customer input after which the runtime escalates with reason `loop`. */
export const MAX_AUTOMATIC_MOVES = 50;

/** The failed tries an ask step allows when its fallback gives no `max`. */
export const DEFAULT_FALLBACK_MAX = 2;

interface Move {
  to: string;
  from?: string;
  kind: RouteKind;
}

/** A chosen route out of an ask step, with why (kept for a later handoff reason). */
interface Decision {
  to: string;
  kind: RouteKind;
  cause?: string;
}

const flowOf = (id: string) => id.slice(0, Math.max(0, id.indexOf('/')));
const localName = (id: string) => id.slice(id.indexOf('/') + 1);

/**
 * The interpreter: the next state and what to say or do for one event. Pure: the input state is not
 * changed, nothing is run, and the same arguments give the same result. Never throws; a bot that
 * cannot go on ends in a handoff whose package says why.
 */
export function step(bot: BotFile, state: State, event: Event): StepResult {
  const run = new Run(bot, workingCopy(state));
  try {
    run.handle(event);
  } catch (error) {
    run.handOff(`runtime error: ${error instanceof Error ? error.message : String(error)}`, run.state.step);
  }
  return { state: run.state, output: run.output };
}

/**
 * A copy of the state that this call may change without touching the caller's: the maps and lists
 * it writes into are copied, the rest shared. Transcript entries, data values and the handoff
 * package are never changed in place once made, so sharing them is safe; a full deep copy on every
 * event would cost time in proportion to the conversation so far.
 */
function workingCopy(state: State): State {
  return {
    ...state,
    data: { ...state.data },
    visits: { ...state.visits },
    routes: { ...state.routes },
    variants: { ...state.variants },
    transcript: [...state.transcript],
    sentimentHistory: [...state.sentimentHistory],
    errors: [...state.errors],
  };
}

/** One call of `step`: a working copy of the state and the output so far. */
class Run {
  readonly output: StepOutput = { messages: [] };

  constructor(
    readonly bot: BotFile,
    readonly state: State,
  ) {}

  handle(event: Event): void {
    const s = this.state;
    if (event.type === 'start') {
      if (s.status !== 'new') return;
      s.moves = 0;
      this.go({ to: this.bot.entry, kind: 'next' });
    } else if (event.type === 'reply') {
      if (s.status !== 'awaiting') return;
      this.go(this.read(event.text));
    } else if (event.type === 'actionResult') {
      if (s.status !== 'action' || !s.waiting) return;
      this.go(this.resume(event));
    }
  }

  /** Follow moves until the conversation waits (a reply, an action) or stops. */
  go(first: Move | undefined): void {
    let move = first;
    while (move) move = this.enter(move);
  }

  /** Enter a step: say its message, then act by its kind. Returns the automatic move that follows. */
  enter({ to, from, kind }: Move): Move | undefined {
    const s = this.state;
    if (from !== undefined) {
      const key = routeKey(from, to, kind);
      s.routes[key] = (s.routes[key] ?? 0) + 1;
      s.moves += 1;
      if (s.moves > MAX_AUTOMATIC_MOVES) return this.escalate('loop', from);
    }
    const st: BotStep | undefined = Object.hasOwn(this.bot.steps, to) ? this.bot.steps[to] : undefined;
    if (!st) return this.escalate(`unknown step ${to}`, from ?? s.step);
    s.step = to;
    s.visits[to] = (s.visits[to] ?? 0) + 1;
    if (st.kind === 'ask') s.fallbacks = 0;
    this.say(st.say, 'say');

    switch (st.kind) {
      case 'message':
        return this.follow(st.next, 'next');
      case 'branch': {
        const data = conditionData(s, this.bot.channel);
        const hit = (st.branch ?? []).find((b) => holds(b.if, data));
        return hit ? this.follow(hit.goto, 'branch') : this.follow(st.else, 'else');
      }
      case 'action': {
        if (!st.action) return this.escalate(`step ${to} names no action`, to);
        s.status = 'action';
        s.waiting = { action: st.action, step: to };
        this.output.effect = { type: 'action', name: st.action, input: this.localData(to), step: to };
        return undefined;
      }
      case 'handoff': {
        const h: { queue?: string; reason?: string } =
          typeof st.handoff === 'object' && st.handoff ? st.handoff : {};
        const reason =
          s.escalated ??
          h.reason ??
          s.cause ??
          (from ? `the flow led from ${from} to ${to}` : `the conversation starts at ${to}`);
        this.handOff(reason, to, h.queue);
        return undefined;
      }
      case 'end':
        s.status = 'ended';
        s.outcome = st.end === 'unresolved' ? 'unresolved' : 'resolved';
        return undefined;
      case 'ask':
        this.say(st.ask, 'ask');
        s.status = 'awaiting';
        s.cause = undefined;
        s.escalated = undefined;
        return undefined;
      default:
        return this.escalate(`step ${to} has an unknown kind`, to);
    }
  }

  follow(target: string | undefined, kind: RouteKind): Move | undefined {
    const from = this.state.step;
    if (!target) return this.escalate(`step ${from} has nowhere to go`, from);
    return { to: target, from, kind };
  }

  /**
   * Send the conversation to the bot's escalation step with a reason that a later handoff reports;
   * when there is none, or escalating already failed, hand off without a step.
   */
  escalate(reason: string, at: string): Move | undefined {
    const s = this.state;
    const target = this.bot.escalation;
    if (target && Object.hasOwn(this.bot.steps, target) && s.escalated === undefined) {
      s.escalated = reason;
      s.moves = 0;
      return { to: target, from: at, kind: 'escalation' };
    }
    this.handOff(reason, at);
    return undefined;
  }

  handOff(reason: string, at: string, queue?: string): void {
    const s = this.state;
    s.status = 'handoff';
    s.step = at;
    s.waiting = undefined;
    s.handoff = {
      ...(queue ? { queue } : {}),
      reason,
      transcript: structuredClone(s.transcript),
      data: structuredClone(s.data),
      sentiment: [...s.sentimentHistory],
      step: at,
    };
  }

  /** Say the next variant of a message and record it in the transcript. */
  say(message: BotMessage | undefined, field: 'say' | 'ask' | 'fallback'): void {
    const s = this.state;
    const list = variantsFor(message, s.sentiment?.label ?? 'neutral');
    if (list.length === 0) return;
    const key = `${s.step}#${field}`;
    const n = s.variants[key] ?? 0;
    s.variants[key] = n + 1;
    const text = fillPlaceholders(list[n % list.length], s.data, flowOf(s.step));
    this.output.messages.push({ text, step: s.step });
    s.transcript.push({ from: 'bot', text, step: s.step });
  }

  /** The step's flow data under local names (`refund/order_id` → `order_id`). */
  localData(at: string): Record<string, JsonValue> {
    const prefix = `${flowOf(at)}/`;
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(this.state.data)) {
      if (k.startsWith(prefix)) out[k.slice(prefix.length)] = structuredClone(v);
    }
    return out;
  }

  /** Read a customer reply at the current ask step and decide where it leads. */
  read(raw: string): Move | undefined {
    const s = this.state;
    const at = s.step;
    const st = this.bot.steps[at];
    const text = sanitizeReply(raw);
    s.turn += 1;
    s.moves = 0;

    const { sentiment, match } = readingOf(this.bot, at, text, () => ({
      sentiment: this.sentimentOf(text),
      match: this.intentOf(text, st ? this.candidateIntents(st) : undefined),
    }));
    s.sentiment = sentiment;
    s.sentimentHistory.push(sentiment.score);
    s.transcript.push({ from: 'customer', text, step: at, sentiment: sentiment.score });
    this.output.intent = { name: match.intent, score: match.score };
    this.output.sentiment = sentiment;

    const decision = st ? this.route(at, st, text, match.intent, sentiment.label) : undefined;
    if (decision) {
      s.cause = decision.cause;
      return { to: decision.to, from: at, kind: decision.kind };
    }
    return this.fail(at, st);
  }

  /** The routing order of flow-format.md; the first that matches wins. */
  route(
    at: string,
    st: BotStep,
    text: string,
    intent: string,
    label: BotSentimentLabel,
  ): Decision | undefined {
    const s = this.state;
    const own = (st.routes ?? []).filter((r) => !('option' in r.when));
    const handlers = [...this.handlers(st.handlers), ...this.handlers('*')];

    // 0. A reply that is exactly a quick reply's label or number is that choice: nothing to guess.
    const options = st.options ?? [];
    const said = normalizeLabel(text);
    const number = /^#?(\d{1,3})[.)]?$/.exec(said);
    const exact = options.findIndex(
      (o, i) => normalizeLabel(o.label) === said || (number !== null && Number(number[1]) === i + 1),
    );
    const exactRoute = (st.routes ?? []).find((r) => 'option' in r.when && r.when.option === exact + 1);
    if (exact >= 0 && exactRoute)
      return { to: exactRoute.goto, kind: 'option', cause: `customer chose "${options[exact].label}"` };

    // 1. A person or a sensitive topic, wherever it is routed.
    const isHuman = intent === 'human';
    const isSensitive = intent !== 'none' && this.bot.intents?.[intent]?.sensitive === true;
    if (isHuman || isSensitive) {
      const cause = isHuman ? 'customer asked for a person' : `sensitive topic: ${intent}`;
      const mine = own.find((r) => 'intent' in r.when && r.when.intent === intent);
      if (mine) return { to: mine.goto, kind: 'intent', cause };
      const shared = handlers.find((r) => 'intent' in r.when && r.when.intent === intent);
      if (shared) return { to: shared.goto, kind: 'handler', cause };
    }

    // 2. Quick replies by their intent (the exact label or number was taken above).
    if (options.length > 0) {
      const index = options.findIndex(
        (o) => o.intent !== undefined && intent !== 'none' && o.intent === intent,
      );
      const option = index + 1;
      const r = (st.routes ?? []).find((r) => 'option' in r.when && r.when.option === option);
      if (index >= 0 && r)
        return { to: r.goto, kind: 'option', cause: `customer chose "${options[index].label}"` };
    }

    // 3. A value of the data's type in the reply.
    if (st.collect) {
      const def = this.bot.data?.[st.collect];
      const value = def ? safely(() => toJson(extractValue(def, text))) : undefined;
      if (value !== undefined && value !== null) {
        s.data[st.collect] = value;
        if (st.next) return { to: st.next, kind: 'collect' };
      }
    }

    // 4. and 5. The step's routes, then the flow's and the global handlers.
    const data = conditionData(s, this.bot.channel);
    const matches = (when: BotWhen) => {
      if ('intent' in when) return intent !== 'none' && when.intent === intent;
      if ('sentiment' in when)
        return when.sentiment === label || (when.sentiment === 'negative' && label === 'very_negative');
      if ('if' in when) return holds(when.if, data);
      return false;
    };
    const describe = (when: BotWhen) =>
      'intent' in when
        ? `customer intent ${intent} at ${at}`
        : 'sentiment' in when
          ? `customer sentiment ${label} at ${at}`
          : `condition met at ${at}`;
    const mine = own.find((r) => matches(r.when));
    if (mine) return { to: mine.goto, kind: kindOf(mine.when), cause: describe(mine.when) };
    const shared = handlers.find((r) => matches(r.when));
    if (shared) return { to: shared.goto, kind: 'handler', cause: describe(shared.when) };

    // An ask step that only goes on accepts any reply.
    if (!st.collect && options.length === 0 && own.length === 0 && st.next)
      return { to: st.next, kind: 'accept' };
    return undefined;
  }

  handlers(key: string | undefined): BotRoute[] {
    if (!key || !this.bot.handlers || !Object.hasOwn(this.bot.handlers, key)) return [];
    const list = this.bot.handlers[key];
    return Array.isArray(list) ? list : [];
  }

  /** A reply nothing matched: re-ask, or after `max` failed tries go to the fallback's `then`. */
  fail(at: string, st: BotStep | undefined): Move | undefined {
    const s = this.state;
    s.fallbacks += 1;
    this.output.missed = true;
    const fallback = st?.fallback;
    const max = Math.max(1, fallback?.max ?? DEFAULT_FALLBACK_MAX);
    if (fallback?.then && s.fallbacks >= max) {
      s.cause = `no match after ${s.fallbacks} tries at ${at}`;
      return { to: fallback.then, from: at, kind: 'fallback' };
    }
    this.say(fallback?.say, 'fallback');
    this.say(st?.ask, 'ask');
    return undefined;
  }

  /** Take the result of the action the state waits for: store what it `sets`, or escalate. */
  resume(event: { data?: Record<string, unknown>; error?: string }): Move | undefined {
    const s = this.state;
    const { action, step: at } = s.waiting!;
    s.waiting = undefined;
    s.status = 'awaiting';
    if (event.error !== undefined) {
      const error = String(event.error);
      s.errors.push({ step: at, action, error });
      return this.escalate(`action ${action} failed: ${error}`, at);
    }
    const st = this.bot.steps[at];
    const result = event.data && typeof event.data === 'object' ? event.data : {};
    const flow = flowOf(at);
    for (const name of st?.sets ?? []) {
      const qualified = name.includes('/') ? name : `${flow}/${name}`;
      const local = localName(qualified);
      const raw = Object.hasOwn(result, local)
        ? result[local]
        : Object.hasOwn(result, qualified)
          ? result[qualified]
          : undefined;
      const value = toJson(raw);
      if (value !== undefined) s.data[qualified] = value;
    }
    return this.follow(st?.next, 'next');
  }

  sentimentOf(text: string): { score: number; label: BotSentimentLabel } {
    const result = safely(() => analyzeSentiment(text, this.bot.sentiment));
    const score = typeof result?.score === 'number' && Number.isFinite(result.score) ? result.score : 0;
    return { score, label: result?.label ?? 'neutral' };
  }

  intentOf(text: string, candidates?: Set<string>): IntentMatch {
    return (
      safely(() => matchIntent(this.bot.nlu as NluIndex, text, { candidates })) ?? {
        intent: 'none',
        score: 0,
        ranking: [],
      }
    );
  }

  /**
   * The intents a reply at this step can be routed on: `human`, the sensitive ones, and those of
   * the step's options and routes and of the flow's and global handlers. Matching only among them
   * keeps an intent of another flow from taking a reply meant for this step.
   */
  candidateIntents(st: BotStep): Set<string> {
    const out = new Set<string>(['human']);
    for (const [id, def] of Object.entries(this.bot.intents ?? {})) if (def?.sensitive) out.add(id);
    for (const o of st.options ?? []) if (o.intent) out.add(o.intent);
    for (const r of [...(st.routes ?? []), ...this.handlers(st.handlers), ...this.handlers('*')])
      if ('intent' in r.when) out.add(r.when.intent);
    return out;
  }
}

interface Reading {
  sentiment: { score: number; label: BotSentimentLabel };
  match: IntentMatch;
}

/** Readings kept per bot: how many distinct (step, reply) pairs before the memo starts again. */
const READINGS_KEPT = 4096;
const readings = new WeakMap<BotFile, Map<string, Reading>>();

/**
 * The sentiment and intent of a reply at a step, worked out once per bot, step and text: customers
 * send the same short replies again and again ("yes", "agent", a quick-reply label), and both
 * analyses are pure. Callers must not change what they get.
 */
function readingOf(bot: BotFile, at: string, text: string, read: () => Reading): Reading {
  let memo = readings.get(bot);
  if (!memo) {
    memo = new Map();
    readings.set(bot, memo);
  }
  const key = `${at}\u0000${text}`;
  let r = memo.get(key);
  if (!r) {
    if (memo.size >= READINGS_KEPT) memo.clear();
    r = read();
    memo.set(key, r);
  }
  return r;
}

function kindOf(when: BotWhen): RouteKind {
  return 'intent' in when ? 'intent' : 'sentiment' in when ? 'sentiment' : 'if';
}

/** A misbehaving analyzer or extractor must not stop the conversation: treat it as finding nothing. */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
