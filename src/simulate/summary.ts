import type { Mood, Persona } from '../flow/types.js';
import { MOODS } from '../flow/types.js';
import type { ConversationResult, ExpectationResult, Outcome } from './types.js';
import { OUTCOMES } from './types.js';

/** The format of `report.json` (schemas/sim-report.schema.json). */
export const SIM_REPORT_FORMAT = 'tact-simulation';
export const SIM_REPORT_VERSION = 1;

export interface PersonaSummary {
  id: string;
  mood: Mood;
  file: string;
  goal: string;
  traits: string[];
  conversations: number;
  passed: number;
  /** passed / conversations, 0..1 (0 when there were none). */
  passRate: number;
  outcomes: Record<Outcome, number>;
  /** Expectation name → conversations where it failed. */
  failures: Partial<Record<ExpectationResult['name'], number>>;
}

export interface MoodSummary {
  mood: Mood;
  conversations: number;
  passed: number;
  passRate: number;
}

export interface Coverage {
  steps: { visited: number; total: number; ratio: number };
  routes: { taken: number; total: number; ratio: number };
  /** Steps no conversation entered, sorted. */
  unvisited: string[];
  /** Routes no conversation took, sorted. */
  untaken: string[];
}

/** What one simulation run found, as `report.json` holds it. Deterministic: no clock, no host. */
export interface SimReport {
  format: typeof SIM_REPORT_FORMAT;
  version: typeof SIM_REPORT_VERSION;
  bot: {
    name: string;
    hash: string;
    /** Every step of the bot, sorted (the coverage denominator). */
    steps: string[];
    /** Every route the bot can take (`from→to#kind`), sorted. */
    routes: string[];
  };
  engine: { name: string; model?: string; judge?: string };
  settings: {
    runs: number;
    seed: number;
    maxTurns: number;
    judge: boolean;
    showPersonal: boolean;
    /** The shards this report holds (one when not sharded or merged). */
    shards?: { index: number; total: number }[];
  };
  summary: {
    conversations: number;
    passed: number;
    failed: number;
    /** Conversations that could not run to an end (engine errors). */
    errors: number;
    passRate: number;
    outcomes: Record<Outcome, number>;
    turns: { mean: number; max: number };
    fallbacks: number;
    toneMismatches: number;
    repeatedAsks: number;
    /** Conversations planned but not run because the run was stopped (Ctrl-C). */
    notRun: number;
  };
  personas: PersonaSummary[];
  moods: MoodSummary[];
  coverage: Coverage;
  conversations: ConversationResult[];
}

const emptyOutcomes = (): Record<Outcome, number> =>
  Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);

export interface SummaryInput {
  bot: SimReport['bot'];
  engine: SimReport['engine'];
  settings: SimReport['settings'];
  /** The personas of the run, for their summary lines (also those with no conversation here). */
  personas: Pick<Persona, 'id' | 'mood' | 'file' | 'goal' | 'traits'>[];
  conversations: ConversationResult[];
  notRun?: number;
}

/**
 * Join conversation results into the run's report: per persona and per mood pass rates, outcome
 * counts, and coverage of the bot's steps and routes. Conversations are sorted by persona and run,
 * so the report does not depend on which conversation finished first.
 */
export function summarize(input: SummaryInput): SimReport {
  const conversations = [...input.conversations].sort((a, b) =>
    a.persona < b.persona ? -1 : a.persona > b.persona ? 1 : a.run - b.run,
  );
  const outcomes = emptyOutcomes();
  let passed = 0;
  let turnsTotal = 0;
  let turnsMax = 0;
  let fallbacks = 0;
  let toneMismatches = 0;
  let repeatedAsks = 0;
  const visited = new Set<string>();
  const taken = new Set<string>();
  for (const c of conversations) {
    outcomes[c.outcome] += 1;
    if (c.passed) passed += 1;
    turnsTotal += c.turns;
    turnsMax = Math.max(turnsMax, c.turns);
    fallbacks += c.fallbacks;
    toneMismatches += c.toneMismatches.length;
    repeatedAsks += c.repeatedAsks.length;
    for (const [s, n] of Object.entries(c.steps)) if (n > 0) visited.add(s);
    for (const [r, n] of Object.entries(c.routes)) if (n > 0) taken.add(r);
  }

  const personaMeta = new Map(input.personas.map((p) => [p.id, p]));
  for (const c of conversations)
    if (!personaMeta.has(c.persona))
      personaMeta.set(c.persona, { id: c.persona, mood: c.mood, file: '', goal: '', traits: [] });
  const personas: PersonaSummary[] = [...personaMeta.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => {
      const mine = conversations.filter((c) => c.persona === p.id);
      const o = emptyOutcomes();
      const failures: PersonaSummary['failures'] = {};
      for (const c of mine) {
        o[c.outcome] += 1;
        for (const e of c.expectations)
          if (e.passed === false) failures[e.name] = (failures[e.name] ?? 0) + 1;
      }
      const ok = mine.filter((c) => c.passed).length;
      return {
        id: p.id,
        mood: p.mood,
        file: p.file,
        goal: p.goal,
        traits: [...p.traits],
        conversations: mine.length,
        passed: ok,
        passRate: ratio(ok, mine.length),
        outcomes: o,
        failures,
      };
    });

  const moods: MoodSummary[] = MOODS.map((mood) => {
    const mine = conversations.filter((c) => c.mood === mood);
    const ok = mine.filter((c) => c.passed).length;
    return { mood, conversations: mine.length, passed: ok, passRate: ratio(ok, mine.length) };
  }).filter((m) => m.conversations > 0);

  const steps = input.bot.steps;
  const routes = input.bot.routes;
  const stepsVisited = steps.filter((s) => visited.has(s));
  const routesTaken = routes.filter((r) => taken.has(r));
  return {
    format: SIM_REPORT_FORMAT,
    version: SIM_REPORT_VERSION,
    bot: input.bot,
    engine: input.engine,
    settings: input.settings,
    summary: {
      conversations: conversations.length,
      passed,
      failed: conversations.length - passed,
      errors: outcomes.error,
      passRate: ratio(passed, conversations.length),
      outcomes,
      turns: {
        mean: conversations.length ? Math.round((turnsTotal / conversations.length) * 100) / 100 : 0,
        max: turnsMax,
      },
      fallbacks,
      toneMismatches,
      repeatedAsks,
      notRun: input.notRun ?? 0,
    },
    personas,
    moods,
    coverage: {
      steps: {
        visited: stepsVisited.length,
        total: steps.length,
        ratio: ratio(stepsVisited.length, steps.length),
      },
      routes: {
        taken: routesTaken.length,
        total: routes.length,
        ratio: ratio(routesTaken.length, routes.length),
      },
      unvisited: steps.filter((s) => !visited.has(s)),
      untaken: routes.filter((r) => !taken.has(r)),
    },
    conversations,
  };
}
