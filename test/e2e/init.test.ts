import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, tact } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tact init', () => {
  const dir = path.join(tmp, 'my-shop');

  it('writes a starter project that lints clean under every rule and compiles', async () => {
    const r = await tact(['init', dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      `✓ wrote 7 files in ${dir} (a retail bot on chat)\n  next: cd ${dir} && npm install   then: npm run lint   npm run simulate   npx tact chat\n`,
    );
    for (const f of [
      'package.json',
      '.gitignore',
      'tact.config.yaml',
      'flows/help.flow.yaml',
      '.github/workflows/tact.yml',
    ])
      expect(statSync(path.join(dir, f)).isFile()).toBe(true);
    expect(readFileSync(path.join(dir, 'tact.config.yaml'), 'utf8')).toMatch(/^name: my-shop$/m);
    const lint = await tact(['lint', dir, '--format', 'json']);
    expect(lint.exitCode).toBe(0);
    expect(JSON.parse(lint.stdout).findings).toEqual([]);
    const compiled = await tact(['compile', dir, '--stdout']);
    expect(compiled.exitCode).toBe(0);
    expect(JSON.parse(compiled.stdout).name).toBe('my-shop');
  });

  it('its personas pass at once, over many seeds, and its workflow simulates and keeps the reports', async () => {
    const r = await tact(['simulate', dir, '--runs', '10', '--quiet', '--report', path.join(tmp, 'sim')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^20 conversations: 20 passed, 0 failed \(100%\)/m);
    const workflow = readFileSync(path.join(dir, '.github/workflows/tact.yml'), 'utf8');
    expect(workflow).toContain('run: npm run simulate -- --quiet');
    expect(workflow).toMatch(
      /name: simulation\n {10}path: \|\n {12}sim-report\/junit\.xml\n {12}sim-report\/report\.html\n/,
    );
  });

  it("runs its workflow's steps as written, in order, with this checkout as tact, and they are green", async () => {
    // package.json asks for tact by its published name and version; the install step is replaced
    // by what `npm link tact` does: node_modules/tact is this checkout, node_modules/.bin/tact its bin.
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const ours = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toEqual({ [ours.name]: `^${ours.version}` });
    expect(pkg.scripts).toEqual({
      lint: 'tact lint',
      simulate: 'tact simulate --engine scripted --report sim-report',
      compile: 'tact compile --output dist/bot.json',
    });
    const workflow = parse(readFileSync(path.join(dir, '.github/workflows/tact.yml'), 'utf8'));
    const steps: { run?: string; uses?: string; with?: Record<string, string> }[] = workflow.jobs.flows.steps;
    const runs = steps.filter((s) => s.run !== undefined).map((s) => s.run as string);
    expect(runs).toEqual([
      'if [ -f package-lock.json ]; then npm ci; else npm install; fi',
      'npm run lint -- --format sarif --output tact.sarif',
      'npm run simulate -- --quiet',
      'npm run compile',
    ]);
    mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(ROOT, path.join(dir, 'node_modules/tact'), 'dir');
    symlinkSync('../tact/bin/tact.js', path.join(dir, 'node_modules/.bin/tact'));
    for (const run of runs.slice(1)) {
      const r = await execa('bash', ['-e', '-c', run], {
        cwd: dir,
        reject: false,
        env: { CI: 'true', NO_COLOR: '1', npm_config_update_notifier: 'false' },
        timeout: 60_000,
      });
      expect({ run, exitCode: r.exitCode, stderr: r.stderr }).toEqual({ run, exitCode: 0, stderr: '' });
    }
    const sarif = JSON.parse(readFileSync(path.join(dir, 'tact.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toEqual([]);
    // What the upload steps publish is there: the SARIF file, the reports, the bot.
    const uploaded = steps.flatMap((s) =>
      s.uses?.startsWith('actions/upload-artifact') ? (s.with?.path ?? '').split('\n').filter(Boolean) : [],
    );
    expect(uploaded).toEqual([
      'sim-report/junit.xml',
      'sim-report/report.html',
      'sim-report/transcripts/',
      'dist/bot.json',
    ]);
    for (const p of uploaded) expect(statSync(path.join(dir, p)).size).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'sim-report/junit.xml'), 'utf8')).toMatch(
      /<testsuites [^>]*failures="0"/,
    );
    expect(JSON.parse(readFileSync(path.join(dir, 'dist/bot.json'), 'utf8')).name).toBe('my-shop');
    rmSync(path.join(dir, 'node_modules'), { recursive: true });
  });

  it('the starter bot hands a customer who asks for a person to one', async () => {
    const r = await tact(['chat', dir], { input: 'I want to talk to a real person\n' });
    expect(r.stdout).toMatch(/\[handoff → queue general/);
  });

  it('leaves existing files alone without --force, and says which', async () => {
    const flow = path.join(dir, 'flows/help.flow.yaml');
    writeFileSync(flow, '# mine\n');
    const r = await tact(['init', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/these files exist already: .*flows\/help\.flow\.yaml/);
    expect(readFileSync(flow, 'utf8')).toBe('# mine\n');
    expect((await tact(['init', dir, '--force', '--quiet'])).exitCode).toBe(0);
    expect(readFileSync(flow, 'utf8')).toMatch(/^flow: help$/m);
  });
});

describe('tact init with options', () => {
  it('--industry and --channel pick the starter and ask nothing; a value it does not know is refused', async () => {
    const dir = path.join(tmp, 'bank');
    const r = await tact(['init', dir, '--industry', 'banking', '--channel', 'voice', '--quiet']);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(readFileSync(path.join(dir, 'tact.config.yaml'), 'utf8')).toMatch(
      /^name: bank\n[\s\S]*^channel: voice$/m,
    );
    expect(readFileSync(path.join(dir, 'flows/help.flow.yaml'), 'utf8')).toContain('queue: cards');
    const bad = await tact(['init', path.join(tmp, 'other'), '--industry', 'mining']);
    expect([bad.exitCode, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toBe(
      `tact: option '--industry <retail|banking|telecom|travel>' argument 'mining' is invalid. expected one of retail, banking, telecom, travel, got "mining" (see --help)\n`,
    );
  });
});
