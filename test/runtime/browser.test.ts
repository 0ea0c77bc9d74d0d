import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Runtime from '../../src/runtime/index.js';
import { fixtureBot } from './fixtures/bots.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let metafile: Metafile;
let runtime: typeof Runtime;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tact-runtime-'));
  const outfile = join(dir, 'runtime.js');
  // platform browser: a Node built-in anywhere in the import graph fails the build.
  const result = await build({
    entryPoints: [join(root, 'src/runtime/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    outfile,
    write: true,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  runtime = (await import(pathToFileURL(outfile).href)) as typeof Runtime;
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The shared text analyzer and text helpers, the only project modules the runtime imports (STYLE.md). */
const TEXT_ANALYZER = new Set(['../analysis/sentiment.js', '../analysis/text-distance.js']);

describe('the runtime in a browser bundle', () => {
  it('bundles nothing of the project but the runtime and the text analyzer', () => {
    const ours = Object.keys(metafile.inputs).filter((p) => !p.includes('node_modules/'));
    expect(ours.length).toBeGreaterThan(0);
    for (const p of ours) expect(relative(root, join(root, p))).toMatch(/^src\/(runtime|analysis)\//);
    expect(Object.keys(metafile.inputs).some((p) => p.includes('node_modules/json-logic-js/'))).toBe(true);
  });

  it('imports from the rest of the project only the text analyzer, and no Node built-in', async () => {
    const files = (await readdir(join(root, 'src/runtime'), { recursive: true })).filter((f) =>
      f.endsWith('.ts'),
    );
    const offending: string[] = [];
    for (const file of files) {
      const text = await readFile(join(root, 'src/runtime', file), 'utf8');
      for (const [, spec] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const project = spec.includes('..') && !TEXT_ANALYZER.has(spec);
        const node = spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
        if (project || node) offending.push(`${file}: ${spec}`);
      }
    }
    expect(files).toContain('step.ts');
    expect(offending).toEqual([]);
  });

  it('runs a whole conversation from the bundle', async () => {
    const bot = runtime.loadBot(fixtureBot('refund-bot.json'));
    const seen: Record<string, unknown>[] = [];
    const session = bot.session({
      actions: {
        check_refund: async (data) => {
          seen.push(data);
          return { refund_eligible: true };
        },
      },
    });
    const t0 = await session.start();
    expect(t0.status).toBe('awaiting');
    expect(t0.messages[0].text).toMatch(/^Hi, I'm Ava/);
    const t1 = await session.reply('The order is AB123456');
    expect(t1.step).toBe('refund/ask_email');
    const t2 = await session.reply('jane@example.com');
    expect(seen).toEqual([{ order_id: 'AB123456', email: 'jane@example.com' }]);
    expect(t2).toMatchObject({ status: 'ended', outcome: 'resolved' });
    expect(t2.messages.at(-1)?.text).toBe(
      'Done! Your refund of the full amount is on its way to jane@example.com.',
    );
    expect(() => runtime.loadBot({ format: 'tact-bot', version: 9 })).toThrow(/version 9/);
  });
});
