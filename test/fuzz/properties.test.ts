import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { TactError } from '../../src/errors.js';
import { lint } from '../../src/lint.js';
import { formatLintReport, LINT_FORMATS } from '../../src/report/index.js';
import { loadBot } from '../../src/runtime/index.js';
import { BIN } from '../e2e/helpers.js';
import { arbMutation, arbProject, type Files, mutate } from './projects.js';

// `npm test` runs a CI-sized sample; `npm run fuzz` sets TACT_FUZZ_RUNS for a bigger one.
const RUNS = Number(process.env.TACT_FUZZ_RUNS ?? 40);
const CLI_RUNS = Math.max(3, Math.round(RUNS / 10));
const SEED = process.env.TACT_SEED === undefined ? undefined : Number(process.env.TACT_SEED);

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

function write(files: Record<string, string | Buffer>): string {
  const dir = path.join(tmp, `p${n++}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const REPLIES = ['Go on', 'talk to a person', 'yes', 'asdf qwerty', '', '1', 'I want a refund', '\u001b[2J'];

/** Talk to a bot for a few turns; every turn must be a turn. */
async function converse(bot: ReturnType<typeof loadBot>, replies: string[]): Promise<void> {
  const s = bot.session({ seed: 1 });
  let turn = await s.start();
  for (const r of replies) {
    if (turn.status !== 'awaiting') break;
    turn = await s.reply(r);
    expect(['awaiting', 'handoff', 'ended']).toContain(turn.status);
  }
}

/** Nothing a file says may reach Object.prototype. */
function expectNoPollution(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Run `work`; it may finish or throw a TactError (exit 2, or 1 for a refused compile), nothing else. */
function cleanly<T>(work: () => T): T | TactError {
  try {
    return work();
  } catch (err) {
    if (err instanceof TactError) return err;
    throw err;
  }
}

const tried: Record<string, number> = {};
afterAll(() => {
  console.log(
    `fuzz: ${Object.entries(tried)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} (TACT_FUZZ_RUNS=${RUNS}${SEED === undefined ? '' : `, TACT_SEED=${SEED}`})`,
  );
});

describe('property: random valid projects always lint, compile and run', () => {
  it(
    'lint gives a report in every format, compile a bot the runtime loads and talks with',
    async () => {
      await fc.assert(
        fc.asyncProperty(arbProject, fc.shuffledSubarray(REPLIES), async (files, replies) => {
          tried['valid projects'] = (tried['valid projects'] ?? 0) + 1;
          const dir = write(files);
          const report = lint([dir], { cwd: dir });
          // Valid by construction: no finding of the schema or the YAML.
          for (const f of report.findings.filter((x) => x.severity === 'error'))
            expect(['yaml', 'schema'], `${f.file}:${f.line} ${f.message}`).not.toContain(f.ruleId);
          for (const format of LINT_FORMATS) formatLintReport(report, format, { color: false });
          const { bot } = compile([dir], { cwd: dir, force: true });
          await converse(loadBot(JSON.parse(JSON.stringify(bot))), replies);
          expectNoPollution();
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    RUNS * 3000 + 60_000,
  );
});

describe('property: damaged projects give diagnostics or a clean exit 2, never a crash or a hang', () => {
  it(
    'lint, every formatter, compile and the runtime, in process',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbProject,
          fc.nat(),
          fc.array(arbMutation, { minLength: 1, maxLength: 3 }),
          async (files, which, mutations) => {
            const names = Object.keys(files);
            const target = names[which % names.length];
            let text = files[target];
            let bytes = Buffer.from(text);
            for (const m of mutations) {
              tried[`${m.kind} mutations`] = (tried[`${m.kind} mutations`] ?? 0) + 1;
              bytes = mutate(text, m);
              text = bytes.toString();
            }
            tried['damaged projects'] = (tried['damaged projects'] ?? 0) + 1;
            const dir = write({ ...files, [target]: bytes });
            const linted = cleanly(() => lint([dir], { cwd: dir }));
            if (linted instanceof TactError) expect(linted.exitCode).toBe(2);
            else for (const format of LINT_FORMATS) formatLintReport(linted, format, { color: false });
            const compiled = cleanly(() => compile([dir], { cwd: dir, force: true }));
            if (compiled instanceof TactError) expect([1, 2]).toContain(compiled.exitCode);
            else await converse(loadBot(JSON.parse(JSON.stringify(compiled.bot))), REPLIES);
            expectNoPollution();
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    },
    RUNS * 3000 + 60_000,
  );

  it(
    'through the CLI: exit 0, 1 or 2, and never a stack trace or "internal error"',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbProject,
          fc.array(arbMutation, { minLength: 1, maxLength: 2 }),
          async (files, mutations) => {
            tried['damaged projects through the CLI'] = (tried['damaged projects through the CLI'] ?? 0) + 1;
            const target = Object.keys(files).at(-1)!;
            let text = files[target];
            let bytes = Buffer.from(text);
            for (const m of mutations) {
              bytes = mutate(text, m);
              text = bytes.toString();
            }
            const dir = write({ ...files, [target]: bytes } as Files);
            for (const args of [
              ['lint', dir, '--format', 'json'],
              ['compile', dir, '-o', path.join(dir, 'out/bot.json'), '--force'],
              ['graph', dir],
            ]) {
              const r = await execa('node', [BIN, ...args], {
                reject: false,
                timeout: 60_000,
                env: { NO_COLOR: '1' },
              });
              expect(r.timedOut, args[0]).toBe(false);
              expect([0, 1, 2], `${args[0]}: ${r.stderr}`).toContain(r.exitCode);
              expect(r.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
            }
          },
        ),
        { numRuns: CLI_RUNS, seed: SEED },
      );
    },
    CLI_RUNS * 60_000 + 60_000,
  );
});
