import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { loadBot } from '../../src/runtime/index.js';
import { createPlayers, DEFAULT_MODEL } from '../../src/simulate/engines/index.js';
import { OllamaServer } from '../../src/simulate/ollama/client.js';
import { parseOllamaHost } from '../../src/simulate/ollama/host.js';
import { simulate } from '../../src/simulate/run.js';

// Against a real Ollama, when OLLAMA_HOST names one on this machine that has the model
// (TACT_LIVE_MODEL, default llama3.2). Otherwise the test is skipped, and its name says why.

const MODEL = process.env.TACT_LIVE_MODEL?.trim() || DEFAULT_MODEL;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/;

async function whyNot(): Promise<{ skip: string } | { url: string }> {
  const raw = process.env.OLLAMA_HOST?.trim();
  if (!raw) return { skip: 'OLLAMA_HOST is not set' };
  let url: string;
  try {
    url = parseOllamaHost(raw, 'OLLAMA_HOST');
  } catch (err) {
    return { skip: (err as Error).message };
  }
  if (!LOOPBACK.test(new URL(url).hostname))
    return { skip: `OLLAMA_HOST (${url}) is not on this machine; the tests only reach loopback` };
  const server = new OllamaServer(url);
  const signal = new AbortController().signal;
  try {
    await server.version(signal, 2_000);
  } catch (err) {
    return { skip: `no Ollama server answers at ${url} (${(err as Error).message})` };
  }
  if (!(await server.hasModel(MODEL, signal, 5_000).catch(() => false)))
    return { skip: `the model ${MODEL} is not on ${url} (ollama pull ${MODEL}, or set TACT_LIVE_MODEL)` };
  return { url };
}

const live = await whyNot();
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-live-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a live Ollama', () => {
  it.skipIf('skip' in live)(
    'skip' in live
      ? `skipped: ${live.skip}`
      : `plays and judges two personas with ${MODEL} at ${live.url}, and replays the recording the same`,
    async () => {
      if ('skip' in live) return;
      const compiled = compile([path.resolve(import.meta.dirname, '../../flows')]);
      const bot = loadBot(compiled.bot);
      const personas = compiled.project.personas.filter((p) =>
        ['angry-damaged-item', 'calm-late-parcel'].includes(p.id),
      );
      const record = path.join(tmp, 'rec');
      const players = await createPlayers({
        engine: 'ollama',
        hosts: [live.url],
        model: MODEL,
        judge: true,
        record,
      });
      const first = await simulate(bot, personas, players.engine, { judge: players.judge, maxTurns: 6 });
      expect(first.report.summary.conversations).toBe(2);
      expect(first.report.conversations.map((c) => [c.id, c.error])).toEqual([
        ['angry-damaged-item#1', undefined],
        ['calm-late-parcel#1', undefined],
      ]);
      for (const c of first.report.conversations) {
        expect(c.transcript.some((l) => l.from === 'customer')).toBe(true);
        expect(c.judge?.score).toBeGreaterThanOrEqual(1);
      }
      const replay = await createPlayers({ engine: 'replay', replay: record, judge: true });
      const second = await simulate(bot, personas, replay.engine, { judge: replay.judge, maxTurns: 6 });
      expect({ ...second.report, engine: { ...second.report.engine, name: 'ollama' } }).toEqual(first.report);
    },
    600_000,
  );
});
