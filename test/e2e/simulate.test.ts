import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tact } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-sim-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const readReport = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
const PERSONAS = [
  'angry-damaged-item',
  'angry-wants-person',
  'anxious-card-fraud',
  'anxious-lost-card',
  'calm-dispute',
  'calm-late-parcel',
  'confused-plan-change',
  'frustrated-freeze-fails',
  'frustrated-gym-membership',
  'happy-new-dates',
  'impatient-outage',
  'sad-no-rooms',
];

describe('tact simulate on the example bot', () => {
  it('every persona passes with the scripted player; one line per conversation, then the summary', async () => {
    const dir = path.join(tmp, 'example');
    const r = await tact(['simulate', 'flows', '--report', dir]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    for (const id of PERSONAS)
      expect(
        lines.some((l) => l.startsWith(`✓ ${id}#1 `)),
        id,
      ).toBe(true);
    expect(r.stdout).toContain('tact simulate · acme-support · scripted · 12 personas × 1 run');
    expect(r.stdout).toMatch(/^coverage: steps \d+\/60 \(\d+%\), routes \d+\/\d+ \(\d+%\)$/m);
    expect(r.stdout).toMatch(/^12 conversations: 12 passed, 0 failed \(100%\)/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`report: ${path.join(dir, 'report.html')}`);
    const report = readReport(dir);
    expect(report.summary).toMatchObject({ conversations: 12, passed: 12, failed: 0, errors: 0 });
    expect(report.personas.map((p: { id: string }) => p.id)).toEqual(PERSONAS);
    // Personal data never reaches a report unless asked for.
    const text = readFileSync(path.join(dir, 'report.json'), 'utf8');
    expect(text).not.toContain('sam.k@example.com');
    expect(text).toContain('[hidden: email]');
  });

  it('a bot.json edited after compile is refused (exit 2), and runs with --allow-changed and a warning', async () => {
    const bot = path.join(tmp, 'edited.json');
    expect((await tact(['compile', 'flows', '-o', bot, '-q'])).exitCode).toBe(0);
    const json = JSON.parse(readFileSync(bot, 'utf8'));
    json.name = 'edited';
    writeFileSync(bot, JSON.stringify(json));
    const refused = await tact(['simulate', bot, '--personas', 'flows/personas', '-q']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^tact: Changed bot file: its "hash" sha256-\S+ does not match its content \(sha256-\S+\): it was edited after `tact compile`\. \(compile it again with `tact compile`, or simulate with it anyway with --allow-changed\)\n$/,
    );
    const allowed = await tact(['simulate', bot, '--personas', 'flows/personas', '-q', '--allow-changed']);
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stderr).toMatch(
      /^tact: warning: Changed bot file: its "hash" sha256-\S+ does not match its content \(sha256-\S+\): it was edited after `tact compile`\.\n$/,
    );
    expect(allowed.stdout).toContain('12 conversations: 12 passed, 0 failed (100%)');
  });

  it('the same conversations from a compiled bot.json, and whatever the number of workers', async () => {
    const bot = path.join(tmp, 'bot.json');
    expect((await tact(['compile', 'flows', '-o', bot, '-q'])).exitCode).toBe(0);
    const fromFlows = path.join(tmp, 'w1');
    const fromBot = path.join(tmp, 'w2');
    const a = await tact([
      'simulate',
      'flows',
      '--runs',
      '15',
      '--workers',
      '1',
      '-q',
      '--report',
      fromFlows,
    ]);
    const b = await tact([
      'simulate',
      bot,
      '--personas',
      'flows/personas',
      '--runs',
      '15',
      '--workers',
      '2',
      '-q',
      '--report',
      fromBot,
    ]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(readFileSync(path.join(fromBot, 'report.json'), 'utf8')).toBe(
      readFileSync(path.join(fromFlows, 'report.json'), 'utf8'),
    );
  });

  it('shards run every conversation once and merge into the report of the whole run', async () => {
    const whole = path.join(tmp, 'whole');
    await tact(['simulate', 'flows', '--runs', '3', '-q', '--report', whole]);
    for (const i of [1, 2, 3])
      expect(
        (
          await tact([
            'simulate',
            'flows',
            '--runs',
            '3',
            '--shard',
            `${i}/3`,
            '-q',
            '--report',
            path.join(tmp, `s${i}`),
          ])
        ).exitCode,
      ).toBe(0);
    const merged = path.join(tmp, 'merged');
    const m = await tact([
      'simulate',
      'merge',
      ...[1, 2, 3].map((i) => path.join(tmp, `s${i}`)),
      '--report',
      merged,
    ]);
    expect(m.exitCode).toBe(0);
    expect(m.stdout).toMatch(/^36 conversations: 36 passed, 0 failed \(100%\)/m);
    const a = readReport(whole);
    const b = readReport(merged);
    expect(b.conversations).toEqual(a.conversations);
    expect(b.summary).toEqual(a.summary);
    expect(b.coverage).toEqual(a.coverage);
  });

  it('Ctrl-C stops new conversations, writes the report of those finished and exits 130', async () => {
    const dir = path.join(tmp, 'stopped');
    const child = spawn(
      'node',
      [BIN, 'simulate', 'flows', '--runs', '2000', '--workers', '1', '--report', dir],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.split('\n').length > 20 && !child.killed) child.kill('SIGINT');
      });
      child.on('close', (c) => resolve(c));
    });
    expect(code).toBe(130);
    expect(err).toContain('tact: stopping: no new conversations; Ctrl-C again to quit at once');
    const report = readReport(dir);
    expect(report.summary.conversations).toBeGreaterThan(0);
    expect(report.summary.notRun).toBe(24000 - report.summary.conversations);
    expect(out).toMatch(/not run \(stopped\)/);
  }, 120_000);
});

