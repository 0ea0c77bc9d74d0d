import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tact } from './helpers.js';

let tmp: string;
let project: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tact-out-'));
  project = path.join(tmp, 'project');
  cpSync(path.join(ROOT, 'flows'), project, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('-o never replaces what is not a regular file, and never an input', () => {
  it('writes into a FIFO in place: it stays a FIFO and the reader gets the report', async () => {
    const fifo = path.join(tmp, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // Open the reading end first (without waiting for a writer), so the reader surely exists.
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const r = await tact(['lint', project, '--format', 'json', '-o', fifo]);
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe('');
      const chunks: Buffer[] = [];
      const buf = Buffer.alloc(65536);
      for (;;) {
        const n = readSync(fd, buf);
        if (n <= 0) break;
        chunks.push(Buffer.from(buf.subarray(0, n)));
      }
      expect(JSON.parse(Buffer.concat(chunks).toString('utf8')).findings).toEqual([]);
    } finally {
      closeSync(fd);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a FIFO nobody reads is exit 2 at once, not a hang', async () => {
    const fifo = path.join(tmp, 'nobody.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await tact(['lint', project, '-o', fifo], { timeout: 10_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `tact: cannot write ${fifo}: nothing is reading from it (start the reader first, or give a regular file)\n`,
    );
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses to write the report over a flow it reads, and leaves the flow as it was', async () => {
    const flow = path.join(project, 'retail.flow.yaml');
    const before = readFileSync(flow, 'utf8');
    for (const args of [
      ['lint', project, '-o', flow],
      ['compile', project, '-o', flow],
      ['graph', project, '-o', flow],
      ['lint', project, '-o', path.join(project, 'tact.config.yaml')],
    ]) {
      const r = await tact(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(
        /^tact: cannot write .+: it is one of the files this run reads \(writing the output there would replace it; give another output path\)\n$/,
      );
    }
    expect(readFileSync(flow, 'utf8')).toBe(before);
    expect(leftovers(project)).toEqual([]);
  });

  it('refuses an input reached through a symbolic link too', async () => {
    const link = path.join(tmp, 'link-to-flow.yaml');
    symlinkSync(path.join(project, 'main.flow.yaml'), link);
    const before = readFileSync(path.join(project, 'main.flow.yaml'), 'utf8');
    const r = await tact(['lint', project, '-o', link]);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(path.join(project, 'main.flow.yaml'), 'utf8')).toBe(before);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('writes through a symbolic link to its target, and the link stays a link', async () => {
    const real = path.join(tmp, 'real-report.json');
    writeFileSync(real, 'old');
    const link = path.join(tmp, 'report-link.json');
    symlinkSync(real, link);
    const r = await tact(['lint', project, '--format', 'json', '-o', link]);
    expect(r.exitCode).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(JSON.parse(readFileSync(real, 'utf8')).findings).toEqual([]);
    expect(leftovers(tmp)).toEqual([]);
  });

  it('an output path under a file is exit 2 with one clear line', async () => {
    const file = path.join(tmp, 'README.md');
    writeFileSync(file, '# hi\n');
    const r = await tact(['lint', project, '-o', path.join(file, 'x.json')], { cwd: tmp });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `tact: cannot write ${path.join(file, 'x.json')}: README.md is a file, not a folder (give a path whose folders are folders)\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('# hi\n');
  });

  it('a folder as the output is exit 2 and the folder is untouched', async () => {
    const dir = path.join(tmp, 'a-folder');
    mkdirSync(dir);
    const r = await tact(['compile', project, '-o', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`tact: cannot write ${dir}: it is a folder (give a file name, e.g. report.json)\n`);
    expect(lstatSync(dir).isDirectory()).toBe(true);
  });

  it('an unwritable folder is exit 2 with one line, not an internal error', async () => {
    const dir = path.join(tmp, 'locked');
    mkdirSync(dir, { mode: 0o555 });
    chmodSync(tmp, 0o755);
    // Root writes anywhere: run as nobody then, so the folder really is unwritable.
    const asRoot = process.getuid?.() === 0;
    const r = await execa('node', [BIN, 'lint', project, '-o', path.join(dir, 'r.json')], {
      reject: false,
      env: { NO_COLOR: '1' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `tact: cannot write ${path.join(dir, 'r.json')}: permission denied (choose a folder you can write to)`,
    );
    expect(existsSync(path.join(dir, 'r.json'))).toBe(false);
  });
});
