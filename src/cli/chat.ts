import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { TactError } from '../errors.js';
import { MAX_ALIAS_COUNT } from '../flow/yaml.js';
import { deepestInText, deepestInValue, MAX_NESTING } from '../flow/yaml-limits.js';
import { safeJson, safeLine, safeText } from '../report/safe-text.js';
import { type Bot, loadBot, type Turn } from '../runtime/index.js';
import {
  type ChatLine,
  type ChatTurn,
  Conversation,
  describeAction,
  describeEnd,
  type World,
} from '../simulate/world.js';
import { readBotFile } from './bot-file.js';
import { lintAndCompile } from './compile.js';
import { liveTerminal } from './io.js';
import { addProjectOptions, type ProjectOptions, parseCount } from './options.js';
import { holdSignals } from './process-guards.js';
import { loadScreen } from './screens.js';

export interface ChatCommandOptions extends ProjectOptions {
  world?: string;
  json?: boolean;
  force?: boolean;
  seed?: number;
  allowChanged?: boolean;
}

export function registerChat(program: Command): void {
  const command = program
    .command('chat')
    .description('talk to the bot in the terminal; with piped input, one customer line per input line')
    .argument('[paths...]', 'a compiled bot.json, or flow files or folders (default: the current folder)')
    .option(
      '-w, --world <file>',
      "YAML: action name → the data it returns (a persona's `world`, or a persona file)",
    )
    .option('--json', 'with piped input: print one JSON object per turn (JSON Lines) instead of a transcript')
    .option('--force', 'chat even when lint reports errors in the flows (they are still printed)')
    .option('--seed <n>', 'seed kept in the conversation state', parseCount, 0)
    .option(
      '--allow-changed',
      'run a bot.json whose "hash" does not match its content (edited after compile), with a warning',
    );
  addProjectOptions(command)
    .addHelpText(
      'after',
      `
On a terminal: the conversation with quick replies (pick by number, or arrow keys and Enter, or type),
and a side panel with the step, the matched intent and its score, the customer's sentiment and the
data collected. Esc or Ctrl-C leaves. With piped input, each input line is one customer reply and
the transcript is printed (\`bot: ...\`, \`you: ...\`, then how it ended); it stops at a handoff, an
end, or the end of the input. In CI (CI or CONTINUOUS_INTEGRATION set) a terminal gets the piped
form too, line by line. Actions answer from --world; an action not in it returns {}.

Exit codes: 0 done (or left with Esc), 1 refused (lint errors in the flows), 2 could not chat (bad
arguments, an unreadable or unsupported bot file, a bad --world file), 130 left with Ctrl-C.
Examples:
  tact chat flows
  tact chat dist/bot.json --world flows/personas/angry-damaged-item.persona.yaml
  printf 'return\\nAB123456\\n' | tact chat flows
  printf 'I want a real person\\n' | tact chat flows --json`,
    )
    .action(async (paths: string[], opts: ChatCommandOptions) => {
      const bot = loadChatBot(paths, opts);
      const world = opts.world ? loadWorld(opts.world) : {};
      const interactive = liveTerminal({ keys: true }) && !opts.json;
      // The transcript goes to a terminal: what the flows, the world or the input say is shown,
      // never obeyed as escape sequences. JSON keeps the data exact (safeJson escapes instead).
      const conversation = opts.json
        ? new Conversation(bot, world, opts.seed ?? 0)
        : new TerminalConversation(bot, world, opts.seed ?? 0);
      // Ctrl-C (a key on the terminal, SIGINT in a pipe) leaves with exit code 130.
      const release = holdSignals();
      try {
        if (interactive) await chatInTerminal(conversation, bot);
        else await chatOverLines(conversation, opts.json === true);
      } finally {
        release();
      }
    });
}

/** A compiled bot file (`*.json`), or the flows under `paths` compiled in memory behind the lint gate. */
function loadChatBot(paths: string[], opts: ChatCommandOptions): Bot {
  if (paths.length === 1 && paths[0].endsWith('.json'))
    return readBotFile(paths[0], { allowChanged: opts.allowChanged, command: 'chat' });
  const { bot } = lintAndCompile(paths, { ...opts, quiet: true, command: 'chat' });
  return loadBot(bot);
}