describe('tact simulate finds a trap and says where', () => {
  it('lint errors refuse the run', async () => {
    const r = await tact(['simulate', 'fixtures/simulate-trap']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      'tact: simulate refused: 3 lint errors (fix them, or simulate anyway with --force)',
    );
  });

  it('with --force the angry customer fails, and the failure names the expectation and the turn', async () => {
    const dir = path.join(tmp, 'trap');
    const r = await tact(['simulate', 'fixtures/simulate-trap', '--force', '--report', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      [
        '✗ angry-wants-person#1           angry      abandoned: the customer gave up at turn 3',
        '    outcome: expected outcome handoff, got abandoned: the customer gave up at turn 3 (turn 3)',
        '    human_within: asked for a person at turn 1, but no handoff came (expected within 2) (turn 3)',
      ].join('\n'),
    );
    expect(r.stdout).toMatch(/^1 conversation: 0 passed, 1 failed \(0%\) · 3 tone mismatches$/m);
    const [c] = readReport(dir).conversations;
    expect(c.toneMismatches[0]).toMatchObject({ turn: 1, step: 'shop/cheer' });
    expect(
      c.expectations
        .filter((e: { passed: boolean }) => e.passed === false)
        .map((e: { name: string }) => e.name),
    ).toEqual(['outcome', 'human_within']);
  });
});

describe('tact simulate: bad input is exit 2 with what to do', () => {
  it('no personas', async () => {
    const dir = path.join(tmp, 'no-personas');
    cpSync(path.join(ROOT, 'flows'), dir, { recursive: true, filter: (src) => !src.includes('personas') });
    const r = await tact(['simulate', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `tact: no personas in ${dir} (write *.persona.yaml files (see docs/simulation.md), or give their folder with --personas)\n`,
    );
  });

  it('no personas in flows/ of a project tact init wrote: says they are in personas/', async () => {
    expect((await tact(['init', 'fresh', '--yes'], { cwd: tmp })).exitCode).toBe(0);
    const r = await tact(['simulate', 'flows'], { cwd: path.join(tmp, 'fresh') });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'tact: no personas in flows (personas/ was not among the paths: run `tact simulate` for the whole project, or add --personas personas)\n',
    );
    expect(
      (await tact(['simulate', 'flows', '--personas', 'personas', '-q'], { cwd: path.join(tmp, 'fresh') }))
        .exitCode,
    ).toBe(0);
  });

  it('an unknown --persona lists those there are', async () => {
    const r = await tact(['simulate', 'flows', '--persona', 'nobody']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`tact: no persona \`nobody\` (personas: ${PERSONAS.join(', ')})\n`);
  });

  it('a compiled bot without --personas', async () => {
    const bot = path.join(tmp, 'bot2.json');
    await tact(['compile', 'flows', '-o', bot, '-q']);
    const r = await tact(['simulate', bot]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'tact: a compiled bot needs --personas (give the folder of your *.persona.yaml files)\n',
    );
  });

  it('a bad --shard', async () => {
    const r = await tact(['simulate', 'flows', '--shard', '3/2']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      "tact: option '--shard <i/n>' argument '3/2' is invalid. expected I/N with 1 ≤ I ≤ N, e.g. 2/4, got \"3/2\" (see --help)\n",
    );
  });

  it('merge of a folder with no report', async () => {
    const r = await tact(['simulate', 'merge', tmp, '--report', path.join(tmp, 'm')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `tact: cannot read ${path.join(tmp, 'report.json')}: ENOENT (give folders written by \`tact simulate --report\`)\n`,
    );
    expect(existsSync(path.join(tmp, 'm'))).toBe(false);
  });
});

describe('tact simulate --help', () => {
  it('lists every option, the exit codes and examples', async () => {
    const r = await tact(['simulate', '--help']);
    for (const o of [
      '--personas',
      '--persona',
      '--engine',
      '--runs',
      '--seed',
      '--concurrency',
      '--workers',
      '--max-turns',
      '--shard',
      '--report',
      '--show-personal',
      '--force',
      '--quiet',
      '--rule',
      '--config',
      'Exit codes:',
      'Examples:',
    ])
      expect(r.stdout, o).toContain(o);
  });
});

describe('a persona is a world for tact chat', () => {
  it('tact chat --world takes a persona file, as its --help shows', async () => {
    const r = await tact(['chat', 'flows', '--world', 'flows/personas/calm-late-parcel.persona.yaml'], {
      input: "Return or refund\nCD654321\nIt hasn't arrived\npriya@example.com\n",
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('[action check_refund → {"refund_eligible":false}]');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      '[handoff → queue returns: the flow led from retail/not_eligible to retail/returns_team]',
    );
  });
});
