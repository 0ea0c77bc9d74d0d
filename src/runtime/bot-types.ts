/**
 * The portable bot file (`tact compile` output, format `tact-bot` version 1).
 * See ../../shared/spec/bot-format.md; schemas/bot.schema.json is the machine form.
 * Every id is qualified `flow/name`, except shared intents and the built-in `human`.
 */

export type BotSentimentLabel = 'positive' | 'neutral' | 'negative' | 'very_negative';

/** Variants used in turn on each visit, or variants by the customer's latest sentiment label. */
export type BotMessage = string[] | ({ default: string[] } & Partial<Record<BotSentimentLabel, string[]>>);

export type BotWhen =
  | { intent: string }
  | { sentiment: BotSentimentLabel }
  /** 1-based index into the step's `options`. */
  | { option: number }
  | { if: unknown };

export interface BotRoute {
  when: BotWhen;
  goto: string;
}

export interface BotOption {
  label: string;
  intent?: string;
}

export interface BotFallback {
  say?: BotMessage;
  max: number;
  /** Omitted: re-ask forever. */
  then?: string;
}

export interface BotStep {
  kind: 'message' | 'ask' | 'branch' | 'action' | 'handoff' | 'end';
  say?: BotMessage;
  ask?: BotMessage;
  collect?: string;
  options?: BotOption[];
  /** Option routes (`{option: n}`) come first, then the step's own routes in order. */
  routes?: BotRoute[];
  /** Key into the bot's `handlers` for the step's flow handlers (ask steps only). */
  handlers?: string;
  fallback?: BotFallback;
  next?: string;
  branch?: { if: unknown; goto: string }[];
  else?: string;
  action?: string;
  sets?: string[];
  handoff?: { queue?: string; reason?: string };
  end?: 'resolved' | 'unresolved';
  tone?: string;
  discloses?: string[] | 'all';
}

export interface BotData {
  type: 'text' | 'number' | 'boolean' | 'email' | 'phone' | 'date' | 'choice';
  personal?: boolean;
  sensitive?: boolean;
  purpose?: string;
  retention?: string;
  pattern?: string;
  values?: string[];
}

export interface BotFile {
  format: 'tact-bot';
  version: 1;
  name: string;
  hash: string;
  entry: string;
  channel: 'chat' | 'sms' | 'voice';
  /** `disclosure`: the bot's answer to "are you a real person?" (built-in intent `are_you_a_bot`). */
  bot: { name?: string; company?: string; disclosure?: string };
  sentiment: { positive: number; negative: number; very_negative: number };
  intents: Record<string, { examples: string[]; sensitive?: boolean }>;
  data: Record<string, BotData>;
  steps: Record<string, BotStep>;
  /** Flow id → that flow's handlers; `*` → the global handlers. */
  handlers: Record<string, BotRoute[]>;
  /** Precomputed intent-matcher index (see nlu.ts). */
  nlu: unknown;
  /**
   * Where the conversation goes when the runtime itself cannot go on (an action fails or is unknown,
   * a loop without input): the project's default fallback target, else the first handoff step of the
   * entry flow. Omitted: the session ends in a handoff with no step.
   */
  escalation?: string;
  /** Qualified step id → `file:line:column` (file relative to the project root). */
  source: Record<string, string>;
}
