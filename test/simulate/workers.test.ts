// Worker threads run the built worker (dist/simulate/worker.js, made by `npm run build`, which
// `npm test` runs first), so this file drives the built simulator: the same code a user runs.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (p: string) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);

let built: Promise<Awaited<ReturnType<typeof load>>> | undefined;
/** The bench's ten-turn bot, compiled once for the file. */
const tenTurn = () => {
  built ??= load();
  return built;
};

async function load() {
  const { compile } = await dist('index.js');
  const { loadBot } = await dist('runtime/index.js');
  const { simulate } = await dist('simulate/run.js');
  const { scriptedEngine } = await dist('simulate/engines/scripted.js');
  const { bot, project } = compile([path.join(ROOT, 'bench/fixtures/ten-turn')], { cwd: ROOT });
  const run = (options: Record<string, unknown>): Promise<any> =>
    simulate(loadBot(bot), project.personas, scriptedEngine(), options);
  return { run, personas: project.personas.length as number };
}

describe('a run over worker threads', () => {
  it('gives the same report, byte for byte, with 1, 2 or 3 workers, sharded or not', async () => {
    const { run } = await tenTurn();
    for (const [shard, counts] of [
      [undefined, [1, 2, 3]],
      [{ index: 2, total: 3 }, [1, 2]],
    ] as const) {
      const reports: string[] = [];
      // 8 runs of 8 personas: chunks of two conversations, so workers take from each other's stretch.
      for (const workers of counts)
        reports.push(JSON.stringify((await run({ runs: 8, seed: 3, workers, shard })).report));
      for (const r of reports.slice(1)) expect(r).toBe(reports[0]);
    }
  });

  it('a stopped run starts nothing new and counts what it did not run', async () => {
    const { run, personas } = await tenTurn();
    const controller = new AbortController();
    const ended: string[] = [];
    const out = await run({
      runs: 100,
      workers: 2,
      signal: controller.signal,
      onEvent: (e: { type: string; result?: { id: string } }) => {
        if (e.type === 'end' && e.result) ended.push(e.result.id);
        if (ended.length === 20) controller.abort();
      },
    });
    expect(out.interrupted).toBe(true);
    const { conversations, notRun } = out.report.summary;
    expect(conversations).toBeGreaterThanOrEqual(20);
    expect(conversations).toBeLessThan(personas * 100);
    expect(conversations + notRun).toBe(personas * 100);
    expect(out.report.conversations.map((c: { id: string }) => c.id).sort()).toEqual([...ended].sort());
  });
});
