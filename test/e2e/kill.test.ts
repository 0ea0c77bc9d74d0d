import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { type KillTarget, killLoop } from '../helpers/kill-loop.js';
import { BIN, ROOT } from './helpers.js';

// `npm test` runs a few kills per command; `npm run fuzz` runs many (TACT_KILL_RUNS).
const RUNS = Number(process.env.TACT_KILL_RUNS ?? 6);
const SEED = Number(process.env.TACT_SEED ?? Date.now() % 1_000_000);

/**
 * The commands that write files, one entry each. `dir` holds a copy of the example project in
 * `flows/`. A command that writes several files lists each; every one must be whole or untouched.
 */
const TARGETS: KillTarget[] = [
  {
    name: 'compile',
    args: () => ['compile', 'flows', '-o', 'out/bot.json', '-q'],
    outputs: ['out/bot.json'],
  },
  {
    name: 'simulate --report',
    args: () => ['simulate', 'flows', '--report', 'out/sim', '-q'],
    outputDir: 'out/sim',
  },
  {
    name: 'lint --format sarif -o',
    args: () => ['lint', 'flows', '--format', 'sarif', '-o', 'out/tact.sarif'],
    outputs: ['out/tact.sarif'],
  },
];

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('killed at random points, a command never leaves a half-written file or a temp file', () => {
  for (const target of TARGETS) {
    it(
      `${target.name}: ${RUNS} runs stopped by SIGINT, SIGTERM, SIGHUP or SIGKILL`,
      async () => {
        const dir = path.join(tmp, target.name.replace(/\W+/g, '-'));
        mkdirSync(path.join(dir, 'out'), { recursive: true });
        cpSync(path.join(ROOT, 'flows'), path.join(dir, 'flows'), { recursive: true });
        const summary = await killLoop(BIN, dir, target, RUNS, SEED);
        console.log(summary.line);
        expect(summary.problems).toEqual([]);
        expect(summary.runs).toHaveLength(RUNS);
      },
      // Bounded: each run is at most a whole run plus the 20 s a write-aimed kill waits.
      RUNS * 25_000 + 60_000,
    );
  }
});

/**
 * A child that raises `signal` at itself in the middle of an atomic write (inside the temp-file
 * write, or between it and the rename), by wrapping node:fs the way a slow disk would be slow.
 */
const MID_WRITE = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const [signal, where, target, ioModule] = process.argv.slice(2);
const real = fs[where];
fs[where] = (...args) => {
  if (String(args[0]).endsWith('.tmp')) process.kill(process.pid, signal);
  return real(...args);
};
syncBuiltinESMExports();
const { writeOutput } = await import(ioModule);
writeOutput(target, JSON.stringify({ whole: true, pad: 'x'.repeat(100000) }));
console.log('the write returned');
`;

describe('a signal in the middle of a write is handled right after it', () => {
  const io = path.join(ROOT, 'dist/cli/io.js');
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    for (const where of ['writeFileSync', 'renameSync']) {
      it(`${signal} during ${where}: the file is whole, no temp file is left, exit ${code}`, async () => {
        const dir = mkdtempSync(path.join(tmp, 'mid-'));
        const target = path.join(dir, 'bot.json');
        writeFileSync(target, '{"old": true}');
        const script = path.join(dir, 'mid-write.mjs');
        writeFileSync(script, MID_WRITE);
        const r = await execa('node', [script, signal, where, target, io], { reject: false });
        expect(r.exitCode).toBe(code);
        expect(r.stdout).toBe('the write returned');
        expect(JSON.parse(readFileSync(target, 'utf8')).whole).toBe(true);
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      });
    }
  }
});
