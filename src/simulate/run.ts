import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { Persona } from '../flow/types.js';
import { WORKER_URL } from '../own-files.js';
import type { Bot } from '../runtime/index.js';
import { runConversation } from './conversation.js';
import { botRouteKeys } from './coverage.js';
import { maskText, personalValues } from './mask.js';
import { type SimReport, summarize } from './summary.js';
import type { ConversationContext, ConversationResult, CustomerEngine, RunOptions } from './types.js';
import type { ParentMessage, WorkerChunk, WorkerMessage, WorkerTask } from './worker.js';

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

  const results: ConversationResult[] = [];
  let notRun = 0;
  const workers = workerCount(engine, plan.length, options);
  if (workers > 1) {
    const out = await runInWorkers(bot, personas, plan, workers, {
      maxTurns,
      showPersonal: options.showPersonal === true,
      signal,
      onEvent: options.onEvent,
    });
    results.push(...out.results);
    notRun += out.notRun;
  } else {
    const limit = pLimit(Math.max(1, options.concurrency ?? (engine.name === 'ollama' ? 2 : 4)));
    await Promise.all(
      plan.map((planned) =>
        limit(async () => {
          // The scripted player never waits on I/O: without a turn of the event loop between
          // conversations, a Ctrl-C would not be seen until the whole run is over.
          await new Promise((resolve) => setImmediate(resolve));
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
  }
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
    // A goal may name what the persona knows ("a refund for sam@example.com"): masked like the rest.
    personas: personas.map((p) =>
      options.showPersonal ? p : { ...p, goal: maskText(p.goal, personalValues(bot.file, {}, p)) },
    ),
    conversations: results,
    notRun,
  });
  return { report, errors: results.filter((r) => r.outcome === 'error'), interrupted: notRun > 0 };
}

/** Below this many conversations a worker costs more to start than it saves. */
const CONVERSATIONS_PER_WORKER = 100;

/**
 * How many worker threads to spread a run over: only the scripted player (it is all computation;
 * a model's engine waits on the network), never with a judge (it talks to a model), one per core,
 * at most `options.workers`, and none for a small run.
 */
function workerCount(engine: CustomerEngine, planned: number, options: RunOptions): number {
  if (engine.name !== 'scripted' || options.judge) return 1;
  if (options.workers !== undefined) return Math.max(1, Math.min(options.workers, planned));
  if (!existsSync(fileURLToPath(WORKER_URL))) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(planned / CONVERSATIONS_PER_WORKER)));
}

/** Chunks of the plan a worker holds at once: it starts the next without waiting for the parent. */
const CHUNKS_AHEAD = 2;

/**
 * Run the plan's conversations in `count` worker threads and gather the results, in plan order.
 * The plan goes out in small chunks, the next to whichever worker finished one: on a shared
 * machine one thread is often slowed, and a fixed share would make the whole run wait for it.
 * Which worker ran a conversation changes nothing in its result.
 */
async function runInWorkers(
  bot: Bot,
  personas: readonly Persona[],
  plan: PlannedConversation[],
  count: number,
  o: { maxTurns: number; showPersonal: boolean; signal: AbortSignal; onEvent?: RunOptions['onEvent'] },
): Promise<{ results: ConversationResult[]; notRun: number }> {
  const personaIndex = new Map(personas.map((p, i) => [p, i]));
  const byIndex: (ConversationResult | undefined)[] = new Array(plan.length);
  const plannedById = o.onEvent ? new Map(plan.map((c) => [c.id, c.persona])) : undefined;
  // Small enough that the workers finish together, big enough that messages stay few.
  const size = Math.max(1, Math.min(64, Math.ceil(plan.length / (count * 16))));
  let notRun = 0;
  const task: WorkerTask = {
    bot: bot.file,
    personas: [...personas],
    maxTurns: o.maxTurns,
    showPersonal: o.showPersonal,
    events: o.onEvent !== undefined,
    turns: o.onEvent !== undefined,
  };
  const workers: Worker[] = [];
  const stopAll = () => {
    for (const w of workers) w.postMessage({ type: 'stop' } satisfies ParentMessage);
  };
  o.signal.addEventListener('abort', stopAll, { once: true });

  // Each worker starts on its own stretch of the plan (whole personas, mostly): a persona's runs say
  // much the same lines, so a worker that holds them reads most replies from its own memo rather
  // than analysing them again. One that runs out takes chunks from the far end of the longest.
  const region = (w: number) => Math.round((plan.length * w) / count);
  const lo = Array.from({ length: count }, (_, w) => region(w));
  const hi = Array.from({ length: count }, (_, w) => region(w + 1));
  const chunkOf = (w: number): WorkerChunk | undefined => {
    if (o.signal.aborted) return undefined;
    let from: number;
    let to: number;
    if (lo[w] < hi[w]) {
      from = lo[w];
      to = Math.min(hi[w], from + size);
      lo[w] = to;
    } else {
      let v = -1;
      for (let u = 0; u < count; u++) if (hi[u] - lo[u] > (v < 0 ? 0 : hi[v] - lo[v])) v = u;
      if (v < 0) return undefined;
      to = hi[v];
      from = Math.max(lo[v], to - size);
      hi[v] = from;
    }
    return plan.slice(from, to).map((c, i) => ({
      persona: personaIndex.get(c.persona)!,
      run: c.run,
      seed: c.seed,
      id: c.id,
      index: from + i,
    }));
  };

  try {
    await Promise.all(
      Array.from(
        { length: count },
        (_, w) =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(WORKER_URL, { workerData: task });
            workers.push(worker);
            let held = 0;
            const give = () => {
              const chunk = chunkOf(w);
              if (!chunk) return false;
              held += 1;
              worker.postMessage({ type: 'chunk', chunk } satisfies ParentMessage);
              return true;
            };
            for (let i = 0; i < CHUNKS_AHEAD; i++) give();
            if (held === 0) {
              void worker.terminate().then(() => resolve());
              return;
            }
            worker.on('message', (batch: WorkerMessage) => {
              for (const m of batch) {
                if (m.type === 'start') {
                  const p = plannedById?.get(m.id);
                  if (p) o.onEvent?.({ type: 'start', id: m.id, persona: p.id, mood: p.mood });
                } else if (m.type === 'turn') o.onEvent?.({ ...m, type: 'turn' });
                else if (m.type === 'end') {
                  byIndex[m.index] = m.result;
                  o.onEvent?.({ type: 'end', result: m.result });
                } else if (m.type === 'chunkDone') {
                  notRun += m.skipped;
                  held -= 1;
                  give();
                  if (held === 0) void worker.terminate().then(() => resolve());
                } else if (m.type === 'failed') {
                  reject(new Error(`a simulation worker failed: ${m.error}`));
                }
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (held > 0) reject(new Error(`a simulation worker stopped with exit code ${code}`));
            });
          }),
      ),
    );
  } finally {
    o.signal.removeEventListener('abort', stopAll);
    for (const w of workers) void w.terminate();
  }
  // Chunks never handed out (the run was stopped).
  for (let w = 0; w < count; w++) notRun += hi[w] - lo[w];
  return { results: byIndex.filter((r): r is ConversationResult => r !== undefined), notRun };
}
