import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tact } from './helpers.js';

const asRoot = process.getuid?.() === 0;
let tmp: string;
let server: Server | undefined;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tact-discover-'));
  chmodSync(tmp, 0o755);
});
afterAll(() => {
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the example project (config and six flows) in a fresh folder under tmp. */
function project(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(ROOT, 'flows'), dir, { recursive: true });
  return dir;
}

/** What lint says of an untouched copy of the example project (config, flows and personas). */
const CLEAN = `✓ ${readdirSync(path.join(ROOT, 'flows'), { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f))).length} files checked: no problems\n`;

/** The time the run itself took (`--debug` prints it), without node's start-up. */
const doneIn = (stderr: string) => Number(/tact: done in (\d+) ms/.exec(stderr)?.[1] ?? Number.NaN);
/**
 * The run time of lint on an untouched copy, measured now: "under 2 s" is checked as under 2 s on
 * top of it, so a loaded CI machine does not fail what a loop or a hang (minutes) would.
 */
async function cleanRunMs(): Promise<number> {
  const r = await tact(['lint', project('clean-' + Math.random().toString(36).slice(2)), '--debug']);
  return doneIn(r.stderr);
}
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('tact: warning:'));

describe('discovery never loops and never opens what is not a file', () => {
  it('a symbolic link loop (ln -s .. flows/up) is skipped with a warning, and the run takes under 2 s', async () => {
    const dir = project('loop');
    symlinkSync('..', path.join(dir, 'up'));
    mkdirSync(path.join(dir, 'deep/er'), { recursive: true });
    symlinkSync('../../..', path.join(dir, 'deep/er/top'));
    symlinkSync('self.flow.yaml', path.join(dir, 'self.flow.yaml'));
    // A hang fails at the timeout; before the fix this ran for minutes and took gigabytes.
    const r = await tact(['lint', 'loop', '--debug'], { cwd: tmp, timeout: 30_000 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(CLEAN);
    expect(warnings(r.stderr)).toEqual([
      'tact: warning: skipped loop/deep/er/top: a link to ., a folder that holds it (a loop)',
      'tact: warning: skipped loop/self.flow.yaml: a symbolic link that loops',
      'tact: warning: skipped loop/up: a link to ., a folder that holds it (a loop)',
    ]);
    expect(doneIn(r.stderr)).toBeLessThan(2000 + (await cleanRunMs()));
  });

  it('a link to a folder or a file read already is read once', async () => {
    const dir = project('twice');
    symlinkSync('.', path.join(dir, 'again'));
    symlinkSync('main.flow.yaml', path.join(dir, 'zz-main.flow.yaml'));
    const outside = project('elsewhere-twice');
    symlinkSync(outside, path.join(dir, 'shared'));
    const r = await tact(['lint', 'twice', 'elsewhere-twice', '-f', 'compact'], { cwd: tmp });
    expect(warnings(r.stderr)).toEqual([
      'tact: warning: skipped twice/again: a link to twice, a folder that holds it (a loop)',
      'tact: warning: skipped twice/zz-main.flow.yaml: the same file as twice/main.flow.yaml',
    ]);
    // The linked folder is read once, through the link: its flows are the same flows again.
    expect(r.stdout).toMatch(/duplicate-flow/);
    expect(r.stdout).not.toMatch(/elsewhere-twice\//);
  });

  it('a FIFO, a socket and a device with flow names are skipped with a warning naming each, in under 2 s', async () => {
    const dir = project('special');
    execFileSync('mkfifo', [path.join(dir, 'x.flow.yaml')]);
    execFileSync('mkfifo', [path.join(dir, 'y.persona.yaml')]);
    execFileSync('mkfifo', [path.join(dir, 'not-a-flow.txt')]);
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(path.join(dir, 's.flow.yaml'), resolve));
    if (asRoot) execFileSync('mknod', [path.join(dir, 'd.flow.yaml'), 'c', '1', '3']);
    const r = await tact(['lint', 'special', '--debug'], { cwd: tmp, timeout: 30_000 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(CLEAN);
    expect(warnings(r.stderr)).toEqual([
      ...(asRoot ? ['tact: warning: skipped special/d.flow.yaml: it is a device, not a file'] : []),
      'tact: warning: skipped special/s.flow.yaml: it is a socket, not a file',
      'tact: warning: skipped special/x.flow.yaml: it is a FIFO (named pipe), not a file',
      'tact: warning: skipped special/y.persona.yaml: it is a FIFO (named pipe), not a file',
    ]);
    expect(doneIn(r.stderr)).toBeLessThan(2000 + (await cleanRunMs()));
    expect(lstatSync(path.join(dir, 'x.flow.yaml')).isFIFO()).toBe(true);
  });

  it('a FIFO given by name is exit 2 at once, not a hang', async () => {
    const fifo = path.join(tmp, 'given.flow.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const command of ['lint', 'compile', 'graph', 'chat']) {
      const r = await tact([command, 'given.flow.yaml'], { cwd: tmp, timeout: 30_000 });
      expect(r.exitCode, command).toBe(2);
      expect(r.stderr).toBe(
        'tact: given.flow.yaml is a FIFO (named pipe), not a file (give flow files or the folders that hold them)\n',
      );
    }
  });
});

describe('the config file, said plainly', () => {
  it('a tact.config.yaml that is a folder is exit 2, not passed over', async () => {
    const dir = project('config-folder');
    rmSync(path.join(dir, 'tact.config.yaml'));
    mkdirSync(path.join(dir, 'tact.config.yaml'));
    const r = await tact(['compile', 'config-folder', '-o', 'out.json'], { cwd: tmp });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'tact: cannot read the config config-folder/tact.config.yaml: it is a folder, not a file (tact reads the project config from there: fix it, or name another with --config)\n',
    );
  });

  it('a tact.config.yaml that is a FIFO is exit 2 at once', async () => {
    const dir = project('config-fifo');
    rmSync(path.join(dir, 'tact.config.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'tact.config.yaml')]);
    const r = await tact(['lint', 'config-fifo'], { cwd: tmp, timeout: 30_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'tact: cannot read the config config-fifo/tact.config.yaml: it is a FIFO (named pipe), not a file (tact reads the project config from there: fix it, or name another with --config)\n',
    );
  });

  it('--config naming a folder or nothing is exit 2', async () => {
    project('config-flag');
    let r = await tact(['lint', 'config-flag', '--config', 'config-flag'], { cwd: tmp });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'tact: cannot read the config config-flag: it is a folder, not a file (check the --config path)\n',
    );
    r = await tact(['lint', 'config-flag', '--config', 'nope.yaml'], { cwd: tmp });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('tact: config file not found: nope.yaml (check the --config path)\n');
  });

  it('several flows and no config at all: compile says where it looked for one', async () => {
    const dir = path.join(tmp, 'no-config');
    mkdirSync(dir);
    for (const f of ['main.flow.yaml', 'retail.flow.yaml'])
      cpSync(path.join(ROOT, 'flows', f), path.join(dir, f));
    const r = await tact(['compile', 'no-config', '-o', 'x.json', '--force'], { cwd: tmp });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /tact: the bot has 2 flows and no entry step \(no tact\.config\.yaml in no-config or a folder above it: create one with `entry: main\/greet`\)\n$/,
    );
  });
});

// Root reads everything: these run as nobody, so the files really are unreadable.
const asNobody = (args: string[]) =>
  execa('node', [BIN, ...args], {
    cwd: tmp,
    reject: false,
    env: { NO_COLOR: '1' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });

describe('files that cannot be read are all named, and nothing is drawn without them', () => {
  it('an unreadable config is exit 2 with the reason', async () => {
    const dir = project('config-locked');
    chmodSync(path.join(dir, 'tact.config.yaml'), 0o000);
    const r = await asNobody(['lint', 'config-locked']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'tact: cannot read the config config-locked/tact.config.yaml: permission denied (tact reads the project config from there: fix it, or name another with --config)',
    );
  });

  it('lint and graph name every unreadable file and folder (exit 2)', async () => {
    const dir = project('locked');
    chmodSync(path.join(dir, 'retail.flow.yaml'), 0o000);
    mkdirSync(path.join(dir, 'private'), { mode: 0o000 });
    for (const command of ['lint', 'graph']) {
      const r = await asNobody([command, 'locked']);
      expect(r.exitCode, command).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'tact: cannot read 2 files and folders: locked/private (permission denied), locked/retail.flow.yaml (permission denied) (fix their permissions, or leave them out)',
      );
    }
    chmodSync(path.join(dir, 'private'), 0o755);
  });

  it('graph will not draw the project without a flow file it could not read as YAML', async () => {
    const dir = project('broken');
    writeFileSync(path.join(dir, 'broken.flow.yaml'), 'flow: broken\nsteps: [\n');
    writeFileSync(path.join(dir, 'list.flow.yaml'), '- just\n- a list\n');
    const r = await tact(['graph', 'broken'], { cwd: tmp });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^tact: cannot draw 2 flow files:\n {2}broken\/broken\.flow\.yaml:\d+:\d+ YAML syntax: .+\n {2}broken\/list\.flow\.yaml:1:1 a flow file must be a map with `flow` and `steps` \(fix them first; `tact lint` shows every problem\)\n$/,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
