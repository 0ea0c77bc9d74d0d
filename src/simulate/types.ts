/**
 * The simulator's vocabulary (simulation.md): what a customer engine is given and answers, and what
 * one conversation and one whole run measure. Everything here is plain JSON but `Persona`.
 */

import type { BotTone } from '../analysis/tone.js';
import type { DataType, Mood, Persona } from '../flow/types.js';
import type { BotFile, BotSentimentLabel } from '../runtime/bot-types.js';

export type { Mood, Persona };

/** How a conversation ended, as simulation.md lists them. */
export type Outcome = 'resolved' | 'handoff' | 'abandoned' | 'stuck' | 'error';
export const OUTCOMES: readonly Outcome[] = ['resolved', 'handoff', 'abandoned', 'stuck', 'error'];

/**
 * Who or what ended it. `bot-end` with an `unresolved` end step counts as `abandoned`: the customer
 * leaves with neither an answer nor a person.
 */
export type EndReason =
  | 'handoff'
  | 'end-resolved'
  | 'end-unresolved'
  | 'customer-done'
  | 'customer-gave-up'
  | 'max-turns'
  | 'error'
  | 'interrupted';

/** What the customer sees of the bot when it is their turn to write. */
export interface BotView {
  /** What the bot said since the customer's last message, in order. */
  messages: { text: string; step: string }[];
  /** The ask step that waits for the customer. */
  step: string;
  /** Quick-reply labels, numbered from 1 as the bot shows them. */
  options: string[];
  /** What the step collects, when it does: qualified name, local name, type and choices. */
  collect?: { name: string; local: string; type: DataType; values?: string[] };
}

/** One line of a conversation as the simulator records it. */
export interface TranscriptLine {
  from: 'bot' | 'customer';
  text: string;
  /** Bot lines: the step that said it. Customer lines: the ask step that read it. */
  step: string;
  /** Customer turns so far when the line was said (the bot's opening lines are turn 0). */
  turn: number;
  /** Customer lines: the shared analyzer's reading, with the bot's thresholds. */
  sentiment?: { score: number; label: BotSentimentLabel };
  /** Customer lines: the intent the runtime matched (`none` when nothing did). */
  intent?: { name: string; score: number };
  /** Bot lines: the tone the shared analyzer hears. */
  tone?: BotTone;
  /** Customer lines: the customer asked for a person here (by their own account or the bot's match). */
  wantsHuman?: boolean;
  /** Bot lines: said because the customer's reply matched nothing (a fallback, or the re-ask after it). */
  fallback?: boolean;
  /** Bot lines: an upbeat message right after a negative customer message. */
  toneMismatch?: boolean;
  /** Bot lines: an ask for data the customer already gave. */
  repeatedAsk?: boolean;
  /** An action the bot ran before this line (`{action, result}`), shown in transcripts. */
  action?: { name: string; result: Record<string, unknown>; inWorld: boolean };
}

/** What a customer engine answers on its turn. */
export interface CustomerReply {
  message: string;
  /** The customer's goal is met: they leave content. */
  done?: boolean;
  /** This message asks for a person. */
  wantsHuman?: boolean;
  /** The customer gives up and leaves (the message is their parting line, or empty). */
  gaveUp?: boolean;
}

/** What a customer engine knows about the conversation it plays. */
export interface ConversationContext {
  persona: Persona;
  bot: BotFile;
  /** 1-based run number of this persona. */
  run: number;
  seed: number;
  /** `persona-id#run`, the conversation's id in every report. */
  id: string;
  /** Aborted on Ctrl-C: stop waiting for a model. */
  signal: AbortSignal;
}

/** One simulated customer in one conversation. */
export interface Customer {
  /** The customer's next message; `transcript` holds everything said so far, this view's lines too. */
  reply(view: BotView, transcript: readonly TranscriptLine[]): Promise<CustomerReply>;
}

/** A judge's rating of a finished conversation (`--judge`). */
export interface JudgeRating {
  /** Empathy, 1 (cold or harmful) to 5 (exemplary). */
  score: number;
  reasons: string[];
}

/**
 * Who plays the customers. `prepare` checks what the engine needs before the first conversation
 * (an Ollama server, a model, recordings) and throws a TactError with exit code 2 when it is
 * missing. An engine that fails one conversation throws a ConversationError from `reply`: that
 * conversation is `error`, the others go on.
 */
