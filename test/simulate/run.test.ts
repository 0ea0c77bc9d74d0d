import { describe, expect, it } from 'vitest';
import { TactError } from '../../src/errors.js';
import { botRouteKeys } from '../../src/simulate/coverage.js';
import { scriptedEngine } from '../../src/simulate/engines/scripted.js';
import { checkExpectations } from '../../src/simulate/expect.js';
import { mergeReports } from '../../src/simulate/merge.js';
import { planConversations, simulate } from '../../src/simulate/run.js';
import type { ConversationResult } from '../../src/simulate/types.js';
import { projectOf, SHOP } from './helpers.js';

const personaFiles = {
  'personas/a.persona.yaml':
    'persona: a-refund\nmood: angry\ngoal: Get a refund for my order.\nknows:\n  order_id: AB123456\n  email: a@example.com\nworld:\n  check: {ok: true}\nexpect:\n  outcome: resolved\n',
  'personas/b.persona.yaml':
    'persona: b-track\nmood: calm\ngoal: Find out where my parcel is.\nknows:\n  order_id: CD654321\nexpect:\n  outcome: [resolved, abandoned]\n',
  'personas/c.persona.yaml':
    'persona: c-person\nmood: sad\ngoal: Talk to a person.\npatience: 0\nexpect:\n  outcome: handoff\n  human_within: 1\n',
};

describe('planning a run', () => {
  const { personas } = projectOf({ ...SHOP, ...personaFiles });

  it('orders conversations by persona, then run, with seeds seed..seed+runs-1', () => {
    expect(planConversations(personas, { runs: 2, seed: 10 }).map((c) => [c.id, c.seed, c.index])).toEqual([
      ['a-refund#1', 10, 0],
      ['a-refund#2', 11, 1],
      ['b-track#1', 10, 2],
      ['b-track#2', 11, 3],
      ['c-person#1', 10, 4],
      ['c-person#2', 11, 5],
    ]);
  });

  it('shards 1/N … N/N run every conversation exactly once', () => {
    const all = planConversations(personas, { runs: 3 }).map((c) => c.id);
    const shards = [1, 2, 3, 4].map((index) =>
      planConversations(personas, { runs: 3, shard: { index, total: 4 } }).map((c) => c.id),
    );
    expect(shards.flat().sort()).toEqual([...all].sort());
    expect(shards[0]).toEqual(['a-refund#1', 'b-track#2', 'c-person#3']);
  });
});

describe('a whole run', () => {
  const { bot, personas } = projectOf({ ...SHOP, ...personaFiles });

  it('summarises pass rates per persona and mood, outcomes and coverage', async () => {
    const { report, interrupted } = await simulate(bot, personas, scriptedEngine(), { runs: 2 });
    expect(interrupted).toBe(false);
    expect(report.format).toBe('tact-simulation');
    expect(report.summary).toMatchObject({ conversations: 6, passed: 6, failed: 0, errors: 0, passRate: 1 });
    expect(report.personas.map((p) => [p.id, p.mood, p.conversations, p.passed, p.passRate])).toEqual([
      ['a-refund', 'angry', 2, 2, 1],
      ['b-track', 'calm', 2, 2, 1],
      ['c-person', 'sad', 2, 2, 1],
    ]);
    expect(report.moods.map((m) => m.mood)).toEqual(['calm', 'angry', 'sad']);
    expect(report.bot.steps).toEqual(Object.keys(bot.file.steps).sort());
    expect(report.coverage.steps.total).toBe(report.bot.steps.length);
    expect(report.coverage.unvisited).toEqual(
      report.bot.steps.filter((s) => !report.conversations.some((c) => c.steps[s])),
    );
    expect(report.conversations.map((c) => c.id)).toEqual([
      'a-refund#1',
      'a-refund#2',
      'b-track#1',
      'b-track#2',
      'c-person#1',
      'c-person#2',
    ]);
  });

  it('gives the same report whatever the concurrency', async () => {
    const one = await simulate(bot, personas, scriptedEngine(), { runs: 3, concurrency: 1 });
    const many = await simulate(bot, personas, scriptedEngine(), { runs: 3, concurrency: 8 });
    expect(JSON.stringify(many.report)).toBe(JSON.stringify(one.report));
  });

  it('a stopped run starts nothing new and counts what it did not run', async () => {
    const controller = new AbortController();
    let ended = 0;
    const run = await simulate(bot, personas, scriptedEngine(), {
      runs: 4,
      concurrency: 1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'end' && ++ended === 2) controller.abort();
      },
    });
    expect(run.interrupted).toBe(true);
    expect(run.report.summary.conversations).toBe(2);
    expect(run.report.summary.notRun).toBe(10);
  });

  it('merging the shards gives the report of the whole run', async () => {
    const whole = await simulate(bot, personas, scriptedEngine(), { runs: 2 });
    const parts = await Promise.all(
      [1, 2].map((index) =>
        simulate(bot, personas, scriptedEngine(), { runs: 2, shard: { index, total: 2 } }),
      ),
    );
    const merged = mergeReports(parts.map((p, i) => ({ dir: `shard-${i + 1}`, report: p.report })));
    expect(merged.conversations).toEqual(whole.report.conversations);
    expect(merged.summary).toEqual(whole.report.summary);
    expect(merged.coverage).toEqual(whole.report.coverage);
    expect(merged.settings.shards).toEqual([
      { index: 1, total: 2 },
      { index: 2, total: 2 },
    ]);
    const again = () =>
      mergeReports([...parts, parts[0]].map((p, i) => ({ dir: `d${i}`, report: p.report })));
    expect(again).toThrow(TactError);
    expect(again).toThrow('conversation a-refund#1 is in both d0 and d2');
    const other = { ...parts[1].report, bot: { ...parts[1].report.bot, hash: 'sha256-other' } };
    expect(() =>
      mergeReports([
        { dir: 'x', report: parts[0].report },
        { dir: 'y', report: other },
      ]),
    ).toThrow(/^y is a report of another bot/);
  });
});

