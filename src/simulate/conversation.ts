import { analyzeTone, type ToneResult } from '../analysis/tone.js';
import type { Persona } from '../flow/types.js';
import type { Bot, Turn } from '../runtime/index.js';
import { checkExpectations } from './expect.js';
import { maskConversation, personalValues } from './mask.js';
import {
  type BotView,
  type ConversationContext,
  ConversationError,
  type ConversationResult,
  type CustomerEngine,
  type CustomerReply,
  type EndReason,
  type Judge,
  type Outcome,
  type RepeatedAsk,
  type ToneMismatch,
  type TranscriptLine,
} from './types.js';
import { type ChatLine, Conversation, type World } from './world.js';

export interface ConversationOptions {
  /** Customer turns before the conversation is `stuck`. */
  maxTurns: number;
  judge?: Judge;
  /** Keep personal data in the transcript (`--show-personal`); masked otherwise. */
  showPersonal: boolean;
  onTurn?: (turn: number, step: string, sentiment?: number) => void;
}

const NEGATIVE = new Set(['negative', 'very_negative']);

/** A bot says the same messages again and again: hear the tone of each text once. */
const tones = new Map<string, ToneResult>();
function toneOf(text: string): ToneResult {
  let t = tones.get(text);
  if (!t) {
    if (tones.size >= 10_000) tones.clear();
    t = analyzeTone(text);
    tones.set(text, t);
  }
  return t;
}

/** A persona's `world` in the shape the chat session takes: action name → data. */
export function worldOf(persona: Pick<Persona, 'world'>): World {
  const world: World = {};
  for (const [action, answer] of persona.world) world[action] = answer.data;
  return world;
}

/**
 * Hold one simulated conversation: the bot runs in the runtime's session (the same step function
 * as everywhere), its actions answer from the persona's `world`, and the engine's customer answers
 * each ask. Ends at a handoff, an end step, when the customer is done or gives up, at `maxTurns`, or
 * on an engine error (outcome `error`, with the reason). Never throws but for an abort: a run that
 * is stopped marks the conversation `interrupted`.
 */