/** Read a world file: a map of action name → data, or a persona file's `world`. */
export function loadWorld(file: string): World {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TactError(`cannot read the world file ${file}: ${(err as NodeJS.ErrnoException).code}`, 2);
  }
  let value: unknown;
  try {
    const deep = deepestInText(text, MAX_NESTING);
    if (deep) throw new Error(`nesting too deep at ${deep.line}:${deep.column}`);
    value = parseYaml(text, { maxAliasCount: MAX_ALIAS_COUNT });
    if (deepestInValue(value, MAX_NESTING))
      throw new Error(`nesting too deep (more than ${MAX_NESTING} levels)`);
  } catch (err) {
    throw new TactError(
      `the world file ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
      2,
    );
  }
  const isMap = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (value == null) return {};
  if (isMap(value) && 'persona' in value) value = value.world ?? {};
  const hint =
    'write a map of action name → the data it returns, e.g. `check_refund: {refund_eligible: true}`';
  if (!isMap(value)) throw new TactError(`the world file ${file} is not a map`, 2, hint);
  for (const [action, data] of Object.entries(value))
    if (!isMap(data))
      throw new TactError(`the world file ${file}: \`${action}\` is not a map of data`, 2, hint);
  return value as World;
}

/** Non-TTY: one customer reply per input line; a plain transcript or JSON Lines on stdout. */
async function chatOverLines(conversation: Conversation, json: boolean): Promise<void> {
  const print = (text: string) => process.stdout.write(`${text}\n`);
  let n = 0;
  const show = (t: ChatTurn, said?: string) => {
    if (json) print(safeJson(JSON.stringify(turnRecord(n++, t, said))));
    else {
      for (const line of t.lines) print(plainLine(line));
      const options = t.turn.status === 'awaiting' ? (t.turn.options ?? []) : [];
      if (options.length > 0) print(`choices: ${options.map((o, i) => `${i + 1}. ${o}`).join(' | ')}`);
    }
  };
  let turn = await conversation.start();
  show(turn);
  if (!conversation.done) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const raw of lines) {
        const text = raw.trim();
        if (text === '') continue;
        turn = await conversation.reply(text);
        show(turn, text);
        if (conversation.done) break;
      }
    } finally {
      lines.close();
      // Stop reading: a producer that keeps writing must not hold the process open.
      process.stdin.destroy();
    }
  }
  if (!json) {
    const end = describeEnd(turn.turn);
    print(end ? `[${end}]` : `[stopped: end of input at ${turn.turn.step}]`);
  }
}

function plainLine(line: ChatLine): string {
  if (line.kind === 'bot') return `bot: ${line.text}`;
  if (line.kind === 'you') return `you: ${line.text}`;
  return `[${describeAction(line)}]`;
}

/** One JSON Lines record per turn. */
function turnRecord(n: number, t: ChatTurn, said: string | undefined) {
  const turn: Turn = t.turn;
  return {
    turn: n,
    ...(said !== undefined ? { you: said } : {}),
    messages: turn.messages,
    actions: t.lines
      .filter((l): l is Extract<ChatLine, { kind: 'action' }> => l.kind === 'action')
      .map(({ action, result, inWorld }) => ({ action, result, inWorld })),
    status: turn.status,
    step: turn.step,
    intent: turn.intent ?? null,
    sentiment: turn.sentiment ?? null,
    data: turn.data,
    ...(turn.options ? { options: turn.options } : {}),
    ...(turn.outcome ? { outcome: turn.outcome } : {}),
    ...(turn.handoff
      ? {
          handoff: {
            queue: turn.handoff.queue ?? null,
            reason: turn.handoff.reason,
            step: turn.handoff.step,
          },
        }
      : {}),
  };
}

/** TTY: the ink app; resolves when the user leaves or the bot stops. */
async function chatInTerminal(conversation: Conversation, bot: Bot): Promise<void> {
  // Loaded only here, so piped runs (and CI) never start React.
  const {
    ink: { render },
    react: { createElement },
    screen: { ChatApp },
  } = await loadScreen('chat');
  const title = safeLine(`tact chat · ${bot.file.bot?.name ?? bot.name}`);
  const onInterrupt = () => {
    process.exitCode = 130;
  };
  const app = render(createElement(ChatApp, { conversation, title, onInterrupt }), { exitOnCtrlC: false });
  await app.waitUntilExit();
}

/** Every string in a value shown with safeText (data from a world file may nest; deep is cut). */
function safeValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 32) return '[nested too deep to show]' as T;
  if (Array.isArray(value)) return value.map((v) => safeValue(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[safeText(k)] = safeValue(v, depth + 1);
  return out as T;
}

/** A conversation whose turns are safe to draw on a terminal (see safeText). */
class TerminalConversation extends Conversation {
  override async start(): Promise<ChatTurn> {
    return safeValue(await super.start());
  }

  override async reply(text: string): Promise<ChatTurn> {
    return safeValue(await super.reply(text));
  }
}
