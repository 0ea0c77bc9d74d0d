import pLimit from 'p-limit';
import type { Persona } from '../flow/types.js';
import type { Bot } from '../runtime/index.js';
import { runConversation } from './conversation.js';
import { botRouteKeys } from './coverage.js';
import { type SimReport, summarize } from './summary.js';
import type { ConversationContext, ConversationResult, CustomerEngine, RunOptions } from './types.js';

export const DEFAULT_MAX_TURNS = 20;
export const DEFAULT_RUNS = 1;

/** One planned conversation: a persona's n-th run, with its place in the whole run. */
export interface PlannedConversation {
  persona: Persona;
  run: number;
  seed: number;
  id: string;
  /** 0-based position in the unsharded plan (personas sorted by id, then runs). */
  index: number;
}

/**
 * The conversations of a run, in a fixed order: personas by id, then run 1..N with seeds
 * `seed .. seed + N - 1`. With a shard `I/N`, only every N-th conversation from the I-th on, so
 * N machines that run shards 1..N together run each conversation exactly once.
 */
export function planConversations(
  personas: readonly Persona[],
  options: Pick<RunOptions, 'runs' | 'seed' | 'shard'> = {},
): PlannedConversation[] {
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? 0;
  const sorted = [...personas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const plan: PlannedConversation[] = [];
  for (const persona of sorted) {
    for (let run = 1; run <= runs; run++) {
      plan.push({ persona, run, seed: seed + run - 1, id: `${persona.id}#${run}`, index: plan.length });
    }
  }
  const shard = options.shard;
  return shard ? plan.filter((c) => c.index % shard.total === shard.index - 1) : plan;
}

export interface SimulationRun {
  report: SimReport;
  /** Conversations that ended `error` because of the engine. */
  errors: ConversationResult[];
  /** True when the run was stopped before every planned conversation ran. */
  interrupted: boolean;
}

/**
 * Simulate every persona against the bot (simulation.md, "The run"): plan the conversations, check
 * the engine once, run at most `concurrency` conversations at once, and join the results into the
 * report. A stopped run (options.signal) starts nothing new; conversations cut short are left out
 * and counted as not run.
 */
export async function simulate(
  bot: Bot,
  personas: readonly Persona[],
  engine: CustomerEngine,
  options: RunOptions & { showPersonal?: boolean } = {},
): Promise<SimulationRun> {
  const signal = options.signal ?? new AbortController().signal;
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const runs = options.runs ?? DEFAULT_RUNS;
  const plan = planConversations(personas, options);
  options.onEvent?.({ type: 'planned', total: plan.length });
  await engine.prepare?.(signal);
  await options.judge?.prepare?.(signal);

  const limit = pLimit(Math.max(1, options.concurrency ?? (engine.name === 'ollama' ? 2 : 4)));
  const results: ConversationResult[] = [];
  let notRun = 0;
  await Promise.all(
    plan.map((planned) =>
      limit(async () => {
        if (signal.aborted) {
          notRun += 1;
          return;
        }
        const ctx: ConversationContext = {
          persona: planned.persona,
          bot: bot.file,
          run: planned.run,
          seed: planned.seed,
          id: planned.id,
          signal,
        };
        options.onEvent?.({ type: 'start', id: ctx.id, persona: ctx.persona.id, mood: ctx.persona.mood });
        const result = await runConversation(bot, engine, ctx, {
          maxTurns,
          judge: options.judge,
          showPersonal: options.showPersonal === true,
          onTurn: (turn, step, sentiment) =>
            options.onEvent?.({ type: 'turn', id: ctx.id, turn, step, sentiment }),
        });
        if (result.endReason === 'interrupted') {
          notRun += 1;
          return;
        }
        await engine.finish?.(ctx);
        await options.judge?.finish?.(ctx);
        results.push(result);
        options.onEvent?.({ type: 'end', result });
      }),
    ),
  );
  await engine.close?.();
  await options.judge?.close?.();

  const report = summarize({
    bot: {
      name: bot.file.name,
      hash: bot.file.hash,
      steps: Object.keys(bot.file.steps).sort(),
      routes: botRouteKeys(bot.file),
    },
    engine: {
      name: engine.name,
      ...(engine.model ? { model: engine.model } : {}),
      ...(options.judge?.model ? { judge: options.judge.model } : {}),
    },
    settings: {
      runs,
      seed: options.seed ?? 0,
      maxTurns,
      judge: options.judge !== undefined,
      showPersonal: options.showPersonal === true,
      ...(options.shard ? { shards: [options.shard] } : {}),
    },
    personas: [...personas],
    conversations: results,
    notRun,
  });
  return { report, errors: results.filter((r) => r.outcome === 'error'), interrupted: notRun > 0 };
}
