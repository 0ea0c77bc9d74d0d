/**
 * A worker thread that holds scripted conversations for `simulate` (see run.ts): the scripted
 * player is all computation, so a run of many conversations uses every core. It gets the bot file
 * and the personas once, then chunks of the plan as it asks for more; it posts what happened in
 * batches (one message every few milliseconds, not one a conversation: each message wakes the
 * parent, which on a busy machine costs the worker its core).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Persona } from '../flow/types.js';
import type { BotFile } from '../runtime/bot-types.js';
import { loadBot } from '../runtime/load.js';
import { runConversation } from './conversation.js';
import { scriptedEngine } from './engines/scripted.js';
import type { ConversationContext, ConversationResult } from './types.js';

export interface WorkerTask {
  bot: BotFile;
  personas: Persona[];
  maxTurns: number;
  showPersonal: boolean;
  /** Post `start` and `end` events (someone listens: the live view, progress lines). */
  events: boolean;
  /** Post `turn` events too (the live view wants them; plain output does not). */
  turns: boolean;
}

/** Conversations of one chunk: persona index, run, seed, id, and the position in the parent's plan. */
export type WorkerChunk = { persona: number; run: number; seed: number; id: string; index: number }[];

/** From the parent: run a chunk, or stop (Ctrl-C: no new conversation, the one in flight is dropped). */
export type ParentMessage = { type: 'chunk'; chunk: WorkerChunk } | { type: 'stop' };

export type WorkerEvent =
  | { type: 'start'; id: string }
  | { type: 'turn'; id: string; turn: number; step: string; sentiment?: number }
  | { type: 'end'; index: number; result: ConversationResult }
  /** A chunk is over; `skipped` of its conversations did not run (stopped). */
  | { type: 'chunkDone'; skipped: number }
  | { type: 'failed'; error: string };

/** What the worker posts: the events since its last message, in order. */
export type WorkerMessage = WorkerEvent[];

/** How long events wait in the worker before they are posted, at most (the live view redraws at this pace). */
const FLUSH_MS = 25;

function start(task: WorkerTask): void {
  const port = parentPort!;
  const controller = new AbortController();
  // The parent loaded and checked the file (a changed one only under --allow-changed).
  const bot = loadBot(task.bot, { allowChanged: true });
  const engine = scriptedEngine();
  const queue: WorkerChunk[] = [];
  let busy = false;
  let pending: WorkerEvent[] = [];
  let flushedAt = Date.now();

  const flush = () => {
    if (pending.length > 0) port.postMessage(pending satisfies WorkerMessage);
    pending = [];
    flushedAt = Date.now();
  };
  const post = (event: WorkerEvent) => {
    pending.push(event);
  };
  // The conversations never wait on I/O: a turn of the event loop now and then lets a `stop` in.
  const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

  const runChunk = async (chunk: WorkerChunk) => {
    let i = 0;
    for (; i < chunk.length && !controller.signal.aborted; i++) {
      const p = chunk[i];
      const ctx: ConversationContext = {
        persona: task.personas[p.persona],
        bot: bot.file,
        run: p.run,
        seed: p.seed,
        id: p.id,
        signal: controller.signal,
      };
      if (task.events) post({ type: 'start', id: p.id });
      const result = await runConversation(bot, engine, ctx, {
        maxTurns: task.maxTurns,
        showPersonal: task.showPersonal,
        onTurn: task.turns
          ? (turn, step, sentiment) => post({ type: 'turn', id: p.id, turn, step, sentiment })
          : undefined,
      });
      if (result.endReason === 'interrupted') break;
      post({ type: 'end', index: p.index, result });
      if (Date.now() - flushedAt >= FLUSH_MS) {
        flush();
        await breathe();
      }
    }
    post({ type: 'chunkDone', skipped: chunk.length - i });
    flush();
    await breathe();
  };

  const drain = async () => {
    if (busy) return;
    busy = true;
    try {
      for (let chunk = queue.shift(); chunk; chunk = queue.shift()) await runChunk(chunk);
    } catch (err) {
      post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
      flush();
    } finally {
      busy = false;
    }
  };

  port.on('message', (m: ParentMessage) => {
    if (m?.type === 'stop') controller.abort();
    else if (m?.type === 'chunk') {
      queue.push(m.chunk);
      void drain();
    }
  });
}

if (parentPort) {
  try {
    start(workerData as WorkerTask);
  } catch (err) {
    parentPort.postMessage([
      { type: 'failed', error: err instanceof Error ? err.message : String(err) },
    ] satisfies WorkerMessage);
  }
}
