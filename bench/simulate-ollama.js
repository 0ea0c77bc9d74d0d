// The simulator's own cost per model turn with `--engine ollama`: the example's personas against
// an Ollama stub that answers at once, at concurrency 8, through the real `ollama` client over
// loopback HTTP. The stub runs in a process of its own; the figure is the CPU time this process
// spends per model-answered turn: building the request from the persona and the chat so far, the
// client, HTTP, the pool, reading the structured answer, the bot's turn in the runtime and the
// measures of each line. Wall time per turn is shown beside it (on a busy machine it mostly
// measures the other processes). Medians of repeated runs, after a warm-up.
//
//   npm run build && node bench/simulate-ollama.js
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../dist/compile/index.js';
import { loadBot } from '../dist/runtime/index.js';
import { createPlayers } from '../dist/simulate/engines/index.js';
import { simulate } from '../dist/simulate/run.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 2;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Start the stub in its own process; resolves to its URL and a way to stop it. */
async function stubProcess() {
  const child = spawn(process.execPath, [path.join(ROOT, 'test/helpers/ollama-stub.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the stub exited (${code})`)));
    child.stdout.once('data', (d) => resolve(String(d).trim().split('\n')[0]));
  });
  const stop = () =>
    new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', resolve);
      child.stdin.end();
    });
  return { url, stop };
}

/** Median CPU milliseconds of simulator work per model-answered turn, at concurrency 8. */
export async function benchSimulateOllama({ repeats = 5, runs = 10, concurrency = 8 } = {}) {
  const compiled = compile([path.join(ROOT, 'flows')]);
  const bot = loadBot(compiled.bot);
  const personas = compiled.project.personas;
  const stub = await stubProcess();
  try {
    const once = async () => {
      const players = await createPlayers({ engine: 'ollama', hosts: [stub.url], concurrency });
      const cpu = process.cpuUsage();
      const t = performance.now();
      const { report } = await simulate(bot, personas, players.engine, { runs, concurrency });
      const wall = performance.now() - t;
      const used = process.cpuUsage(cpu);
      if (report.summary.errors > 0)
        throw new Error(`${report.summary.errors} conversations failed in the bench`);
      // Every customer turn but a persona's opening is one model call.
      const calls = report.conversations.reduce(
        (n, c) => n + c.turns - (c.persona && personas.find((p) => p.id === c.persona)?.opening ? 1 : 0),
        0,
      );
      return {
        cpu: (used.user + used.system) / 1000 / calls,
        wall: wall / calls,
        calls,
        conversations: report.summary.conversations,
      };
    };
    await once();
    const samples = [];
    for (let i = 0; i < repeats; i++) samples.push(await once());
    const cpu = median(samples.map((s) => s.cpu));
    const wall = median(samples.map((s) => s.wall));
    const { calls, conversations } = samples[0];
    const rows = [
      {
        figure: `simulate --engine ollama: simulator CPU per model turn (instant stub, concurrency ${concurrency})`,
        value: Number(cpu.toFixed(3)),
        unit: 'ms',
        target: `< ${TARGET_MS} ms`,
        ok: cpu < TARGET_MS,
      },
    ];
    const text = [
      `simulate --engine ollama against an instant stub in its own process (${conversations} conversations, ${calls} model turns, concurrency ${concurrency}, ${repeats} runs)`,
      `  simulator CPU per model turn   median ${cpu.toFixed(3)} ms  (target < ${TARGET_MS} ms: ${cpu < TARGET_MS ? 'ok' : 'MISSED'})`,
      `  wall time per model turn       median ${wall.toFixed(3)} ms`,
    ].join('\n');
    return { text, rows };
  } finally {
    await stub.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  console.log((await benchSimulateOllama()).text);