export interface CustomerEngine {
  readonly name: 'scripted' | 'ollama' | 'replay';
  /** The model that plays (ollama and replay), for the report. */
  readonly model?: string;
  prepare?(signal: AbortSignal): Promise<void>;
  customer(ctx: ConversationContext): Customer;
  /** Called once per finished conversation (recordings are written here). */
  finish?(ctx: ConversationContext): Promise<void>;
  /** Called once at the end of the run. */
  close?(): Promise<void>;
}

/**
 * Rates finished conversations (`--judge`): a model, whichever engine plays the customers, so the
 * scripted player's conversations can be judged too. Its answers are recorded and replayed with the
 * customer's.
 */
export interface Judge {
  readonly model?: string;
  /** As CustomerEngine.prepare: check the server and the model, or throw a TactError (exit 2). */
  prepare?(signal: AbortSignal): Promise<void>;
  /** Rate one finished conversation; throws when no rating could be had (the expectation is then not checked). */
  rate(ctx: ConversationContext, transcript: readonly TranscriptLine[]): Promise<JudgeRating>;
  finish?(ctx: ConversationContext): Promise<void>;
  close?(): Promise<void>;
}

/** One conversation failed in the engine (retries spent, a malformed answer twice, a replay miss). */
export class ConversationError extends Error {
  override name = 'ConversationError';
}

/** One expectation of a persona, checked on one conversation. */
export interface ExpectationResult {
  name: 'outcome' | 'max_turns' | 'human_within' | 'min_empathy';
  /** As a person reads it: `resolved or handoff`, `at most 12 turns`. */
  expected: string;
  actual: string;
  /** `null`: could not be checked (no judge was asked; the customer never asked for a person). */
  passed: boolean | null;
  /** The customer turn where it failed, when there is one. */
  turn?: number;
  /** One sentence: what was expected, what happened, and where. */
  message: string;
}

export interface ToneMismatch {
  turn: number;
  step: string;
  text: string;
  /** What the customer had just said, and how it read. */
  after: { text: string; label: BotSentimentLabel };
  evidence: string[];
}

export interface RepeatedAsk {
  turn: number;
  step: string;
  /** Qualified data name asked for again. */
  data: string;
}

/** Everything measured in one conversation (simulation.md, "What is measured per conversation"). */
export interface ConversationResult {
  id: string;
  persona: string;
  mood: Mood;
  run: number;
  seed: number;
  outcome: Outcome;
  endReason: EndReason;
  /** Why an `error` conversation failed. */
  error?: string;
  /** Customer messages sent. */
  turns: number;
  /** Customer replies the bot matched nothing to. */
  fallbacks: number;
  /** The customer turn where they first asked for a person. */
  humanAskedAt?: number;
  /** The customer turn whose reply the handoff answered. */
  handoffAt?: number;
  /** Bot turns from the first ask for a person to the handoff (1: the very next bot turn). */
  botTurnsToHuman?: number;
  handoff?: { queue?: string; reason: string; step: string };
  /** Where the conversation stopped. */
  endStep: string;
  /** The customer's sentiment score per turn, in order. */
  sentiment: number[];
  toneMismatches: ToneMismatch[];
  repeatedAsks: RepeatedAsk[];
  /** Step id → times entered. */
  steps: Record<string, number>;
  /** Route key (`from→to#kind`, as the runtime records them) → times taken. */
  routes: Record<string, number>;
  transcript: TranscriptLine[];
  judge?: JudgeRating;
  expectations: ExpectationResult[];
  /** Every expectation that could be checked held, and the conversation did not error. */
  passed: boolean;
}

/** Options of one simulation run. */
export interface RunOptions {
  /** Conversations per persona (seeds `seed .. seed + runs - 1`). Default 1. */
  runs?: number;
  seed?: number;
  /** Conversations at once. Default 4 (scripted) or 2 (ollama). */
  concurrency?: number;
  /** Customer turns before a conversation is `stuck`. Default 20. */
  maxTurns?: number;
  /**
   * Worker threads for the scripted player (1: none). Default: one per core for runs of a few
   * hundred conversations or more.
   */
  workers?: number;
  /** Run only every `total`-th conversation, starting at `index` (1-based), as `--shard I/N`. */
  shard?: { index: number; total: number };
  /** Rates each conversation's empathy (`--judge`); `expect.min_empathy` needs it. */
  judge?: Judge;
  /** Stops new conversations; those in flight end `interrupted` and are left out of the report. */
  signal?: AbortSignal;
  /** Called as conversations start, take turns and finish (the live view). */
  onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { type: 'planned'; total: number }
  | { type: 'start'; id: string; persona: string; mood: Mood }
  | { type: 'turn'; id: string; turn: number; sentiment?: number; step: string }
  | { type: 'end'; result: ConversationResult };
