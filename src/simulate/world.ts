import type { Action, Bot, Session, Turn } from '../runtime/index.js';

/** What the bot's actions return in this chat: action name → data (local names), as a persona's `world`. */
export type World = Record<string, Record<string, unknown>>;

/** One line of a chat transcript, in the order it happened. */
export type ChatLine =
  | { kind: 'bot'; text: string; step: string }
  | { kind: 'you'; text: string }
  | {
      kind: 'action';
      action: string;
      /** What the action returned to the bot. */
      result: Record<string, unknown>;
      /** False when the world has no entry for the action, so it returned `{}`. */
      inWorld: boolean;
    };

/** What one start or reply produced: the lines to show and the runtime's turn. */
export interface ChatTurn {
  lines: ChatLine[];
  turn: Turn;
}

/**
 * A conversation with a loaded bot whose actions answer from a `world`, for `tact chat`: keeps
 * the action calls in order with the bot's messages, so a transcript shows where each happened.
 */
export class Conversation {
  readonly session: Session;
  private pending: { line: ChatLine; after: number }[] = [];
  private botSaidBefore = 0;
  private last?: Turn;

  constructor(
    readonly bot: Bot,
    readonly world: World = {},
    seed = 0,
  ) {
    const actions: Record<string, Action> = {};
    for (const name of actionNames(bot)) {
      actions[name] = () => {
        const inWorld = Object.hasOwn(world, name);
        const result = inWorld ? structuredClone(world[name]) : {};
        // Where in this turn's messages the call came: after the bot messages said so far.
        this.pending.push({
          line: { kind: 'action', action: name, result, inWorld },
          after: this.session.said - this.botSaidBefore,
        });
        return result;
      };
    }
    this.session = bot.session({ actions, seed });
  }

  /** The latest turn, once started. */
  get turn(): Turn | undefined {
    return this.last;
  }

  /** True once the bot handed off or ended. */
  get done(): boolean {
    return this.last !== undefined && this.last.status !== 'awaiting';
  }

  /** Run the bot until it needs the customer. */
  start(): Promise<ChatTurn> {
    return this.run(() => this.session.start(), []);
  }

  /** Send a customer reply; the transcript shows it first. */
  reply(text: string): Promise<ChatTurn> {
    return this.run(() => this.session.reply(text), [{ kind: 'you', text }]);
  }

  private async run(work: () => Promise<Turn>, lines: ChatLine[]): Promise<ChatTurn> {
    this.botSaidBefore = this.session.said;
    this.pending = [];
    const turn = await work();
    this.last = turn;
    const out = [...lines];
    turn.messages.forEach((m, i) => {
      for (const p of this.pending) if (p.after === i) out.push(p.line);
      out.push({ kind: 'bot', text: m.text, step: m.step });
    });
    for (const p of this.pending) if (p.after >= turn.messages.length) out.push(p.line);
    return { lines: out, turn };
  }
}

const actionsOf = new WeakMap<Bot, string[]>();

/** Every action the bot's steps name, sorted. */
export function actionNames(bot: Bot): string[] {
  const known = actionsOf.get(bot);
  if (known) return known;
  const names = new Set<string>();
  for (const s of Object.values(bot.file.steps)) if (s.action) names.add(s.action);
  const sorted = [...names].sort();
  actionsOf.set(bot, sorted);
  return sorted;
}

/** How a finished conversation ended, in one line: `handoff → queue refunds: why` or `ended: resolved`. */
export function describeEnd(turn: Turn): string | undefined {
  if (turn.status === 'handoff') {
    const queue = turn.handoff?.queue ? ` → queue ${turn.handoff.queue}` : '';
    return `handoff${queue}: ${turn.handoff?.reason ?? 'no reason given'}`;
  }
  if (turn.status === 'ended') return `ended: ${turn.outcome ?? 'resolved'}`;
  return undefined;
}

/** One action call as a transcript note. */
export function describeAction(line: Extract<ChatLine, { kind: 'action' }>): string {
  return line.inWorld
    ? `action ${line.action} → ${JSON.stringify(line.result)}`
    : `action ${line.action}: not in the world, returned {}`;
}
