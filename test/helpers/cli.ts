import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/tact.js');

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface InProcessOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** What the command reads on stdin (a pipe, not a terminal); none: an empty pipe. */
  input?: string;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Run the built CLI in this process: `main(argv)` of dist/cli/main.js, the one call bin/tact.js
 * makes, with stdout and stderr captured, stdin a pipe, the working folder and environment set for
 * the run and put back after it. The same parsing, messages and exit codes as a spawned `tact`,
 * without the half second (seconds, on a loaded machine) node takes to start and load the CLI.
 * What only a real process shows (signals, a closed pipe, a terminal, the process ending by
 * itself) is tested by spawning it (test/e2e/helpers.ts `tact`). Runs one at a time.
 */
export function runInProcess(args: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const run = queue.then(() => runNow(args, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], options: InProcessOptions): Promise<RunResult> {
  const { main } = (await import(pathToMain())) as { main: (argv: string[]) => Promise<void> };
  const out: string[] = [];
  const err: string[] = [];
  const capture =
    (into: string[]) =>
    (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    };
  const env: Record<string, string> = { NO_COLOR: '1', ...(options.env ?? {}) };
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  const cwd = process.cwd();
  const stdin = Readable.from(options.input === undefined ? [] : [options.input]);
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture(out) as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture(err) as typeof process.stderr.write),
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(stdin as unknown as typeof process.stdin),
  ];
  process.exitCode = undefined;
  try {
    process.chdir(options.cwd ?? ROOT);
    await main(['node', BIN, ...args]);
    return { stdout: out.join(''), stderr: err.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = undefined;
    for (const s of spies) s.mockRestore();
    process.chdir(cwd);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The built CLI's entry (what bin/tact.js imports). */
function pathToMain(): string {
  return path.join(ROOT, 'dist/cli/main.js');
}