export async function runConversation(
  bot: Bot,
  engine: CustomerEngine,
  ctx: ConversationContext,
  options: ConversationOptions,
): Promise<ConversationResult> {
  const { persona } = ctx;
  const conversation = new Conversation(bot, worldOf(persona), ctx.seed);
  const customer = engine.customer(ctx);
  const transcript: TranscriptLine[] = [];
  const toneMismatches: ToneMismatch[] = [];
  const repeatedAsks: RepeatedAsk[] = [];
  let turns = 0;
  let fallbacks = 0;
  let humanAskedAt: number | undefined;
  let handoffAt: number | undefined;
  let endReason: EndReason | undefined;
  let error: string | undefined;
  let lastCustomer: TranscriptLine | undefined;

  /** The bot's lines of one turn; `missedAt` is the ask step whose reply matched nothing, if any. */
  const addBotLines = (lines: ChatLine[], turn: Turn, missedAt?: string) => {
    let pendingAction: TranscriptLine['action'];
    const wasNegative = lastCustomer?.sentiment && NEGATIVE.has(lastCustomer.sentiment.label);
    for (const line of lines) {
      if (line.kind === 'action') {
        pendingAction = { name: line.action, result: line.result, inWorld: line.inWorld };
        continue;
      }
      if (line.kind !== 'bot') continue;
      const tone = toneOf(line.text);
      const entry: TranscriptLine = {
        from: 'bot',
        text: line.text,
        step: line.step,
        turn: turns,
        tone: tone.tone,
      };
      if (pendingAction) {
        entry.action = pendingAction;
        pendingAction = undefined;
      }
      if (missedAt !== undefined && line.step === missedAt) entry.fallback = true;
      if (wasNegative && tone.tone === 'upbeat' && lastCustomer?.sentiment) {
        entry.toneMismatch = true;
        toneMismatches.push({
          turn: turns,
          step: line.step,
          text: line.text,
          after: { text: lastCustomer.text, label: lastCustomer.sentiment.label },
          evidence: [...tone.evidence],
        });
      }
      transcript.push(entry);
    }
    // An action with no message after it (the conversation ended right there) still shows.
    if (pendingAction)
      transcript.push({ from: 'bot', text: '', step: turn.step, turn: turns, action: pendingAction });
  };

  /**
   * A repeated ask: the turn waits at a step that collects data the bot already holds. A re-ask
   * after a reply that matched nothing is the fallback, not a repeat.
   */
  const noteAsk = (turn: Turn, missed: boolean) => {
    if (turn.status !== 'awaiting' || missed) return;
    const collect = bot.file.steps[turn.step]?.collect;
    if (!collect || !Object.hasOwn(turn.data, collect)) return;
    repeatedAsks.push({ turn: turns, step: turn.step, data: collect });
    for (let i = transcript.length - 1; i >= 0; i--) {
      const l = transcript[i];
      if (l.from !== 'bot') break;
      if (l.step === turn.step) {
        l.repeatedAsk = true;
        break;
      }
    }
  };

  let reply: CustomerReply | undefined;
  let turn: Turn;
  try {
    const first = await conversation.start();
    turn = first.turn;
    addBotLines(first.lines, turn);
    noteAsk(turn, false);
    let view: BotView = viewOf(bot, turn);
    while (turn.status === 'awaiting') {
      if (ctx.signal.aborted) {
        endReason = 'interrupted';
        break;
      }
      if (turns >= options.maxTurns) {
        endReason = 'max-turns';
        break;
      }
      reply = await customer.reply(view, transcript);
      if (ctx.signal.aborted) {
        endReason = 'interrupted';
        break;
      }
      const text = typeof reply.message === 'string' ? reply.message.trim() : '';
      if (reply.gaveUp || reply.done) {
        if (text) transcript.push({ from: 'customer', text, step: turn.step, turn: turns });
        endReason = reply.gaveUp ? 'customer-gave-up' : 'customer-done';
        break;
      }
      if (!text) throw new ConversationError('the customer engine answered with an empty message');
      turns += 1;
      const result = await conversation.reply(text);
      const next = result.turn;
      const wantsHuman = reply.wantsHuman === true || next.intent?.name === 'human';
      const line: TranscriptLine = { from: 'customer', text, step: turn.step, turn: turns };
      if (next.sentiment) line.sentiment = { score: next.sentiment.score, label: next.sentiment.label };
      if (next.intent) line.intent = { name: next.intent.name, score: next.intent.score };
      if (wantsHuman) line.wantsHuman = true;
      transcript.push(line);
      lastCustomer = line;
      if (wantsHuman && humanAskedAt === undefined) humanAskedAt = turns;
      const missed = next.missed === true;
      if (missed) fallbacks += 1;
      addBotLines(
        result.lines.filter((l) => l.kind !== 'you'),
        next,
        missed ? turn.step : undefined,
      );
      noteAsk(next, missed);
      options.onTurn?.(turns, next.step, next.sentiment?.score);
      turn = next;
      view = viewOf(bot, turn);
    }
    if (turn.status === 'handoff') {
      endReason = 'handoff';
      handoffAt = turns;
    } else if (turn.status === 'ended') {
      endReason = turn.outcome === 'unresolved' ? 'end-unresolved' : 'end-resolved';
    }
  } catch (err) {
    if (ctx.signal.aborted) endReason = 'interrupted';
    else {
      endReason = 'error';
      error = err instanceof Error ? err.message : String(err);
    }
    turn = conversation.turn ?? (await conversation.start()).turn;
  }

  const state = conversation.session.peek();
  const reason: EndReason = endReason ?? 'error';
  const outcome = outcomeOf(reason);
  const result: ConversationResult = {
    id: ctx.id,
    persona: persona.id,
    mood: persona.mood,
    run: ctx.run,
    seed: ctx.seed,
    outcome,
    endReason: reason,
    ...(error !== undefined ? { error } : {}),
    turns,
    fallbacks,
    ...(humanAskedAt !== undefined ? { humanAskedAt } : {}),
    ...(handoffAt !== undefined ? { handoffAt } : {}),
    ...(humanAskedAt !== undefined && handoffAt !== undefined && handoffAt >= humanAskedAt
      ? { botTurnsToHuman: handoffAt - humanAskedAt + 1 }
      : {}),
    ...(state.handoff
      ? {
          handoff: {
            ...(state.handoff.queue ? { queue: state.handoff.queue } : {}),
            reason: state.handoff.reason,
            step: state.handoff.step,
          },
        }
      : {}),
    endStep: state.step,
    sentiment: transcript.filter((l) => l.from === 'customer' && l.sentiment).map((l) => l.sentiment!.score),
    toneMismatches,
    repeatedAsks,
    steps: sortedCounts(state.visits),
    routes: sortedCounts(state.routes),
    transcript,
    expectations: [],
    passed: false,
  };

  let judgeError: string | undefined;
  if (options.judge && outcome !== 'error' && reason !== 'interrupted') {
    try {
      result.judge = await options.judge.rate(ctx, transcript);
    } catch (err) {
      if (ctx.signal.aborted) result.endReason = 'interrupted';
      judgeError = err instanceof Error ? err.message : String(err);
    }
  }
  result.expectations = checkExpectations(persona, result, {
    judge: options.judge !== undefined,
    judgeError,
  });
  result.passed = outcome !== 'error' && result.expectations.every((e) => e.passed !== false);

  if (!options.showPersonal) maskConversation(result, personalValues(bot.file, state.data, persona));
  return result;
}

function outcomeOf(reason: EndReason): Outcome {
  switch (reason) {
    case 'handoff':
      return 'handoff';
    case 'end-resolved':
    case 'customer-done':
      return 'resolved';
    case 'end-unresolved':
    case 'customer-gave-up':
      return 'abandoned';
    case 'max-turns':
      return 'stuck';
    default:
      return 'error';
  }
}

/** What the customer sees at an ask step. */
export function viewOf(bot: Bot, turn: Turn): BotView {
  const st = bot.file.steps[turn.step];
  const view: BotView = {
    messages: turn.messages.map((m) => ({ text: m.text, step: m.step })),
    step: turn.step,
    options: turn.options ?? [],
  };
  if (st?.collect) {
    const def = bot.file.data?.[st.collect];
    view.collect = {
      name: st.collect,
      local: st.collect.slice(st.collect.indexOf('/') + 1),
      type: def?.type ?? 'text',
      ...(def?.values ? { values: [...def.values] } : {}),
    };
  }
  return view;
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
