import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, graphMoves } from '../../src/analysis/graph.js';
import { compileProject } from '../../src/compile/compile.js';
import { loadProject } from '../../src/flow/load.js';
import { botMoves } from '../../src/runtime/routing.js';
import { initialState, type State } from '../../src/runtime/state.js';
import { step } from '../../src/runtime/step.js';

/**
 * One routing semantics: for each small flow, the moves the graph the rules walk sees, the moves
 * the compiled bot can make (`botMoves`, the simulator's coverage denominator), and the move the
 * runtime makes for sample replies must all agree. Moves are route keys with `main/` left out.
 */
interface RoutingCase {
  name: string;
  flow: string;
  config?: string;
  /** Every move of the bot, `from→to#kind`. */
  moves: string[];
  /** Replies from the start; `takes` is the move the last one makes, or `asks again`. */
  replies: { say: string[]; takes: string }[];
}

const cases: RoutingCase[] = [
  {
    name: 'a free-text question takes every reply: intent routes interrupt it, sentiment routes and the fallback never fire',
    flow: `flow: main
data:
  city: {type: text}
intents:
  help: {examples: [help, what can I say, I need help]}
steps:
  ask_city:
    ask: Which city are you travelling to?
    collect: city
    routes:
      - intent: help
        goto: help
      - sentiment: very_negative
        goto: calm
    fallback: {max: 1, then: person}
    next: done
  help:
    say: Say the name of a city.
    next: ask_city
  calm:
    say: I'm sorry.
    next: person
  done:
    say: Booked for {city}.
    end: resolved
  person:
    handoff: true
`,
    moves: ['ask_city→help#intent', 'ask_city→done#collect', 'help→ask_city#next', 'calm→person#next'],
    replies: [
      { say: ['Paris'], takes: 'ask_city→done#collect' },
      { say: ['help'], takes: 'ask_city→help#intent' },
      { say: ['this is awful, I hate it'], takes: 'ask_city→done#collect' },
      { say: [''], takes: 'asks again' },
      { say: ['', '', ''], takes: 'asks again' },
    ],
  },
  {
    name: 'a typed question: the collect first, then the routes, then the fallback',
    flow: `flow: main
data:
  nights: {type: number}
intents:
  help: {examples: [help, what can I say, I need help]}
steps:
  ask_nights:
    ask: How many nights?
    collect: nights
    routes:
      - intent: help
        goto: help
    fallback: {max: 2, then: person}
    next: done
  help:
    say: Say a number, like 3.
    next: ask_nights
  done:
    end: resolved
  person:
    handoff: true
`,
    moves: [
      'ask_nights→done#collect',
      'ask_nights→help#intent',
      'ask_nights→person#fallback',
      'help→ask_nights#next',
    ],
    replies: [
      { say: ['3 nights please'], takes: 'ask_nights→done#collect' },
      { say: ['help'], takes: 'ask_nights→help#intent' },
      { say: ['banana'], takes: 'asks again' },
      { say: ['banana', 'pear'], takes: 'ask_nights→person#fallback' },
    ],
  },
  {
    name: 'a question with routes never takes its `next`: a reply no route takes is a failed try',
    flow: `flow: main
intents:
  billing: {examples: [a question about my bill, billing]}
steps:
  menu:
    ask: What is it about?
    routes:
      - intent: billing
        goto: bill
    fallback: {max: 1, then: person}
    next: other
  bill:
    end: resolved
  other:
    end: resolved
  person:
    handoff: true
`,
    moves: ['menu→bill#intent', 'menu→person#fallback'],
    replies: [
      { say: ['a question about my bill'], takes: 'menu→bill#intent' },
      { say: ['something else entirely'], takes: 'menu→person#fallback' },
    ],
  },
  {
    name: 'a question with only `next` accepts any reply, so its fallback never fires; handlers still come first',
    config: `handlers:
  - intent: human
    goto: main/person
`,
    flow: `flow: main
steps:
  comment:
    ask: Anything you'd like to tell us?
    fallback: {max: 1, then: person}
    next: bye
  bye:
    end: resolved
  person:
    handoff: true
`,
    moves: ['comment→person#handler', 'comment→bye#accept'],
    replies: [
      { say: ['the room was lovely'], takes: 'comment→bye#accept' },
      { say: ['talk to a human'], takes: 'comment→person#handler' },
      { say: [''], takes: 'comment→bye#accept' },
    ],
  },
  {
    name: 'options: the exact label first, then a person wherever routed, then options by intent, then the handlers',
    config: `handlers:
  - intent: human
    goto: main/person
`,
    flow: `flow: main
intents:
  refund: {examples: [I want my money back, refund please]}
  fraud:
    sensitive: true
    examples: [someone used my card, I did not make this payment]
handlers:
  - intent: fraud
    goto: person
steps:
  menu:
    ask: How can I help?
    options:
      - label: Talk to a human
        goto: faq
      - label: Refund
        intent: refund
        goto: refund
    fallback: {max: 2, then: person}
  faq:
    end: resolved
  refund:
    end: resolved
  person:
    handoff: true
`,
    moves: ['menu→faq#option', 'menu→refund#option', 'menu→person#handler', 'menu→person#fallback'],
    replies: [
      { say: ['Talk to a human'], takes: 'menu→faq#option' },
      { say: ['1'], takes: 'menu→faq#option' },
      { say: ['I want a real person'], takes: 'menu→person#handler' },
      { say: ['I want my money back'], takes: 'menu→refund#option' },
      { say: ['someone used my card'], takes: 'menu→person#handler' },
      { say: ['the weather', 'the weather today'], takes: 'menu→person#fallback' },
    ],
  },
  {
    name: 'messages, branches and actions go on by `next`, their cases and `else`',
    flow: `flow: main
data:
  ok: {type: boolean}
steps:
  hello:
    say: Hi, I'm the virtual assistant.
    next: check
  check:
    action: look_up
    sets: [ok]
    next: decide
  decide:
    branch:
      - if: ok == true
        goto: yes
      - if: ok == false
        goto: no
      - else: no
  yes:
    end: resolved
  no:
    end: unresolved
`,
    moves: [
      'hello→check#next',
      'check→decide#next',
      'decide→yes#branch',
      'decide→no#branch',
      'decide→no#else',
    ],
    replies: [],
  },
];

