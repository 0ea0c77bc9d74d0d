import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { fsReason, TactError } from '../errors.js';
import { safeLine } from '../report/safe-text.js';
import { atStop, withSignalsHeld } from './process-guards.js';

export interface WriteOptions {
  /**
   * Files this run reads (flows, personas, config), absolute or relative to the working folder. An
   * output that is one of them is refused: a report must never replace what it reports on.
   */
  inputs?: Iterable<string>;
}

/** Temp files of writes in progress, removed if the process is stopped by a signal. */
const pending = new Set<string>();

/** Remove the temp files of writes in progress (for signal handlers that exit the process). */
export function removePendingTempFiles(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
atStop(removePendingTempFiles);

const reasonOf = fsReason;

function hintOf(err: unknown): string {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free some space, or write somewhere else';
    case 'ENOTDIR':
      return 'give a path whose folders are folders';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'choose a folder you can write to';
    default:
      return 'check the path and that its folder is writable';
  }
}

function lstatSafe(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** The first existing ancestor of `abs` that is not a folder, if any (`README.md` of `README.md/x.json`). */
function fileInTheWay(abs: string): string | undefined {
  let dir = path.dirname(abs);
  for (;;) {
    const st = lstatSafe(dir);
    if (st) {
      let isDir = st.isDirectory();
      if (st.isSymbolicLink()) {
        try {
          isDir = statSync(dir).isDirectory();
        } catch {
          isDir = false;
        }
      }
      return isDir ? undefined : dir;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function isInput(target: Stats, inputs: Iterable<string> | undefined): boolean {
  if (!inputs) return false;
  for (const input of inputs) {
    try {
      const st = statSync(input);
      if (st.ino === target.ino && st.dev === target.dev) return true;
    } catch {
      // An input that is gone cannot be overwritten.
    }
  }
  return false;
}

/**
 * Write an output file safely (cli.md, Conventions; never lose a file):
 * - a regular file, or a new one, is written atomically: a temp file beside it, then a rename, so an
 *   interrupted run leaves the old file or the new one, never half of one;
 * - a symbolic link is followed and its target written that way, so the link stays a link;
 * - a character device (`/dev/null`, `/dev/stdout`) or a FIFO is written in place, never replaced;
 * - a folder, a socket, or a file this run reads (`inputs`) is refused.
 * Every refusal and every failure is a TactError with exit code 2 and one line saying why.
 */
export function writeOutput(file: string, content: string | Uint8Array, options: WriteOptions = {}): void {
  const abs = path.resolve(file);
  const fail = (why: string, hint: string): never => {
    throw new TactError(`cannot write ${file}: ${why}`, 2, hint);
  };
  const link = lstatSafe(abs);
  let target = abs;
  let st = link;
  if (link?.isSymbolicLink()) {
    try {
      target = realpathSync(abs);
      st = lstatSafe(target);
    } catch (err) {
      // A dangling link: write the file it names, if its folder exists.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') fail(reasonOf(err), 'the link points to itself; give another path');
      target = path.resolve(path.dirname(abs), readlinkSafe(abs) ?? abs);
      st = undefined;
    }
  }
  if (st) {
    if (st.isDirectory()) fail('it is a folder', 'give a file name, e.g. report.json');
    if (st.isSocket()) fail('it is a socket', 'give a regular file');
    if (st.isCharacterDevice() || st.isFIFO()) {
      writeInPlace(file, target, content, st.isFIFO());
      return;
    }
    if (st.isBlockDevice()) fail('it is a block device', 'give a regular file');
    if (isInput(st, options.inputs))
      fail(
        'it is one of the files this run reads',
        'writing the output there would replace it; give another output path',
      );
  } else {
    const blocker = fileInTheWay(target);
    if (blocker)
      fail(
        `${path.relative(process.cwd(), blocker) || blocker} is a file, not a folder`,
        hintOf({ code: 'ENOTDIR' }),
      );
  }
  writeAtomic(file, target, content, st);
}

function readlinkSafe(p: string): string | undefined {
  try {
    return readlinkSync(p);
  } catch {
    return undefined;
  }
}

/** How old a temp file must be to be swept whatever its pid says (a pid may have been reused). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temp files of earlier writes to `target` whose process is gone (killed with SIGKILL,
 * or the machine stopped): `.NAME.PID.HEX.tmp` beside it. Only that target's temp files are touched.
 */
export function sweepStaleTempFiles(target: string): string[] {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    const tmp = path.join(dir, name);
    if (pid === process.pid && pending.has(tmp)) continue;
    const st = lstatSafe(tmp);
    if (!st?.isFile()) continue;
    if (isAlive(pid) && pid !== process.pid && Date.now() - st.mtimeMs < STALE_AFTER_MS) continue;
    try {
      rmSync(tmp, { force: true });
      removed.push(tmp);
    } catch {
      // Not ours to remove (another user's folder): leave it.
    }
  }
  return removed;
}

/**
 * Write a temp file beside the target, then rename it over the target. SIGINT, SIGTERM and SIGHUP
 * are held meanwhile (see withSignalsHeld): one that comes during the write is handled right after
 * it, so the target is the old file or the whole new one and no temp file is left; SIGKILL leaves
 * a temp file that the next write sweeps.
 */
function writeAtomic(file: string, target: string, content: string | Uint8Array, existing?: Stats): void {
  withSignalsHeld(() => writeAtomicNow(file, target, content, existing));
}

function writeAtomicNow(file: string, target: string, content: string | Uint8Array, existing?: Stats): void {
  const dir = path.dirname(target);
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    mkdirSync(dir, { recursive: true });
    sweepStaleTempFiles(target);
    pending.add(tmp);
    // Keep the mode of the file being replaced; a new file gets the usual 0666 less the umask.
    writeFileSync(tmp, content, existing ? { mode: existing.mode & 0o7777 } : undefined);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new TactError(`cannot write ${file}: ${reasonOf(err)}`, 2, hintOf(err));
  } finally {
    pending.delete(tmp);
  }
}

function writeInPlace(file: string, target: string, content: string | Uint8Array, fifo: boolean): void {
  let fd: number | undefined;
  try {
    // Opening a FIFO for writing blocks until something reads it: open it non-blocking (ENXIO when
    // nobody reads), and keep that one descriptor. Opening it twice (a probe, then the real open)
    // would let the reader see the probe close as the end of its input and leave us waiting.
    fd = openSync(target, fifo ? constants.O_WRONLY | constants.O_NONBLOCK : constants.O_WRONLY);
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() && !st.isFIFO()) throw Object.assign(new Error('changed'), { code: 'EBUSY' });
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    let off = 0;
    while (off < bytes.length) {
      try {
        off += writeSync(fd, bytes, off, bytes.length - off);
      } catch (err) {
        // The pipe is full (non-blocking): wait a moment for the reader, as a blocking write would.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        Atomics.wait(PAUSE, 0, 0, 5);
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'ENXIO' ? 'start the reader first, or give a regular file' : hintOf(err);
    throw new TactError(`cannot write ${file}: ${reasonOf(err)}`, 2, hint);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** The absolute paths of the files a loaded project was read from. */
export function projectInputs(project: { cwd: string; files: { path: string }[] }): string[] {
  return project.files.map((f) => path.resolve(project.cwd, f.path));
}

/** Say on stderr what discovery skipped (FIFOs, sockets, devices, link loops), one line each. */
export function printWarnings(project: { warnings?: readonly string[] }): void {
  for (const w of project.warnings ?? []) process.stderr.write(`tact: warning: ${safeLine(w)}\n`);
}

/**
 * Whether a person is at a terminal to draw a live screen for (the chat, simulate's live view,
 * init's questions). Not in CI (`CI` or `CONTINUOUS_INTEGRATION` set, as ink and most tools read
 * them): ink draws only its last frame there, so a screen would stay blank until it ends.
 * `stdin` is asked for only where the screen takes keys.
 */
export function liveTerminal(options: { keys: boolean }): boolean {
  const set = (name: string) => {
    const v = process.env[name];
    return v !== undefined && v !== '0' && v !== 'false';
  };
  if (set('CI') || set('CONTINUOUS_INTEGRATION')) return false;
  return process.stdout.isTTY === true && (!options.keys || process.stdin.isTTY === true);
}

/** Whether to colour what goes to stdout: not with NO_COLOR, not into a pipe or file. */
export function useColor(toFile: boolean): boolean {
  if (toFile) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

/** Print to stdout, or write safely to `--output FILE` (see `writeOutput`). */
export function emit(text: string, output: string | undefined, options: WriteOptions = {}): void {
  if (output) writeOutput(output, text, options);
  else if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
