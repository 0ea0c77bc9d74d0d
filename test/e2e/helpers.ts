import { execa } from 'execa';
import { BIN, ROOT, type RunResult, runInProcess } from '../helpers/cli.js';

export { BIN, ROOT, type RunResult };

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  timeout?: number;
}

/**
 * Run the built CLI as `tact ARGS` in this process (test/helpers/cli.ts): the parsing, output and
 * exit code a user gets, without starting node each time. Use `spawnTact` for what needs a process
 * of its own (signals, pipes, its pid, a terminal); test/e2e/smoke.test.ts spawns every command once.
 */
export function tact(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return runInProcess(args, options);
}

/** Run the built CLI (bin/tact.js → dist/) in a process of its own; never throws on a non-zero exit. */
export async function spawnTact(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const r = await execa('node', [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    reject: false,
    env: { NO_COLOR: '1', ...(options.env ?? {}) },
    input: options.input,
    timeout: options.timeout ?? 60_000,
    stripFinalNewline: false,
  });
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? -1 };
}