const q = (key: string) =>
  key.replace(/^([^→]+)→([^#]+)#/, (_, a: string, b: string) => `${qual(a)}→${qual(b)}#`);
const qual = (id: string) => (id.includes('/') ? id : `main/${id}`);
const local = (key: string) => key.replaceAll('main/', '');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function load(c: RoutingCase) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-routing-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows/main.flow.yaml'), c.flow);
  if (c.config) writeFileSync(path.join(dir, 'tact.config.yaml'), c.config);
  const project = loadProject([dir], { cwd: dir });
  return { project, bot: compileProject(project).bot };
}

/** The move the last reply made: the route out of the step that waited, or `asks again`. */
function lastMove(bot: ReturnType<typeof load>['bot'], replies: string[]): string {
  let state: State = step(bot, initialState(bot.entry), { type: 'start' }).state;
  for (const [i, text] of replies.entries()) {
    expect(state.status, `waiting for reply ${i + 1}`).toBe('awaiting');
    const before = state;
    state = step(bot, state, { type: 'reply', text }).state;
    if (i < replies.length - 1) continue;
    const made = Object.keys(state.routes).filter(
      (k) => k.startsWith(`${before.step}→`) && (state.routes[k] ?? 0) > (before.routes[k] ?? 0),
    );
    return made.length === 0 ? 'asks again' : local(made[0]);
  }
  return 'asks again';
}

describe('one routing semantics for the graph and the runtime', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const { project, bot } = load(c);
      const graph = buildGraph(project);

      it('the graph sees exactly the listed moves', () => {
        expect(graphMoves(graph).map(local).sort()).toEqual([...c.moves].sort());
      });

      it("the compiled bot's moves are the graph's", () => {
        expect([...botMoves(bot)].sort()).toEqual(graphMoves(graph).sort());
      });

      for (const r of c.replies) {
        it(`replies ${JSON.stringify(r.say)}: the runtime takes ${r.takes}, a move the graph has`, () => {
          const took = lastMove(bot, r.say);
          expect(took).toBe(r.takes);
          if (took !== 'asks again') expect(graphMoves(graph)).toContain(q(took));
        });
      }
    });
  }
});

