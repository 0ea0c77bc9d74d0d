import { analyzeSentiment } from '../analysis/sentiment.js';
import type { BotFile, BotMessage, BotSentimentLabel, BotStep } from './bot-types.js';
import { conditionData, holds } from './logic.js';
import { fillPlaceholders, normalizeLabel, sanitizeReply, variantsFor } from './messages.js';
import { type IntentMatch, matchIntent, type NluIndex } from './nlu.js';
import {
  ARE_YOU_A_BOT,
  askCandidates,
  askRoutingOf,
  asksWhetherBot,
  type Candidate,
  canFail,
  chooseCandidate,
  fallbackMove,
  type ReplyFacts,
  testedIntents,
} from './routing.js';
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

/** The answer to "are you a real person?" of a bot file that has no `bot.disclosure`. */
export const DEFAULT_DISCLOSURE = "I'm an automated assistant, not a person.";

/** Automatic moves without customer input after which the runtime escalates with reason `loop`. */
export const MAX_AUTOMATIC_MOVES = 50;

export { DEFAULT_FALLBACK_MAX } from './routing.js';

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
  return advance(bot, workingCopy(state), event);
}

/**
 * `step` on a state the caller owns and gives up: it is changed in place and returned. For a host
 * that keeps only the latest state and never shares it (the session), where the copy `step` makes
 * of the lists and maps it writes would cost time in proportion to the conversation so far.
 */
