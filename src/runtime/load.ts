import type { BotFile } from './bot-types.js';
import { botHash, nestingDepth } from './canonical.js';
import { matchIntent, type NluIndex } from './nlu.js';
import { createSession, type Session, type SessionOptions } from './session.js';
import { initialState, type State } from './state.js';
import { type Event, type StepResult, step } from './step.js';

/** The bot file format this runtime reads. */
export const BOT_FORMAT = 'tact-bot';
/** The highest bot file version this runtime reads. */
export const BOT_VERSION = 1;

const DEFAULT_SENTIMENT = { positive: 0.25, negative: -0.25, very_negative: -0.6 };

/** A bot file this runtime cannot run; `found` and `supported` say why in words. */
export class BotLoadError extends Error {
  override name = 'BotLoadError';
  constructor(
    message: string,
    readonly found: string,
    readonly supported: string,
  ) {
    super(message);
  }
}

/** How deep lists and maps may nest in a bot file (a compiled bot needs about ten levels). */
export const MAX_BOT_NESTING = 100;

export interface LoadBotOptions {
  /**
   * Load a file whose `hash` does not match its content (edited after `tact compile`), with a
   * warning in `bot.warnings`, instead of refusing it.
   */
  allowChanged?: boolean;
}

/** A loaded bot, ready to hold conversations. */
export interface Bot {
  /** What the loader let pass under an option (`allowChanged`): one sentence each. */
  readonly warnings: readonly string[];
  /** The bot file, with defaults filled in. */
  readonly file: BotFile;
  readonly name: string;
  /** A new conversation. */
  session(options?: SessionOptions): Session;
  /** The state of a conversation that has not started. */
  initialState(seed?: number): State;
  /** The pure step function for this bot (see `step`). */
  step(state: State, event: Event): StepResult;
}

const supported = `format "${BOT_FORMAT}" version ${BOT_VERSION}`;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.slice(0, 40))}${value.length > 40 ? '…' : ''})`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Check a parsed bot file and prepare it to run. Refuses, with a BotLoadError naming what was found
 * and what is supported, anything that is not a `tact-bot` file of a version this runtime reads,
 * and a file whose `hash` does not match its content (changed after `tact compile`; with
 * `allowChanged` it loads, with a warning). The file itself is not changed.
 */
export function loadBot(json: unknown, options: LoadBotOptions = {}): Bot {
  if (!isObject(json)) {
    const hint = typeof json === 'string' ? ' (parse the JSON text first)' : '';
    throw new BotLoadError(
      `Not a bot file: expected a JSON object of ${supported}, found ${describe(json)}${hint}.`,
      describe(json),
      supported,
    );
  }
  if (json.format !== BOT_FORMAT) {
    const found = json.format === undefined ? 'no format' : `format ${JSON.stringify(json.format)}`;
    throw new BotLoadError(
      `Unsupported bot file: found ${found}; this runtime reads ${supported}.`,
      found,
      supported,
    );
  }
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > BOT_VERSION) {
    const found = `version ${version === undefined ? '(none)' : JSON.stringify(version)}`;
    const upgrade = typeof version === 'number' && version > BOT_VERSION ? ' Upgrade tact to run it.' : '';
    throw new BotLoadError(
      `Unsupported ${BOT_FORMAT} ${found}: this runtime reads ${supported}.${upgrade}`,
      found,
      supported,
    );
  }
  if (nestingDepth(json, MAX_BOT_NESTING) > MAX_BOT_NESTING) {
    throw new BotLoadError(
      `Broken bot file: nesting too deep (more than ${MAX_BOT_NESTING} levels of lists and maps).`,
      'nesting too deep',
      supported,
    );
  }
  if (!isObject(json.steps)) {
    throw new BotLoadError(
      `Broken bot file: "steps" is ${describe(json.steps)}, expected an object.`,
      'no steps',
      supported,
    );
  }
  if (typeof json.entry !== 'string' || !Object.hasOwn(json.steps, json.entry)) {
    throw new BotLoadError(
      `Broken bot file: the entry ${JSON.stringify(json.entry)} is not one of its steps.`,
      `entry ${JSON.stringify(json.entry)}`,
      supported,
    );
  }
  if (!isObject(json.nlu)) {
    throw new BotLoadError(
      `Broken bot file: "nlu" is ${describe(json.nlu)}, expected the matcher's index.`,
      'no nlu',
      supported,
    );
  }
  try {
    // Reading one reply prepares the matcher, and shows now rather than mid-conversation that the
    // index was built by a matcher this runtime does not speak.
    matchIntent(json.nlu as unknown as NluIndex, 'hello');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BotLoadError(
      `Broken bot file: this runtime's intent matcher cannot read its "nlu" index (${why}). Compile the bot again with this version of tact.`,
      'an unreadable nlu index',
      supported,
    );
  }

  const warnings: string[] = [];
  const actual = botHash(json);
  if (json.hash !== actual) {
    const written =
      typeof json.hash === 'string' ? `its "hash" ${json.hash.slice(0, 19)}…` : 'it has no "hash"';
    const why = `Changed bot file: ${written} does not match its content (${actual.slice(0, 19)}…): it was edited after \`tact compile\`.`;
    if (!options.allowChanged)
      throw new BotLoadError(
        `${why} Compile it again, or load it with allowChanged.`,
        'a changed file',
        supported,
      );
    warnings.push(why);
  }

  const file = {
    ...json,
    name: typeof json.name === 'string' ? json.name : 'bot',
    channel: typeof json.channel === 'string' ? json.channel : 'chat',
    sentiment: isObject(json.sentiment) ? { ...DEFAULT_SENTIMENT, ...json.sentiment } : DEFAULT_SENTIMENT,
    intents: isObject(json.intents) ? json.intents : {},
    data: isObject(json.data) ? json.data : {},
    handlers: isObject(json.handlers) ? json.handlers : {},
  } as unknown as BotFile;

  return {
    warnings,
    file,
    name: file.name,
    session: (options) => createSession(file, options),
    initialState: (seed = 0) => initialState(file.entry, seed),
    step: (state, event) => step(file, state, event),
  };
}
