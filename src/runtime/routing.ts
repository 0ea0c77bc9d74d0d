// The routing semantics of tact: what a step can do next, which replies reach which target, in
// which order, and what a fallback does. The single source of it for the runtime (step.ts, which
// reads replies with it) and for the step graph the rules walk (analysis/graph.ts, which lists
// the moves with it), so a rule never claims a move the bot would not make. No Node imports.
import type { BotFile, BotSentimentLabel, BotStep, BotWhen } from './bot-types.js';
import { type RouteKind, routeKey } from './state.js';

/** The built-in intent of a customer asking for a person. */
export const HUMAN_INTENT = 'human';

/**
 * The built-in intent of a customer asking whether they talk to a person ("are you a real
 * person?"). Routed like `human`, before anything else; where nothing routes it, the bot answers
 * in place with its disclosure and asks its question again (an `answer` candidate: no move).
 */
export const ARE_YOU_A_BOT = 'are_you_a_bot';

/** Intents that come first wherever they are routed, in every bot: `human` and `are_you_a_bot`. */
export function isBuiltinUrgent(intent: string): boolean {
  return intent === HUMAN_INTENT || intent === ARE_YOU_A_BOT;
}

/** The failed tries an ask step allows when its fallback gives no `max`. */
export const DEFAULT_FALLBACK_MAX = 2;

/** A route's condition, as routing sees it (options are routed by position, not by a `when`). */
export type RouteCondition = Exclude<BotWhen, { option: number }>;

/** What a reply must be for a candidate to take it. */
export type ReplyTest =
  /** The reply is the label (or the number) of the option at this 1-based position. */
  | { type: 'label'; option: number }
  /** The reply's best intent is this one. */
  | { type: 'intent'; intent: string }
  /** A value of the collected data's type is found in the reply. */
  | { type: 'value'; freeText: boolean }
  /** The reply's sentiment label is this one (`very_negative` counts as `negative`). */
  | { type: 'sentiment'; label: BotSentimentLabel }
  /** The condition holds over the data after the reply. */
  | { type: 'if'; logic: unknown }
  /** Every reply. */
  | { type: 'any' };

/** Where a candidate comes from in the step as written. */
export type CandidateSource = 'option' | 'route' | 'handler' | 'collect' | 'accept' | 'answer';

/** One way a reply at an ask step can leave it; candidates are tried in order, the first match wins. */
export interface Candidate {
  test: ReplyTest;
  to: string;
  /** How the runtime records the move (`State.routes`, `routeKey`). */
  kind: RouteKind;
  source: CandidateSource;
  /** Position in its list: the option, the step's own route, or the handler (flow's, then global). */
  index: number;
}

/** What routing needs to know of an ask step, whoever holds it (the bot file or the project model). */
export interface AskRouting {
  options: readonly { label: string; intent?: string; goto?: string }[];
  /** The step collects data; `freeText` when it is `text` without a `pattern` (any text is a value). */
  collect?: { freeText: boolean };
  /** The step's own routes, in order. */
  routes: readonly { when: RouteCondition; goto: string }[];
  /** The flow's handlers, then the global handlers, in order. */
  handlers: readonly { when: RouteCondition; goto: string }[];
  next?: string;
  /** Intents that go to wherever they are routed before anything else: `human` and the sensitive ones. */
  urgent(intent: string): boolean;
}

/**
 * The candidates of an ask step in the order the runtime tries them (flow-format.md, "Routing a
 * reply at an ask step"):
 * 0. a reply that is exactly an option's label or number;
 * 1. `human`, `are_you_a_bot` and sensitive intents, wherever they are routed: the step's routes,
 *    then the handlers; `are_you_a_bot` that nothing routes is answered in place (source `answer`);
 * 2. options by their intent;
 * 3. at a free-text question (collect of `text` without `pattern`), which would take any reply as
 *    its value, the intent routes of the step and of the handlers interrupt it first (help, cancel);
 * 4. the collect: a value found in the reply goes to `next`;
 * 5. the step's routes, in order, then the flow's and the global handlers;
 * 6. a question with only `next` (no collect, options or routes) accepts any reply.
 * A reply that none takes is a failed try (`fallbackMove`).
 */
