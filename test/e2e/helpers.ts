import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/tact.js');

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  timeout?: number;
}

/** Run the built CLI (bin/tact.js → dist/) the way a user does; never throws on a non-zero exit. */
export async function tact(args: string[], options: RunOptions = {}): Promise<RunResult> {
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
