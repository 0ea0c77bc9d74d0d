/**
 * A worker thread that holds scripted conversations for `simulate` (see parallel.ts): the scripted
 * player is all computation, so a run of many conversations uses every core. It gets the bot file,
 * the personas and its share of the plan, and posts each conversation's events and result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Persona } from '../flow/types.js';
import type { BotFile } from '../runtime/bot-types.js';
import { loadBot } from '../runtime/load.js';
import { runConversation } from './conversation.js';
import { scriptedEngine } from './engines/scripted.js';
import type { ConversationContext } from './types.js';

export interface WorkerTask {
  bot: BotFile;
  personas: Persona[];
  /** The conversations of this worker: persona index, run, seed, id. */
  plan: { persona: number; run: number; seed: number; id: string }[];
  maxTurns: number;
  showPersonal: boolean;
  /** Post `turn` events too (the live view wants them; plain output does not). */
  turns: boolean;
}

export type WorkerMessage =
  | { type: 'start'; id: string }
  | { type: 'turn'; id: string; turn: number; step: string; sentiment?: number }
  | { type: 'end'; result: import('./types.js').ConversationResult }
  | { type: 'skipped'; count: number }
  | { type: 'done' }
  | { type: 'failed'; error: string };

async function work(task: WorkerTask): Promise<void> {
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (m: { type: string }) => {
    if (m?.type === 'stop') controller.abort();
  });
  // The parent loaded and checked the file (a changed one only under --allow-changed).
  const bot = loadBot(task.bot, { allowChanged: true });
  const engine = scriptedEngine();
  let i = 0;
  for (; i < task.plan.length; i++) {
    if (controller.signal.aborted) break;
    const p = task.plan[i];
    const persona = task.personas[p.persona];
    const ctx: ConversationContext = {
      persona,
      bot: bot.file,
      run: p.run,
      seed: p.seed,
      id: p.id,
      signal: controller.signal,
    };
    port.postMessage({ type: 'start', id: p.id } satisfies WorkerMessage);
    const result = await runConversation(bot, engine, ctx, {
      maxTurns: task.maxTurns,
      showPersonal: task.showPersonal,
      onTurn: task.turns
        ? (turn, step, sentiment) =>
            port.postMessage({ type: 'turn', id: p.id, turn, step, sentiment } satisfies WorkerMessage)
        : undefined,
    });
    if (result.endReason === 'interrupted') break;
    port.postMessage({ type: 'end', result } satisfies WorkerMessage);
  }
  if (i < task.plan.length)
    port.postMessage({ type: 'skipped', count: task.plan.length - i } satisfies WorkerMessage);
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
}

if (parentPort) {
  work(workerData as WorkerTask).catch((err) => {
    parentPort!.postMessage({
      type: 'failed',
      error: err instanceof Error ? err.message : String(err),
    } satisfies WorkerMessage);
  });
}
