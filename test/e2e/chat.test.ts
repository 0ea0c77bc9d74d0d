import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileProject } from '../../src/compile/compile.js';
import { loadProject } from '../../src/flow/load.js';
import { type Action, type Bot, loadBot, type State, type Turn } from '../../src/runtime/index.js';
import { actionNames } from '../../src/simulate/world.js';
import { runInProcess } from '../helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/compile/fixtures');
const FLOWS = path.join(ROOT, 'flows');
const hasExamples = existsSync(path.join(FLOWS, 'tact.config.yaml'));
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-e2e-chat-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `tact chat ARGS` in this process (test/helpers/cli.ts), the lines piped in on stdin. */
const chat = (args: string[], lines: string[] = []) =>
  runInProcess(['chat', ...args], { cwd: ROOT, input: lines.map((l) => `${l}\n`).join('') });

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

let worlds = 0;
/** A world file (YAML) in the temp folder. */
function worldFile(world: unknown): string {
  const file = path.join(tmp, `world-${worlds++}.yaml`);
  writeFileSync(file, stringify(world));
  return file;
}

const PERSON = 'I want a real person';

describe.concurrent('tact chat with piped input', () => {
  const MULTI = path.join(FIXTURES, 'multi');
  const REFUND = path.join(FIXTURES, 'refund');

  it('prints the transcript, the quick replies and how it ended, and exits 0', async () => {
    const r = await chat([MULTI], ['A bill', 'it was 42.50']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      "bot: Hi, I'm Ava, Acme's virtual assistant. I can help with an order or a bill, or get you a person at any time.",
      'bot: What can I help you with today?',
      'choices: 1. An order | 2. A bill | 3. Talk to a person',
      'you: A bill',
      'bot: How much was the charge?',
      'you: it was 42.50',
      'bot: That charge of 42.5 looks right to me.',
      '[ended: resolved]',
      '',
    ]);
  });

  it('stops at the end of the input, saying where, with exit 0', async () => {
    const r = await chat([MULTI], []);
    expect(r.exitCode).toBe(0);
    expect(lastLine(r.stdout)).toBe('[stopped: end of input at main/menu]');
  });

  it('stops reading at a handoff', async () => {
    const r = await chat([MULTI], [PERSON, 'A bill', '42']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('you: A bill');
    expect(lastLine(r.stdout)).toBe('[handoff → queue support: customer needs a person]');
  });

  it('writes one JSON object per turn with --json', async () => {
    const r = await chat([MULTI, '--json'], ['An order', 'it is AB123456']);
    expect(r.exitCode).toBe(0);
    const turns = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(turns).toHaveLength(3);
    expect(turns[0]).toMatchObject({
      turn: 0,
      status: 'awaiting',
      step: 'main/menu',
      intent: null,
      data: {},
    });
    expect(turns[0].options).toEqual(['An order', 'A bill', 'Talk to a person']);
    expect(turns[1]).toMatchObject({
      turn: 1,
      you: 'An order',
      status: 'awaiting',
      step: 'orders/ask_order',
    });
    expect(turns[1].intent).toEqual({ name: expect.any(String), score: expect.any(Number) });
    expect(turns[1].sentiment).toEqual({ label: expect.any(String), score: expect.any(Number) });
    expect(turns[2]).toMatchObject({
      status: 'ended',
      outcome: 'resolved',
      step: 'orders/found',
      data: { 'orders/order_id': 'AB123456' },
    });
    expect(turns[2].messages[0]).toEqual({
      text: "Thanks! I found order AB123456. It's on its way.",
      step: 'orders/found',
    });
  });

  it('runs a compiled bot.json', async () => {
    const file = path.join(tmp, 'multi-bot.json');
    writeFileSync(file, compileProject(loadProject([MULTI], { cwd: ROOT })).json);
    const r = await chat([file], ['A bill', 'it was 42.50']);
    expect(r.exitCode).toBe(0);
    expect(lastLine(r.stdout)).toBe('[ended: resolved]');
  });

  it('refuses a file that is not a tact bot, exit 2', async () => {
    const file = path.join(tmp, 'other.json');
    writeFileSync(file, JSON.stringify({ format: 'rasa', version: 3 }));
    const r = await chat([file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/format "rasa"/);
  });

  it('refuses flows with lint errors like compile (exit 1), and chats with --force', async () => {
    const refused = await chat([REFUND], ['AB123456']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/error human-exit/);
    expect(refused.stdout).toBe('');
    const forced = await chat([REFUND, '--force'], ['AB123456', 'sam@example.com']);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('you: sam@example.com');
  });

  it('answers actions from --world, and says when an action is not in the world', async () => {
    const none = await chat([REFUND, '--force'], ['AB123456', 'sam@example.com']);
    expect(none.stdout).toContain(
      'you: sam@example.com\n[action check_refund: not in the world, returned {}]\n',
    );
    expect(lastLine(none.stdout)).toMatch(/^\[handoff → queue refunds: /);

    const world = worldFile({ check_refund: { refund_eligible: true } });
    const r = await chat([REFUND, '--force', '--world', world], ['AB123456', 'sam@example.com']);
    expect(r.stdout).toContain('[action check_refund → {"refund_eligible":true}]');
    expect(r.stdout).toContain('bot: Done! Your refund of the full amount is on its way to sam@example.com.');
    expect(lastLine(r.stdout)).toBe('[ended: resolved]');
  });

  it("takes a persona file's world", async () => {
    const persona = path.join(tmp, 'calm.persona.yaml');
    writeFileSync(
      persona,
      stringify({
        persona: 'calm',
        mood: 'calm',
        goal: 'a refund',
        world: { check_refund: { refund_eligible: true } },
      }),
    );
    const r = await chat([REFUND, '--force', '--world', persona], ['AB123456', 'sam@example.com']);
    expect(lastLine(r.stdout)).toBe('[ended: resolved]');
  });

  it('refuses a world that is not a map of action → data, exit 2', async () => {
    const r = await chat([MULTI, '--world', worldFile({ check_refund: [1, 2] })]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/`check_refund` is not a map/);
  });

  it('documents input modes, exit codes and examples in --help', async () => {
    const r = await runInProcess(['chat', '--help']);
    expect(r.exitCode).toBe(0);
    for (const text of ['--world', '--json', '--force', 'Exit codes:', 'Examples:'])
      expect(r.stdout).toContain(text);
  });
});

// ---- the example bot in flows/ ----

const WORLD = {
  check_refund: { refund_eligible: true },
  find_booking: { booking_found: true },
  change_booking: { change_ok: true },
  check_outage: { outage_found: true },
  change_plan: { plan_changed: true },
  freeze_card: { card_frozen: true },
  open_dispute: { dispute_id: 'D-1234' },
};

describe
  .runIf(hasExamples)
  .concurrent('tact chat on the example bot: the happy path of each industry', () => {
    const world = hasExamples ? worldFile(WORLD) : '';
    it.each<[string, string[], string]>([
      [
        'retail: a damaged order refunded',
        ['Return or refund', 'AB123456', 'It arrived damaged', 'sam@example.com'],
        'Your refund for order AB123456 is on its way.',
      ],
      [
        'hospitality: a booking moved to a new date',
        ['Change a booking', 'K7Q2ZD', '14 March 2026'],
        'Booking K7Q2ZD now starts on 2026-03-14',
      ],
      [
        'telecom: a plan changed',
        ['Internet or phone plan', 'Change my plan', 'Plus'],
        "You'll move to the Plus plan",
      ],
      [
        'financial: a lost card frozen',
        ['Lost card or a payment', 'Lost or stolen card', '12 May 1990', '1234'],
        'Your card is frozen',
      ],
      [
        'financial: a payment disputed',
        ['Lost card or a payment', "A payment I don't recognise", '42.50', 'ACME SHOP'],
        "I've opened dispute D-1234",
      ],
    ])('%s', async (_, lines, expected) => {
      const r = await chat(['flows', '--world', world], lines);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(expected);
      expect(lastLine(r.stdout)).toBe('[ended: resolved]');
    });
  });

describe.runIf(hasExamples).concurrent('tact chat on the example bot: fallback and tone', () => {
  it('escalates after the fallback’s max tries, with the fallback message in between', async () => {
    const r = await chat(['flows'], ['Return or refund', "I don't know", 'no idea, sorry']);
    expect(r.exitCode).toBe(0);
    const fallback =
      "bot: Sorry, I couldn't find an order number in that. It's two letters and six digits, like AB123456.";
    expect(r.stdout.split('\n').filter((l) => l === fallback)).toHaveLength(1);
    expect(lastLine(r.stdout)).toBe('[handoff → queue returns: no match after 2 tries at retail/ask_order]');
  });

  it('answers an angry customer with the negative variant, a calm one with the default', async () => {
    const calm = await chat(['flows'], ['Internet or phone plan', '1']);
    const angry = await chat(
      ['flows', '--json'],
      ['Internet or phone plan', 'my internet is down AGAIN, this is useless and I am furious'],
    );
    expect(calm.stdout).toContain("bot: I'll check for problems near you.");
    expect(calm.stdout).not.toContain("I'm sorry your service is down");
    const turn = JSON.parse(lastLine(angry.stdout) ?? '');
    expect(turn.sentiment.label).toMatch(/negative/);
    expect(turn.step).toBe('telecom/ask_postcode');
    expect(turn.messages[0].text).toMatch(/^I'm sorry your service is down\./);
  });
});

// "I want a real person" at every ask step of the example bot. The paths are found by walking the
// compiled bot with the runtime (replies made from the bot itself: option labels, values of the
// collected data's type, examples of routed intents), then checked on the runtime, and a few
// replayed through the CLI.

interface Found {
  path: string[];
  state: State;
  world: Record<string, Record<string, unknown>>;
}

const SAMPLE_TEXT = ['AB123456', 'K7Q2ZD', 'SW1A 1AA', '1234', 'ACME SHOP'];

function sampleValue(bot: Bot, name: string): string {
  const def = bot.file.data[name];
  switch (def?.type) {
    case 'email':
      return 'sam@example.com';
    case 'phone':
      return '+44 20 7946 0018';
    case 'date':
      return '14 March 2026';
    case 'number':
      return '42.50';
    case 'boolean':
      return 'yes';
    case 'choice':
      return def.values?.[0] ?? 'yes';
    default:
      return def?.pattern
        ? (SAMPLE_TEXT.find((t) => new RegExp(def.pattern!).test(t)) ?? 'ACME SHOP')
        : 'ACME SHOP';
  }
}

function repliesAt(bot: Bot, stepId: string): string[] {
  const st = bot.file.steps[stepId];
  // Each quick reply by its label and by its number.
  const out = (st.options ?? []).flatMap((o, i) => [o.label, String(i + 1)]);
  if (st.collect) out.push(sampleValue(bot, st.collect));
  for (const r of st.routes ?? []) {
    if ('intent' in r.when) out.push(bot.file.intents[r.when.intent]?.examples[0] ?? '');
    if ('sentiment' in r.when) out.push('This is useless. I am furious and completely fed up with you!');
  }
  return out.filter((t) => t !== '');
}

function actionsFor(bot: Bot, world: Record<string, Record<string, unknown>>): Record<string, Action> {
  return Object.fromEntries(actionNames(bot).map((n) => [n, () => structuredClone(world[n] ?? {})]));
}

/** Breadth-first over customer replies: the first (shortest) path found to each ask step. */
async function findAskSteps(
  bot: Bot,
  world: Record<string, Record<string, unknown>>,
  found: Map<string, Found>,
) {
  const actions = actionsFor(bot, world);
  const start = bot.session({ actions });
  const first = await start.start();
  let frontier: { turn: Turn; state: State; path: string[] }[] = [
    { turn: first, state: start.state, path: [] },
  ];
  const seen = new Set<string>();
  for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { turn, state, path: p } of frontier) {
      if (turn.status !== 'awaiting' || seen.has(turn.step)) continue;
      seen.add(turn.step);
      if (!found.has(turn.step)) found.set(turn.step, { path: p, state, world });
      for (const reply of repliesAt(bot, turn.step)) {
        const s = bot.session({ actions, state });
        const t = await s.reply(reply);
        next.push({ turn: t, state: s.state, path: [...p, reply] });
      }
    }
    frontier = next;
  }
}

const examples = hasExamples
  ? await (async () => {
      const bot = loadBot(compileProject(loadProject([FLOWS], { cwd: ROOT })).bot);
      const found = new Map<string, Found>();
      // Actions that succeed, then each action giving nothing in turn (so its branch takes `else`).
      await findAskSteps(bot, WORLD, found);
      for (const name of Object.keys(WORLD)) {
        const { [name]: _, ...rest } = WORLD as Record<string, Record<string, unknown>>;
        await findAskSteps(bot, rest, found);
      }
      return { bot, found };
    })()
  : undefined;

describe.runIf(hasExamples)('tact chat on the example bot: a person from every ask step', () => {
  const { bot, found } = examples ?? { bot: undefined, found: new Map<string, Found>() };
  const askSteps = bot
    ? Object.entries(bot.file.steps)
        .filter(([, s]) => s.kind === 'ask')
        .map(([id]) => id)
    : [];

  it('reaches every ask step by walking the bot', () => {
    expect([...found.keys()].sort()).toEqual(askSteps);
  });

  it.each(askSteps)('on the runtime: "I want a real person" at %s hands off', async (step) => {
    const at = found.get(step);
    expect(at).toBeDefined();
    const session = bot!.session({ actions: actionsFor(bot!, at!.world), state: at!.state });
    const turn = await session.reply(PERSON);
    expect(turn.status).toBe('handoff');
    expect(turn.handoff?.reason).toBe('customer asked for a person');
  });

  it.each(['retail/ask_email', 'hospitality/ask_date', 'telecom/ask_postcode', 'banking/ask_merchant'])(
    'through the CLI: "I want a real person" at %s hands off',
    async (step) => {
      const at = found.get(step);
      expect(at).toBeDefined();
      const r = await chat(['flows', '--world', worldFile(at!.world)], [...at!.path, PERSON]);
      expect(r.exitCode).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.at(-3)).toBe(`you: ${PERSON}`);
      expect(lines.at(-1)).toBe('[handoff → queue general: customer asked for a person]');
    },
  );
});
