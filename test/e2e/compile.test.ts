import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compile/compile.js';
import { loadProject } from '../../src/flow/load.js';
import { schemaErrors } from '../compile/helpers.js';
import { runInProcess } from '../helpers/cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/compile/fixtures');
const MULTI = path.join(FIXTURES, 'multi');
const BROKEN = path.join(FIXTURES, 'broken');
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-e2e-compile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `tact ARGS` in this process (test/helpers/cli.ts). */
const tact = (args: string[], cwd = ROOT) => runInProcess(args, { cwd });

describe.concurrent('tact compile', () => {
  it('writes the bot file, prints one summary line and exits 0', async () => {
    const out = path.join(tmp, 'multi/bot.json');
    const r = await tact(['compile', MULTI, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const json = readFileSync(out, 'utf8');
    const bot = JSON.parse(json);
    expect(r.stdout).toBe(`✓ compiled 11 steps from 4 flows → ${out} (${bot.hash.slice(0, 19)}…)\n`);
    expect(schemaErrors(bot)).toEqual([]);
    // The same bytes as the library gives in this process: nothing depends on the run.
    expect(json).toBe(compileProject(loadProject([MULTI], { cwd: ROOT })).json);
  });

  it('writes dist/bot.json under the working directory by default, and --stdout writes the same JSON', async () => {
    const copy = path.join(tmp, 'default-output');
    cpSync(MULTI, copy, { recursive: true });
    const r = await tact(['compile'], copy);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/→ dist\/bot\.json \(sha256-[0-9a-f]{12}…\)\n$/);
    const written = readFileSync(path.join(copy, 'dist/bot.json'), 'utf8');
    const piped = await tact(['compile', '--stdout'], copy);
    expect(piped.exitCode).toBe(0);
    expect(piped.stdout).toBe(written);
  });

  it('prints nothing with --quiet', async () => {
    const r = await tact(['compile', MULTI, '-o', path.join(tmp, 'quiet.json'), '--quiet']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(tmp, 'quiet.json'))).toBe(true);
  });

  it('refuses on lint errors: prints them one per line to stderr, writes nothing, exits 1', async () => {
    const out = path.join(tmp, 'broken.json');
    const r = await tact(['compile', BROKEN, '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^test\/compile\/fixtures\/broken\/flows\/shop\.flow\.yaml:17:11: error unknown-target `goodbye` is not a step of flow `shop`$/m,
    );
    expect(r.stderr).not.toMatch(/warning/);
    expect(r.stderr).toMatch(/compile refused: \d+ lint errors.*--force/);
    expect(existsSync(out)).toBe(false);
  });

  it('compiles anyway with --force, still printing the errors', async () => {
    const out = path.join(tmp, 'forced.json');
    const r = await tact(['compile', BROKEN, '-o', out, '--force']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/error unknown-target/);
    expect(r.stdout).toMatch(/^✓ compiled 4 steps from 1 flow → /);
    expect(JSON.parse(readFileSync(out, 'utf8')).steps['shop/thanks'].next).toBe('shop/goodbye');
  });

  it('takes --rule overrides like lint', async () => {
    const r = await tact([
      'compile',
      BROKEN,
      '--stdout',
      '--rule',
      'unknown-target=off',
      '--rule',
      'human-exit=warn',
    ]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).entry).toBe('shop/greet');
  });

  it('refuses several flows without an entry, saying to set `entry:`, exit 1', async () => {
    const r = await tact(['compile', path.join(FIXTURES, 'no-entry'), '--stdout']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/entry:/);
  });

  it('exits 2 on a path that does not exist', async () => {
    const r = await tact(['compile', path.join(tmp, 'nope')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no such file or folder/);
  });

  it('documents options, exit codes and examples in --help', async () => {
    const r = await tact(['compile', '--help']);
    expect(r.exitCode).toBe(0);
    for (const text of ['--output', '--stdout', '--force', '--rule', '--config', 'Exit codes:', 'Examples:'])
      expect(r.stdout).toContain(text);
  });
});
