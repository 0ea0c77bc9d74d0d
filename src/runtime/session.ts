import type { BotFile, BotSentimentLabel } from './bot-types.js';
import { type HandoffPackage, initialState, type State } from './state.js';
import { advance, type Event, type Message, type StepOutput } from './step.js';

/**
 * A host action: gets the step's flow data under local names (`order_id`), returns the data it sets
 * under local names too (only names listed in the step's `sets` are kept), or nothing.
 */
export type Action = (
  data: Record<string, unknown>,
  // biome-ignore lint/suspicious/noConfusingVoidType: an action that sets nothing may be `async () => {}`.
) => Record<string, unknown> | void | Promise<Record<string, unknown> | void>;

export interface SessionOptions {
  /** Action name → implementation. A missing one escalates like a failing one. */
  actions?: Record<string, Action>;
  /** Kept in the state for reproducibility. */
  seed?: number;
  /** An action that takes longer fails with a timeout; 0 or Infinity waits for ever. Default 10 s. */
  actionTimeoutMs?: number;
  /** Resume a conversation from a state saved earlier (`session.state`). */
  state?: State;
}

/** What one `start()` or `reply()` produced. */
export interface Turn {
  /** What the bot said this turn, in order. */
  messages: Message[];
  status: 'awaiting' | 'handoff' | 'ended';
  /** Where the conversation stopped. */
  step: string;
  /** Best intent of the reply just read (`none` when nothing matched). */
  intent?: { name: string; score: number };
  /** Sentiment of the reply just read. */
  sentiment?: { score: number; label: BotSentimentLabel };
  /** Set when the bot matched nothing in the reply just read (its fallback answered). */
  missed?: true;
  /** Data collected so far, qualified names. */
  data: Record<string, unknown>;
  /** Quick-reply labels of the step that waits. */
  options?: string[];
  outcome?: 'resolved' | 'unresolved';
  handoff?: HandoffPackage;
}

export interface Session {
  /** Run from the entry step until the bot needs a reply or stops. Never throws. */
  start(): Promise<Turn>;
  /** Read a customer reply and run until the bot needs another or stops. Never throws. */
  reply(text: string): Promise<Turn>;
  /** A copy of the current state (plain JSON). */
  readonly state: State;
  /** Bot messages said so far, counting those of a turn still running (cheap: no copy). */
  readonly said: number;
  /**
   * The current state itself, not a copy: for hosts that read it after every turn and cannot pay
   * for a copy each time (the simulator). It changes as the conversation goes on; never change it
   * or anything in it yourself; use `state` for a copy to keep.
   */
  peek(): Readonly<State>;
}

export const DEFAULT_ACTION_TIMEOUT_MS = 10_000;

/**
 * The thin shell around `step`: feeds it events, runs the actions it asks for and reports their
 * failures back to it. Calls are queued, so overlapping `reply()` calls are read in order.
 */
export function createSession(bot: BotFile, options: SessionOptions = {}): Session {
  const actions = options.actions ?? {};
  const timeoutMs = options.actionTimeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS;
  let state: State = options.state
    ? structuredClone(options.state)
    : initialState(bot.entry, options.seed ?? 0);
  let last: Turn | undefined;
  let said = state.transcript.filter((e) => e.from === 'bot').length;
  let queue: Promise<unknown> = Promise.resolve();

  const serialise = (work: () => Promise<Turn>): Promise<Turn> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function drive(event: Event, messages: Message[] = []): Promise<Turn> {
    let intent: StepOutput['intent'];
    let sentiment: StepOutput['sentiment'];
    let missed = false;
    let next: Event | undefined = event;
    while (next) {
      // The session owns its state (copied in, copied out by `state`): it is advanced in place.
      const result = advance(bot, state, next);
      state = result.state;
      messages.push(...result.output.messages);
      said += result.output.messages.length;
      intent = result.output.intent ?? intent;
      sentiment = result.output.sentiment ?? sentiment;
      missed ||= result.output.missed === true;
      const effect = result.output.effect;
      next = effect ? await runAction(effect.name, effect.input) : undefined;
    }
    last = toTurn(bot, state, messages, intent, sentiment);
    if (missed) last.missed = true;
    return last;
  }

  async function runAction(name: string, input: Record<string, unknown>): Promise<Event> {
    const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (typeof action !== 'function')
      return { type: 'actionResult', error: 'no such action was given to the session' };
    try {
      const result = await withTimeout(
        Promise.resolve().then(() => action(input)),
        timeoutMs,
      );
      if (result === undefined || result === null) return { type: 'actionResult', data: {} };
      if (typeof result !== 'object' || Array.isArray(result)) {
        return {
          type: 'actionResult',
          error: `returned ${Array.isArray(result) ? 'an array' : typeof result}, not an object`,
        };
      }
      return { type: 'actionResult', data: result };
    } catch (error) {
      return { type: 'actionResult', error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Whatever goes wrong in the shell itself ends in a handoff rather than a rejected promise. */
  async function safely(work: () => Promise<Turn>): Promise<Turn> {
    try {
      return await work();
    } catch (error) {
      const reason = `runtime error: ${error instanceof Error ? error.message : String(error)}`;
      state = {
        ...state,
        status: 'handoff',
        waiting: undefined,
        handoff: {
          reason,
          transcript: state.transcript,
          data: state.data,
          sentiment: state.sentimentHistory,
          step: state.step,
        },
      };
      last = toTurn(bot, state, []);
      return last;
    }
  }

  const again = (): Turn => ({ ...(last ?? toTurn(bot, state, [])), messages: [] });

  return {
    start: () =>
      serialise(() => safely(async () => (state.status === 'new' ? drive({ type: 'start' }) : again()))),
    reply: (text: string) =>
      serialise(() =>
        safely(async () => {
          // A reply before start() starts the conversation first; its opening messages come along.
          const opening: Message[] = [];
          if (state.status === 'new') {
            const turn = await drive({ type: 'start' });
            opening.push(...turn.messages);
          }
          if (state.status !== 'awaiting') return opening.length ? (last as Turn) : again();
          return drive(
            { type: 'reply', text: typeof text === 'string' ? text : String(text ?? '') },
            opening,
          );
        }),
      ),
    get state() {
      return structuredClone(state);
    },
    get said() {
      return said;
    },
    peek: () => state,
  };
}

function toTurn(
  bot: BotFile,
  state: State,
  messages: Message[],
  intent?: StepOutput['intent'],
  sentiment?: StepOutput['sentiment'],
): Turn {
  const status = state.status === 'handoff' || state.status === 'ended' ? state.status : 'awaiting';
  const turn: Turn = { messages, status, step: state.step, data: copyData(state.data) };
  if (intent) turn.intent = intent;
  if (sentiment) turn.sentiment = sentiment;
  const options = bot.steps[state.step]?.options;
  if (status === 'awaiting' && options?.length) turn.options = options.map((o) => o.label);
  if (state.outcome) turn.outcome = state.outcome;
  if (state.handoff) turn.handoff = structuredClone(state.handoff);
  return turn;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A copy of collected data: most values are strings, numbers or booleans, copied as they are. */
function copyData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data))
    out[k] = v !== null && typeof v === 'object' ? structuredClone(v) : v;
  return out;
}
