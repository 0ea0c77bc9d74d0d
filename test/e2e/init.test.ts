import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tact } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tact init', () => {
  const dir = path.join(tmp, 'my-shop');

  it('writes a starter project that lints clean under every rule and compiles', async () => {
    const r = await tact(['init', dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/✓ wrote 5 files/);
    for (const f of ['tact.config.yaml', 'flows/help.flow.yaml', '.github/workflows/tact.yml'])
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
    expect(workflow).toContain('run: npx tact simulate --quiet --report sim-report');
    expect(workflow).toMatch(/name: simulation\n {10}path: sim-report\//);
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