describe('route coverage', () => {
  it('every route the runtime takes in a run is one the coverage counts (escalations aside)', async () => {
    const { bot, personas } = projectOf({ ...SHOP, ...personaFiles });
    const keys = new Set(botRouteKeys(bot.file));
    const { report } = await simulate(bot, personas, scriptedEngine(), { runs: 5 });
    const taken = report.conversations
      .flatMap((c) => Object.keys(c.routes))
      .filter((k) => !k.endsWith('#escalation'));
    expect(taken.length).toBeGreaterThan(10);
    for (const k of taken) expect(keys.has(k), k).toBe(true);
  });
});

describe('expectations', () => {
  const base = {
    outcome: 'handoff',
    endReason: 'handoff',
    turns: 5,
    humanAskedAt: 2,
    botTurnsToHuman: 4,
  } as Pick<ConversationResult, 'outcome' | 'endReason' | 'turns' | 'humanAskedAt' | 'botTurnsToHuman'>;

  it('say what was expected, what happened and on which turn', () => {
    const got = checkExpectations(
      { expect: { outcome: ['resolved'], maxTurns: 4, humanWithin: 2, minEmpathy: 3 } },
      base,
      { judge: false },
    );
    expect(got.map((e) => [e.name, e.passed, e.turn, e.message])).toEqual([
      ['outcome', false, 5, 'expected outcome resolved, got handoff at turn 5'],
      ['max_turns', false, 5, 'expected at most 4 turns, took 5'],
      [
        'human_within',
        false,
        4,
        'asked for a person at turn 2, but the handoff came only after 4 bot turns (expected within 2)',
      ],
      ['min_empathy', null, undefined, 'not checked: run with --judge to rate empathy'],
    ]);
  });

  it('the judge decides min_empathy when it was asked', () => {
    const judged = { ...base, judge: { score: 2, reasons: ['it never acknowledged the broken item'] } };
    const [, e] = checkExpectations({ expect: { outcome: ['handoff'], minEmpathy: 3 } }, judged, {
      judge: true,
    });
    expect(e).toEqual({
      name: 'min_empathy',
      expected: 'empathy at least 3 of 5',
      actual: '2 of 5',
      passed: false,
      message: 'expected empathy at least 3, the judge gave 2: it never acknowledged the broken item',
    });
    const none = checkExpectations({ expect: { minEmpathy: 3 } }, base, {
      judge: true,
      judgeError: 'timed out',
    });
    expect(none[1].message).toBe('not checked: the judge gave no rating (timed out)');
  });

  it('human_within is not checked when the customer never asked for a person', () => {
    const [, e] = checkExpectations(
      { expect: { humanWithin: 1 } },
      { ...base, humanAskedAt: undefined, botTurnsToHuman: undefined },
      { judge: false },
    );
    expect(e).toMatchObject({ passed: null, message: 'not checked: the customer never asked for a person' });
  });
});