export function askCandidates(step: AskRouting): Candidate[] {
  const out: Candidate[] = [];
  const listed = new Set<string>();
  const push = (c: Candidate) => {
    const key = `${c.source}:${c.index}`;
    if (c.source === 'route' || c.source === 'handler') {
      if (listed.has(key)) return;
      listed.add(key);
    }
    out.push(c);
  };
  const route = (source: 'route' | 'handler', when: RouteCondition, goto: string, index: number) =>
    push({
      test: testOf(when),
      to: goto,
      kind: source === 'handler' ? 'handler' : kindOf(when),
      source,
      index,
    });
  const intentRoutes = (keep: (intent: string) => boolean) => {
    step.routes.forEach((r, i) => {
      if ('intent' in r.when && keep(r.when.intent)) route('route', r.when, r.goto, i);
    });
    step.handlers.forEach((r, i) => {
      if ('intent' in r.when && keep(r.when.intent)) route('handler', r.when, r.goto, i);
    });
  };

  step.options.forEach((o, i) => {
    if (o.goto !== undefined)
      push({
        test: { type: 'label', option: i + 1 },
        to: o.goto,
        kind: 'option',
        source: 'option',
        index: i,
      });
  });
  intentRoutes((intent) => step.urgent(intent));
  const routesIntent = (intent: string) =>
    [...step.routes, ...step.handlers].some((r) => 'intent' in r.when && r.when.intent === intent);
  if (!routesIntent(ARE_YOU_A_BOT))
    // Not a move: `to` is where the conversation stays (routing does not know the step's id).
    push({
      test: { type: 'intent', intent: ARE_YOU_A_BOT },
      to: '',
      kind: 'intent',
      source: 'answer',
      index: 0,
    });
  step.options.forEach((o, i) => {
    if (o.goto !== undefined && o.intent !== undefined)
      push({
        test: { type: 'intent', intent: o.intent },
        to: o.goto,
        kind: 'option',
        source: 'option',
        index: i,
      });
  });
  const freeText = step.collect?.freeText === true && step.next !== undefined;
  if (freeText) intentRoutes(() => true);
  if (step.collect && step.next !== undefined)
    push({
      test: { type: 'value', freeText },
      to: step.next,
      kind: 'collect',
      source: 'collect',
      index: 0,
    });
  step.routes.forEach((r, i) => {
    route('route', r.when, r.goto, i);
  });
  step.handlers.forEach((r, i) => {
    route('handler', r.when, r.goto, i);
  });
  if (!step.collect && step.options.length === 0 && step.routes.length === 0 && step.next !== undefined)
    push({ test: { type: 'any' }, to: step.next, kind: 'accept', source: 'accept', index: 0 });
  return out;
}

/** Does the test take every reply that has any text? (A free-text collect needs some text.) */
export function takesEveryReply(test: ReplyTest): boolean {
  return (
    test.type === 'any' ||
    (test.type === 'value' && test.freeText) ||
    (test.type === 'if' && test.logic === true)
  );
}

/** Can the test never take a reply? (A condition that did not parse compiles to `false`.) */
function takesNoReply(test: ReplyTest): boolean {
  return test.type === 'if' && (test.logic === false || test.logic === null);
}

/**
 * The candidates that can take some reply: up to the first that takes every reply (what comes
 * after it can never fire), without those that can take none.
 */
export function liveCandidates(candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (takesNoReply(c.test)) continue;
    out.push(c);
    if (takesEveryReply(c.test)) break;
  }
  return out;
}

/** Can a reply at this step be a failed try? Not when some candidate takes every reply. */
export function canFail(candidates: readonly Candidate[]): boolean {
  return !candidates.some((c) => takesEveryReply(c.test));
}

