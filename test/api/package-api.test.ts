import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSentiment, analyzeTone, compile, lint, TactError } from '../../src/index.js';
import { loadBot } from '../../src/runtime/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the library API', () => {
  it('lint returns findings with rule, place and path', () => {
    const report = lint([path.join(ROOT, 'fixtures/human-exit-edited')], { cwd: ROOT });
    const f = report.findings.find((x) => x.ruleId === 'human-exit');
    expect(f).toMatchObject({ severity: 'error', file: 'fixtures/human-exit-edited/flows/orders.flow.yaml' });
    expect(f?.path?.at(-1)?.step).toBe('orders/ask_email');
  });

  it('compile lints first and returns a bot the runtime loads', async () => {
    const { bot, json, report } = compile([path.join(ROOT, 'flows')], { cwd: ROOT });
    expect(report.counts.error).toBe(0);
    expect(JSON.parse(json).hash).toBe(bot.hash);
    const turn = await loadBot(bot).session().start();
    expect(turn.status).toBe('awaiting');
  });

  it('compile refuses a project with lint errors unless forced', () => {
    const paths = [path.join(ROOT, 'fixtures/human-exit-edited')];
    expect(() => compile(paths, { cwd: ROOT })).toThrow(TactError);
    try {
      compile(paths, { cwd: ROOT });
    } catch (err) {
      expect((err as TactError).exitCode).toBe(1);
    }
    expect(compile(paths, { cwd: ROOT, force: true }).bot.format).toBe('tact-bot');
  });

  it('exports the text analyzer', () => {
    expect(analyzeSentiment('still waiting for my refund, third time calling!!').label).toMatch(/negative/);
    expect(analyzeTone('Awesome!! 🎉').tone).toBe('upbeat');
  });
});
