import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { ROOT, spawnTact } from './helpers.js';

// Every command, and every output format, once through bin/tact.js in a process of its own, as a
// user runs it. The other e2e tests run the same CLI in process (test/helpers/cli.ts); here each
// spawned run is also compared with the in-process run of the same command line, so what those
// tests see is what a user sees.

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-smoke-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Spawn `tact ARGS`, run it in process too, and expect the same stdout, stderr and exit code. */
async function both(args: string[], options: { cwd?: string; input?: string } = {}) {
  const spawned = await spawnTact(args, options);
  const inProcess = await runInProcess(args, options);
  expect(inProcess, `tact ${args.join(' ')} in process`).toEqual(spawned);
  return spawned;
}

describe('tact, spawned: each command and format once', () => {
  it('--version and --help', async () => {
    const version = await both(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toBe(
      `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`,
    );
    const help = await both(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tact \[options\] \[command\]\n/);
  });

  it('lint (stylish) of the example is clean: exit 0', async () => {
    const r = await both(['lint', 'flows']);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^✓ \d+ files checked: no problems\n$/);
  });

  for (const format of ['stylish', 'compact', 'json', 'sarif', 'junit', 'github']) {
    it(`lint --format ${format} of a broken fixture: exit 1`, async () => {
      const r = await both(['lint', 'fixtures/human-exit', '--format', format]);
      expect([r.exitCode, r.stderr]).toEqual([1, '']);
      expect(r.stdout).toContain('human-exit');
      if (format === 'json' || format === 'sarif') expect(() => JSON.parse(r.stdout)).not.toThrow();
      if (format === 'junit') expect(r.stdout).toMatch(/^<\?xml/);
      if (format === 'github') expect(r.stdout).toMatch(/^::error file=fixtures\/human-exit\//m);
    });
  }

  it('compile -o writes the bot file: exit 0', async () => {
    const out = path.join(tmp, 'bot.json');
    const r = await spawnTact(['compile', 'flows', '-o', out]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^✓ compiled \d+ steps from \d+ flows → /);
    const spawned = readFileSync(out, 'utf8');
    const again = await runInProcess(['compile', 'flows', '-o', out]);
    expect(again).toEqual(r);
    expect(readFileSync(out, 'utf8')).toBe(spawned);
    expect(JSON.parse(spawned).format).toBe('tact-bot');
  });

  it('simulate --report with the scripted engine: exit 0, the report written', async () => {
    const report = path.join(tmp, 'sim');
    const r = await spawnTact(['simulate', 'flows', '--report', report]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/\n\d+ conversations: \d+ passed, 0 failed \(100%\)/);
    expect(readdirSync(report).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'transcripts']);
    const summary = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8')).summary;
    const again = await runInProcess(['simulate', 'flows', '--report', path.join(tmp, 'sim-2')]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toBe(r.stdout.replaceAll(report, path.join(tmp, 'sim-2')));
    expect(JSON.parse(readFileSync(path.join(tmp, 'sim-2/report.json'), 'utf8')).summary).toEqual(summary);
  });

  it('chat with piped input, as text and as --json', async () => {
    const text = await both(['chat', 'flows'], { input: 'I want a real person\n' });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^bot: /);
    expect(text.stdout).toMatch(/\[handoff → queue [^\]]+\]\n$/);
    const json = await both(['chat', 'flows', '--json'], { input: 'I want a real person\n' });
    expect(json.exitCode).toBe(0);
    for (const line of json.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('graph as Mermaid and as dot', async () => {
    const mermaid = await both(['graph', 'flows']);
    expect(mermaid.exitCode).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart TD\n/);
    const dot = await both(['graph', 'flows', '--format', 'dot']);
    expect(dot.exitCode).toBe(0);
    expect(dot.stdout).toMatch(/^digraph tact \{/);
  });

  it('init writes a starter project that lints', async () => {
    const dir = path.join(tmp, 'starter');
    const r = await spawnTact(['init', dir]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    const lint = await spawnTact(['lint'], { cwd: dir });
    expect(lint.exitCode, lint.stdout).toBe(0);
  });

  it('rules as text and as json', async () => {
    const text = await both(['rules']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('human-exit');
    const json = await both(['rules', '--format', 'json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).map((r: { id: string }) => r.id)).toContain('human-exit');
  });

  it('a bad flag: one line on stderr, exit 2', async () => {
    const r = await both(['lint', '--format', 'xml']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