/** What the runtime knows about one reply, computed on demand. */
export interface ReplyFacts {
  /** The 1-based position of the option whose label or number the reply is exactly, or 0. */
  option: number;
  /** The reply's best intent among those the step can route (`none` below the threshold). */
  intent: string;
  sentiment: BotSentimentLabel;
  /** Whether a value of the collected data's type is in the reply. */
  hasValue(): boolean;
  /** Whether a condition holds over the data after the reply. */
  holds(logic: unknown): boolean;
}

/** Does this test take this reply? */
export function testHolds(test: ReplyTest, reply: ReplyFacts): boolean {
  switch (test.type) {
    case 'label':
      return reply.option === test.option;
    case 'intent':
      return reply.intent !== 'none' && reply.intent === test.intent;
    case 'value':
      return reply.hasValue();
    case 'sentiment':
      return (
        reply.sentiment === test.label || (test.label === 'negative' && reply.sentiment === 'very_negative')
      );
    case 'if':
      return reply.holds(test.logic);
    case 'any':
      return true;
  }
}

/** The first candidate that takes the reply, or undefined for a failed try. */
export function chooseCandidate(candidates: readonly Candidate[], reply: ReplyFacts): Candidate | undefined {
  return candidates.find((c) => testHolds(c.test, reply));
}

/** The intents routing at this step can act on: those its candidates test. */
export function testedIntents(candidates: readonly Candidate[]): string[] {
  return [...new Set(candidates.flatMap((c) => (c.test.type === 'intent' ? [c.test.intent] : [])))];
}

/** A fallback's `max` as the runtime counts it: a whole number of at least 1. */
export function fallbackMax(max: number | undefined): number {
  return Math.max(
    1,
    Math.floor(typeof max === 'number' && Number.isFinite(max) ? max : DEFAULT_FALLBACK_MAX),
  );
}

/**
 * After a failed try: while the failed tries are fewer than `max` the step asks again (undefined);
 * the `max`-th goes to the fallback's `then`. Without `then` it asks again for ever.
 */
export function fallbackMove(
  fallback: { max?: number; then?: string } | undefined,
  failedTries: number,
): { to: string; kind: 'fallback' } | undefined {
  if (fallback?.then === undefined || failedTries < fallbackMax(fallback.max)) return undefined;
  return { to: fallback.then, kind: 'fallback' };
}

/** One move a step can make, as the runtime records it. */
export interface Move {
  to: string;
  kind: RouteKind;
}

/** The moves of a step that is not a question: a message's or an action's `next`, a branch's cases. */
export function automaticMoves(step: {
  kind: BotStep['kind'];
  next?: string;
  branch?: readonly { goto: string }[];
  else?: string;
}): Move[] {
  switch (step.kind) {
    case 'message':
    case 'action':
      return step.next !== undefined ? [{ to: step.next, kind: 'next' }] : [];
    case 'branch':
      return [
        ...(step.branch ?? []).map((b): Move => ({ to: b.goto, kind: 'branch' })),
        ...(step.else !== undefined ? [{ to: step.else, kind: 'else' as const }] : []),
      ];
    default:
      return [];
  }
}

/** The routing view of an ask step of a bot file. */
export function askRoutingOf(bot: BotFile, st: BotStep): AskRouting {
  const routes = Array.isArray(st.routes) ? st.routes : [];
  const options = (Array.isArray(st.options) ? st.options : []).map((o, i) => ({
    label: o.label,
    intent: o.intent,
    goto: routes.find((r) => 'option' in r.when && r.when.option === i + 1)?.goto,
  }));
  const own = routes.filter((r): r is { when: RouteCondition; goto: string } => !('option' in r.when));
  const handlers = [...handlerList(bot, st.handlers), ...handlerList(bot, '*')];
  const def =
    st.collect !== undefined && bot.data && Object.hasOwn(bot.data, st.collect)
      ? bot.data[st.collect]
      : undefined;
  return {
    options,
    collect: st.collect !== undefined ? { freeText: def?.type === 'text' && !def.pattern } : undefined,
    routes: own,
    handlers,
    next: st.next,
    urgent: (intent) =>
      isBuiltinUrgent(intent) ||
      (bot.intents !== undefined &&
        Object.hasOwn(bot.intents, intent) &&
        bot.intents[intent]?.sensitive === true),
  };
}