export function advance(bot: BotFile, state: State, event: Event): StepResult {
  const run = new Run(bot, state);
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

type PerStep<T> = WeakMap<BotFile, WeakMap<BotStep, T>>;
const candidateCache: PerStep<Candidate[]> = new WeakMap();
/** The intents a step can route on (candidateIntents). */
const candidateIntentCache: PerStep<ReadonlySet<string>> = new WeakMap();

/**
 * `make()` once per step of a bot, kept in `memo`: a bot file is not changed while it runs (loadBot
 * gives a prepared copy), so what is worked out from a step can be kept.
 */
function perStep<T>(memo: PerStep<T>, bot: BotFile, st: BotStep, make: () => T): T {
  let steps = memo.get(bot);
  if (!steps) {
    steps = new WeakMap();
    memo.set(bot, steps);
  }
  let value = steps.get(st);
  if (value === undefined) {
    value = make();
    steps.set(st, value);
  }
  return value;
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

  /** Say one text as the current step and record it in the transcript. */
  sayText(text: string): void {
    const s = this.state;
    this.output.messages.push({ text, step: s.step });
    s.transcript.push({ from: 'bot', text, step: s.step });
  }

  /** Say the next variant of a message and record it in the transcript. */
  say(message: BotMessage | undefined, field: 'say' | 'ask' | 'fallback'): void {
    const s = this.state;
    const list = variantsFor(message, s.sentiment?.label ?? 'neutral');
    if (list.length === 0) return;
    const key = `${s.step}#${field}`;
    const n = s.variants[key] ?? 0;
    s.variants[key] = n + 1;
    this.sayText(fillPlaceholders(list[n % list.length], s.data, flowOf(s.step)));
  }

  /** The step's flow data under local names (`refund/order_id` → `order_id`). */
  localData(at: string): Record<string, JsonValue> {
    const prefix = `${flowOf(at)}/`;
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(this.state.data)) {
      if (k.startsWith(prefix))
        out[k.slice(prefix.length)] = v !== null && typeof v === 'object' ? structuredClone(v) : v;
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

    const { sentiment, match: matched } = readingOf(this.bot, at, text, () => ({
      sentiment: this.sentimentOf(text),
      match: this.intentOf(text, st ? this.candidateIntents(st) : undefined),
    }));
    // "Are you a real person?" is read by its form, not by the matcher (whose `human` it resembles).
    const match: IntentMatch = asksWhetherBot(text)
      ? { intent: ARE_YOU_A_BOT, score: 1, ranking: matched.ranking }
      : matched;
    s.sentiment = sentiment;
    s.sentimentHistory.push(sentiment.score);
    s.transcript.push({ from: 'customer', text, step: at, sentiment: sentiment.score });
    this.output.intent = { name: match.intent, score: match.score };
    this.output.sentiment = sentiment;

    const decision = st ? this.route(at, st, text, match.intent, sentiment.label) : undefined;
    if (decision === 'answered') return undefined;
    if (decision) {
      s.cause = decision.cause;
      return { to: decision.to, from: at, kind: decision.kind };
    }
    return this.fail(at, st);
  }

  /** Route the reply by the candidates of routing.ts (the order of flow-format.md); the first that takes it wins. */
  route(
    at: string,
    st: BotStep,
    text: string,
    intent: string,
    label: BotSentimentLabel,
  ): Decision | 'answered' | undefined {
    const s = this.state;
    const options = st.options ?? [];
    const said = normalizeLabel(text);
    const number = /^#?(\d{1,3})[.)]?$/.exec(said);
    const exact = options.findIndex(
      (o, i) => normalizeLabel(o.label) === said || (number !== null && Number(number[1]) === i + 1),
    );
    // The value is looked for when routing reaches the collect (or a condition, which reads the
    // data after this reply), and stored as soon as it is found.
    let found: boolean | undefined;
    const hasValue = () => {
      if (found === undefined) {
        const def = st.collect ? this.bot.data?.[st.collect] : undefined;
        const value = def ? safely(() => toJson(extractValue(def, text))) : undefined;
        found = value !== undefined && value !== null;
        if (found && st.collect) s.data[st.collect] = value as JsonValue;
      }
      return found;
    };
    const reply: ReplyFacts = {
      option: exact + 1,
      intent,
      sentiment: label,
      hasValue,
      holds: (logic) => {
        hasValue();
        return holds(logic, conditionData(s, this.bot.channel));
      },
    };
    const chosen = chooseCandidate(this.candidates(st), reply);
    if (!chosen) return undefined;
    if (chosen.source === 'answer') {
      // "Are you a real person?": the honest answer, then the question again. Not a failed try.
      this.sayText(this.bot.bot?.disclosure || DEFAULT_DISCLOSURE);
      this.say(st.ask, 'ask');
      return 'answered';
    }
    return { to: chosen.to, kind: chosen.kind, cause: this.causeOf(chosen, at, intent, label) };
  }

  /** Why the chosen candidate took the reply, for a later handoff's reason. */
  causeOf(c: Candidate, at: string, intent: string, label: BotSentimentLabel): string | undefined {
    const st = this.bot.steps[at];
    if (c.source === 'option') return `customer chose "${st?.options?.[c.index]?.label ?? ''}"`;
    if (c.test.type === 'intent' && intent === 'human') return 'customer asked for a person';
    if (c.test.type === 'intent' && askRoutingOf(this.bot, st).urgent(intent))
      return `sensitive topic: ${intent}`;
    if (c.test.type === 'intent') return `customer intent ${intent} at ${at}`;
    if (c.test.type === 'sentiment') return `customer sentiment ${label} at ${at}`;
    if (c.test.type === 'if') return `condition met at ${at}`;
    return undefined;
  }

  /** The routing candidates of an ask step (routing.ts), worked out once per step of a bot. */
  candidates(st: BotStep): Candidate[] {
    return perStep(candidateCache, this.bot, st, () => askCandidates(askRoutingOf(this.bot, st)));
  }

  /** A reply nothing matched: re-ask, or after `max` failed tries go to the fallback's `then`. */
  fail(at: string, st: BotStep | undefined): Move | undefined {
    const s = this.state;
    s.fallbacks += 1;
    this.output.missed = true;
    const fallback = st?.fallback;
    // A question that takes every reply with text (free text) only gets here on an empty reply:
    // it asks again, and never gives up on the customer for saying nothing.
    const move = st && canFail(this.candidates(st)) ? fallbackMove(fallback, s.fallbacks) : undefined;
    if (move) {
      s.cause = `no match after ${s.fallbacks} tries at ${at}`;
      return { to: move.to, from: at, kind: move.kind };
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

  intentOf(text: string, candidates?: ReadonlySet<string>): IntentMatch {
    return (
      safely(() => matchIntent(this.bot.nlu as NluIndex, text, { candidates })) ?? {
        intent: 'none',
        score: 0,
        ranking: [],
      }
    );
  }

  /**
   * The intents a reply at this step can be routed on: `human`, the sensitive ones, and those the
   * step's candidates test (its options and routes, the flow's and global handlers). Matching only
   * among them keeps an intent of another flow from taking a reply meant for this step.
   */
  candidateIntents(st: BotStep): ReadonlySet<string> {
    return perStep(candidateIntentCache, this.bot, st, () => {
      const set = new Set<string>(['human']);
      for (const [id, def] of Object.entries(this.bot.intents ?? {})) if (def?.sensitive) set.add(id);
      for (const intent of testedIntents(this.candidates(st))) if (intent !== ARE_YOU_A_BOT) set.add(intent);
      return set;
    });
  }
}

interface Reading {
  sentiment: { score: number; label: BotSentimentLabel };
  match: IntentMatch;
}

/** Readings kept per bot: how many distinct (step, reply) pairs a generation of the memo holds. */
const READINGS_KEPT = 4096;
/** The memo of one bot: the readings of this generation, and of the one before. */
interface ReadingMemo {
  current: Map<string, Reading>;
  previous: Map<string, Reading>;
}
const readings = new WeakMap<BotFile, ReadingMemo>();

/**
 * The sentiment and intent of a reply at a step, worked out once per bot, step and text: customers
 * send the same short replies again and again ("yes", "agent", a quick-reply label), and both
 * analyses are pure. When a generation is full it becomes the previous one, so the replies that keep
 * coming back stay (they are carried over) while one-off texts fall out. Callers must not change
 * what they get.
 */
function readingOf(bot: BotFile, at: string, text: string, read: () => Reading): Reading {
  let memo = readings.get(bot);
  if (!memo) {
    memo = { current: new Map(), previous: new Map() };
    readings.set(bot, memo);
  }
  const key = `${at}\u0000${text}`;
  let r = memo.current.get(key);
  if (r) return r;
  r = memo.previous.get(key) ?? read();
  if (memo.current.size >= READINGS_KEPT) {
    memo.previous = memo.current;
    memo.current = new Map();
  }
  memo.current.set(key, r);
  return r;
}

/** A misbehaving analyzer or extractor must not stop the conversation: treat it as finding nothing. */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