describe('botMoves', () => {
  it('lists the moves of the example bot, none of them an escalation, each once', () => {
    const dir = path.resolve(import.meta.dirname, '../../flows');
    const project = loadProject([dir], { cwd: dir });
    const moves = botMoves(compileProject(project).bot);
    expect(new Set(moves).size).toBe(moves.length);
    expect(moves.some((m) => m.endsWith('#escalation'))).toBe(false);
    expect(moves.sort()).toEqual(graphMoves(buildGraph(project)).sort());
    expect(moves).toContain('main/greet→main/menu#next');
  });
});

describe('"are you a real person?" (built-in intent are_you_a_bot)', () => {
  const flow = `flow: main
data:
  city: {type: text}
steps:
  ask_city:
    ask: Which city are you travelling to?
    collect: city
    next: done
  done:
    say: Booked for {city}.
    end: resolved
`;

  it('is answered in place with the disclosure, then the question again, even at a free-text question', () => {
    const { bot } = load({
      name: '',
      flow,
      config: 'bot: {name: Ava, company: Acme}\n',
      moves: [],
      replies: [],
    });
    const started = step(bot, initialState(bot.entry), { type: 'start' }).state;
    const r = step(bot, started, { type: 'reply', text: 'are you a real person?' });
    expect(r.output.messages.map((m) => m.text)).toEqual([
      "I'm Ava, Acme's automated assistant, not a person.",
      'Which city are you travelling to?',
    ]);
    expect(r.state.step).toBe('main/ask_city');
    expect(r.state.status).toBe('awaiting');
    expect(r.state.data).toEqual({});
    expect(r.output.missed).toBeUndefined();
    expect(Object.keys(r.state.routes)).toEqual([]);
  });

  it('goes where the project routes it, before the collect', () => {
    const routed = flow
      .replace(
        '    collect: city\n',
        '    collect: city\n    routes:\n      - intent: are_you_a_bot\n        goto: honest\n',
      )
      .replace(
        '  done:\n',
        "  honest:\n    say: No, I'm a virtual assistant.\n    next: ask_city\n  done:\n",
      );
    const { project, bot } = load({ name: '', flow: routed, moves: [], replies: [] });
    const started = step(bot, initialState(bot.entry), { type: 'start' }).state;
    const r = step(bot, started, { type: 'reply', text: 'am I talking to a bot?' });
    expect(r.output.messages[0].text).toBe("No, I'm a virtual assistant.");
    expect(r.state.routes['main/ask_city→main/honest#intent']).toBe(1);
    expect(graphMoves(buildGraph(project))).toContain('main/ask_city→main/honest#intent');
  });

  it('has the same name in the model and in the runtime', async () => {
    const builtins = await import('../../src/flow/builtins.js');
    const routing = await import('../../src/runtime/routing.js');
    expect(builtins.ARE_YOU_A_BOT).toBe(routing.ARE_YOU_A_BOT);
  });
});

describe('asksWhetherBot: the form of "are you a real person?"', () => {
  it.each([
    'are you a real person?',
    'Are you a bot',
    'am I talking to a machine?',
    'is this automated?',
    'r u human',
    'is this a real person or a recording?',
  ])('reads %j as the question', async (text) => {
    const { asksWhetherBot } = await import('../../src/runtime/routing.js');
    expect(asksWhetherBot(text)).toBe(true);
  });

  it.each([
    'get me a real person',
    'I want to talk to a human',
    'is there a real person I can talk to',
    'are you able to help with my bill?',
    'this is a real problem',
  ])('does not read %j as the question', async (text) => {
    const { asksWhetherBot } = await import('../../src/runtime/routing.js');
    expect(asksWhetherBot(text)).toBe(false);
  });
});