function handlerList(bot: BotFile, key: string | undefined): { when: RouteCondition; goto: string }[] {
  if (!key || !bot.handlers || !Object.hasOwn(bot.handlers, key)) return [];
  const list = bot.handlers[key];
  return Array.isArray(list)
    ? (list.filter((r) => r && !('option' in r.when)) as { when: RouteCondition; goto: string }[])
    : [];
}

/** The moves a reply can make at an ask step of a bot file: its live candidates, then the fallback's. */
export function askMoves(bot: BotFile, st: BotStep): Move[] {
  const candidates = askCandidates(askRoutingOf(bot, st));
  const moves: Move[] = liveCandidates(candidates)
    .filter((c) => c.source !== 'answer')
    .map((c) => ({ to: c.to, kind: c.kind }));
  if (canFail(candidates) && st.fallback?.then !== undefined)
    moves.push({ to: st.fallback.then, kind: 'fallback' });
  return moves;
}

/**
 * Every move a compiled bot can make, as route keys (`routeKey(from, to, kind)`, the keys the
 * runtime counts in `State.routes`), each once, in the order of the bot's steps. Leaves out the
 * moves the runtime makes by itself (`escalation`: a failed action, a loop, a broken target).
 */
export function botMoves(bot: BotFile): string[] {
  const keys = new Set<string>();
  for (const [id, st] of Object.entries(bot.steps ?? {})) {
    if (!st || typeof st !== 'object') continue;
    const moves = st.kind === 'ask' ? askMoves(bot, st) : automaticMoves(st);
    for (const m of moves) keys.add(routeKey(id, m.to, m.kind));
  }
  return [...keys];
}

function testOf(when: RouteCondition): ReplyTest {
  if ('intent' in when) return { type: 'intent', intent: when.intent };
  if ('sentiment' in when) return { type: 'sentiment', label: when.sentiment };
  return { type: 'if', logic: when.if };
}

function kindOf(when: RouteCondition): RouteKind {
  return 'intent' in when ? 'intent' : 'sentiment' in when ? 'sentiment' : 'if';
}

/**
 * Is the reply a question about who the customer is talking to ("are you a real person?", "am I
 * talking to a bot?", "is this automated?")? The built-in `are_you_a_bot` intent is read by this
 * form, not by the intent matcher: its words ("real person", "human") are those of asking for a
 * person, and a customer who says "get me a real person" must reach one, not be told what the
 * bot is.
 */
export function asksWhetherBot(text: string): boolean {
  return BOT_QUESTION.test(text);
}

const WHAT =
  '(?:an?\\s+)?(?:real|actual|live|human|person|people|bot|robot|machine|computer|ai|a\\.i\\.|automated|automatic|recording|program|chatbot)';
const BOT_QUESTION = new RegExp(
  [
    `\\b(?:are|r)\\s+(?:you|u|ya)\\s+${WHAT}\\b`,
    `\\b(?:am|are)\\s+(?:i|we)\\s+(?:talking|chatting|speaking|writing|texting|messaging)\\s+(?:to|with)\\s+${WHAT}\\b`,
    `\\bis\\s+(?:this|that|it)\\s+${WHAT}\\b`,
    `\\b(?:is|are)\\s+(?:this|you)\\s+(?:chat\\s+|conversation\\s+)?(?:automated|a\\s+bot|a\\s+machine)\\b`,
  ].join('|'),
  'i',
);
