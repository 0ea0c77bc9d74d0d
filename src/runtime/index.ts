/**
 * `tact/runtime`: runs a compiled bot file anywhere (Node or a browser).
 *
 *   const bot = loadBot(json);
 *   const session = bot.session({ actions });
 *   let turn = await session.start();
 *   turn = await session.reply('it arrived broken!!');
 */
export type {
  BotData,
  BotFallback,
  BotFile,
  BotMessage,
  BotOption,
  BotRoute,
  BotSentimentLabel,
  BotStep,
  BotWhen,
} from './bot-types.js';
export { botHash, canonicalJson } from './canonical.js';
export {
  BOT_FORMAT,
  BOT_VERSION,
  type Bot,
  BotLoadError,
  type LoadBotOptions,
  loadBot,
  MAX_BOT_NESTING,
} from './load.js';
export { fillPlaceholders, MAX_REPLY_CHARS, sanitizeReply, variantsFor } from './messages.js';
export { botMoves } from './routing.js';
export {
  type Action,
  createSession,
  DEFAULT_ACTION_TIMEOUT_MS,
  type Session,
  type SessionOptions,
  type Turn,
} from './session.js';
export {
  type ActionFailure,
  type HandoffPackage,
  initialState,
  type JsonValue,
  parseRouteKey,
  type RouteKind,
  routeKey,
  type State,
  type Status,
  type TranscriptEntry,
} from './state.js';
export {
  type ActionEffect,
  DEFAULT_FALLBACK_MAX,
  type Event,
  MAX_AUTOMATIC_MOVES,
  type Message,
  type StepOutput,
  type StepResult,
  step,
} from './step.js';
