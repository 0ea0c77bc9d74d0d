import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { compileProject } from '../../src/compile/compile.js';
import { loadProject } from '../../src/flow/load.js';
import type { Persona } from '../../src/flow/types.js';
import { type Bot, loadBot } from '../../src/runtime/index.js';
import type {
  BotView,
  ConversationContext,
  CustomerEngine,
  CustomerReply,
  TranscriptLine,
} from '../../src/simulate/types.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project from files (path → text), loaded and compiled without the lint gate. */
export function projectOf(files: Record<string, string>): { bot: Bot; personas: Persona[]; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-sim-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const project = loadProject([dir], { cwd: dir });
  return { bot: loadBot(compileProject(project).bot), personas: project.personas, dir };
}

/** A persona file's text with defaults for what a test does not care about. */
export function personaYaml(fields: string): string {
  return `persona: p\nmood: calm\ngoal: Get help.\n${fields}`;
}

/** What the engine saw at each turn, for assertions. */
export interface Seen {
  view: BotView;
  transcript: TranscriptLine[];
}

/** An engine whose customer says the given lines in order (a line may be a reply object). */
export function scriptEngine(lines: (string | CustomerReply)[], seen: Seen[] = []): CustomerEngine {
  return {
    name: 'scripted',
    customer: (_ctx: ConversationContext) => {
      let i = 0;
      return {
        async reply(view, transcript) {
          seen.push({ view, transcript: [...transcript] });
          const line = lines[i++];
          if (line === undefined) return { message: '', gaveUp: true };
          return typeof line === 'string' ? { message: line } : line;
        },
      };
    },
  };
}

/** A conversation context for a persona. */
export function contextOf(
  bot: Bot,
  persona: Persona,
  run = 1,
  seed = 0,
  signal = new AbortController().signal,
) {
  return {
    persona,
    bot: bot.file,
    run,
    seed,
    id: `${persona.id}#${run}`,
    signal,
  } satisfies ConversationContext;
}

/** A bot with a menu, a refund path with personal data, a handoff, and a sentiment route. */
export const SHOP = {
  'tact.config.yaml': `entry: shop/greet
handlers:
  - intent: human
    goto: shop/agent
fallback:
  say: Sorry, I didn't get that.
  max: 2
  then: shop/agent
`,
  'flows/shop.flow.yaml': `flow: shop
data:
  order_id: {type: text, pattern: "^[A-Z]{2}[0-9]{6}$"}
  email: {type: email, personal: true, purpose: to send the receipt}
  ok: {type: boolean}
intents:
  refund:
    examples: [I want a refund, refund my order, money back please]
  track:
    examples: [where is my parcel, track my order]
steps:
  greet:
    say: Hi, I'm Sam, a virtual assistant.
    next: menu
  menu:
    ask: What do you need?
    options:
      - label: A refund
        intent: refund
        goto: ask_order
      - label: Track an order
        intent: track
        goto: ask_track
    routes:
      - sentiment: negative
        goto: cheer
  cheer:
    say: Awesome!! 🎉 Super happy to help!!
    next: menu
  ask_order:
    ask: What's the order number?
    collect: order_id
    next: privacy
  privacy:
    say: I need your email for the receipt.
    discloses: [email]
    next: ask_email
  ask_email:
    ask: What's your email?
    collect: email
    next: check
  check:
    action: check
    sets: [ok]
    next: decide
  decide:
    branch:
      - if: ok == true
        goto: done
      - else: agent
  done:
    say: Your refund for {order_id} is on its way to {email}.
    end: resolved
  ask_track:
    ask: Which order should I track?
    collect: order_id
    next: tracked
  tracked:
    say: It arrives tomorrow.
    next: again
  again:
    ask: Anything else?
    options:
      - label: No, that's all
        goto: bye
      - label: A refund for it
        goto: ask_order
  bye:
    say: Bye for now.
    end: unresolved
  agent:
    say: Connecting you with a person.
    handoff:
      queue: shop
`,
};
