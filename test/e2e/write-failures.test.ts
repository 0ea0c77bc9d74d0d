import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, spawnTact, tact } from './helpers.js';

const asRoot = process.getuid?.() === 0;
let tmp: string;
let project: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tact-writes-'));
  project = path.join(tmp, 'project');
  cpSync(path.join(ROOT, 'flows'), project, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

// Device nodes of our own (same numbers as /dev/null and /dev/full) in the test's folder: if the
// code ever replaced a device, it would replace this copy, never the machine's.
describe.skipIf(!asRoot)(
  'devices given to -o are written in place, never replaced (private device nodes)',
  () => {
    it('-o onto a null device leaves it a character device', async () => {
      const dev = path.join(tmp, 'null');
      execFileSync('mknod', [dev, 'c', '1', '3']);
      for (const args of [
        ['lint', project, '-o', dev],
        ['compile', project, '-o', dev],
        ['graph', project, '-o', dev],
      ]) {
        const r = await tact(args);
        expect(r.exitCode, args[0]).toBe(0);
        expect(lstatSync(dev).isCharacterDevice()).toBe(true);
      }
      expect(temps(tmp)).toEqual([]);
    });

    it('a device that is full (as /dev/full) is exit 2 with one line, and stays a device', async () => {
      const dev = path.join(tmp, 'full');
      execFileSync('mknod', [dev, 'c', '1', '7']);
      const r = await tact(['compile', project, '-o', dev]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toBe(
        `tact: cannot write ${dev}: the disk is full (free some space, or write somewhere else)\n`,
      );
      expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    });
  },
);

describe('a FIFO with a slow reader', () => {
  it('gets the whole bot file (more than the pipe holds), and stays a FIFO', async () => {
    const fifo = path.join(tmp, 'slow.fifo');
    execFileSync('mkfifo', [fifo]);
    const got = path.join(tmp, 'slow.out');
    // The reader opens the FIFO at once but reads only a second later: the pipe fills up first.
    const reader = spawn('sh', ['-c', `exec 3<"${fifo}"; sleep 1; cat <&3 > "${got}"`]);
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const r = await tact(['compile', project, '-o', fifo, '-q']);
    await closed;
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const whole = await tact(['compile', project, '--stdout']);
    expect(readFileSync(got, 'utf8')).toBe(whole.stdout);
    expect(whole.stdout.length).toBeGreaterThan(65536);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

/** A small tmpfs to fill up; needs root and a kernel that lets this container mount. */
function mountSmallDisk(dir: string): boolean {
  if (!asRoot) return false;
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
}

describe('a full disk on the atomic path', () => {
  const disk = path.join(tmpdir(), `tact-full-disk-${process.pid}`);
  const mounted = mountSmallDisk(disk);
  afterAll(() => {
    if (mounted) spawnSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  it.skipIf(!mounted)(
    'is exit 2 with one line; the old file is kept whole and no temp file is left',
    async () => {
      const out = path.join(disk, 'bot.json');
      writeFileSync(out, '{"old": true}\n');
      // Fill the rest of the disk.
      spawnSync('dd', ['if=/dev/zero', `of=${path.join(disk, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
      const r = await tact(['compile', project, '-o', out]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toBe(
        `tact: cannot write ${out}: the disk is full (free some space, or write somewhere else)\n`,
      );
      expect(readFileSync(out, 'utf8')).toBe('{"old": true}\n');
      expect(temps(disk)).toEqual([]);
    },
  );
});

describe('temp files of runs that were killed outright are swept by the next write', () => {
  it('removes the temp files of a dead process, and keeps those of a live one and of other outputs', async () => {
    const dir = path.join(tmp, 'sweep');
    mkdirSync(dir);
    // A pid that is surely dead: a child that has exited.
    const dead = spawnSync('true').pid;
    const stale = `.bot.json.${dead}.0badc0de.tmp`;
    const live = `.bot.json.${process.pid}.00c0ffee.tmp`;
    const ancient = `.bot.json.1.0decade0.tmp`;
    const other = `.report.json.${dead}.0badc0de.tmp`;
    for (const f of [stale, live, ancient, other]) writeFileSync(path.join(dir, f), '{"half":');
    // pid 1 is alive, but a temp file two days old is no write in progress.
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(path.join(dir, ancient), twoDaysAgo, twoDaysAgo);
    // A process of its own: the test's pid stands for a live run that is not this one.
    const r = await spawnTact(['compile', project, '-o', path.join(dir, 'bot.json'), '-q']);
    expect(r.exitCode).toBe(0);
    expect(temps(dir).sort()).toEqual([live, other].sort());
    expect(JSON.parse(readFileSync(path.join(dir, 'bot.json'), 'utf8')).format).toBe('tact-bot');
  });
});

describe('a closed pipe ends the run quietly (EPIPE)', () => {
  it('`tact --help | head -1` prints one line and no error', () => {
    const first = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${BIN} --help | head -1`], {
      encoding: 'utf8',
    });
    expect(first.stdout).toBe('Usage: tact [options] [command]\n');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // `| true` has closed the pipe before tact writes: every write is an EPIPE.
    for (const cmd of [
      `node ${BIN} --help | true`,
      `node ${BIN} lint --help | true`,
      `node ${BIN} rules | true`,
      `node ${BIN} compile ${project} --stdout | head -c 100 >/dev/null`,
      `node ${BIN} graph ${project} | true`,
    ]) {
      const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { encoding: 'utf8' });
      expect(r.stderr, cmd).toBe('');
      expect(r.status, cmd).toBe(0);
    }
  });

  it('a big report into a closed pipe keeps the exit code of the run', () => {
    const broken = path.join(tmp, 'epipe');
    cpSync(project, broken, { recursive: true });
    writeFileSync(
      path.join(broken, 'loop.flow.yaml'),
      'flow: loop\nsteps:\n  a:\n    say: hi\n    next: missing\n',
    );
    const r = spawnSync(
      'bash',
      ['-c', `node ${BIN} lint ${broken} --format json | true; exit \${PIPESTATUS[0]}`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(existsSync(path.join(broken, 'loop.flow.yaml'))).toBe(true);
  });
});
