import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const FLOWS = path.join(ROOT, 'flows');
const hasScript = spawnSync('script', ['--version']).status === 0;

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Start `cmd`, and once `ready` shows in its output do `act(child)`; resolve when it ends. */
function runUntil(
  cmd: string,
  args: string[],
  ready: RegExp,
  act: (child: ReturnType<typeof spawn>) => (() => void) | undefined,
  env: NodeJS.ProcessEnv = {},
): Promise<Stopped> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', ...env },
    });
    let out = '';
    let err = '';
    let acted = false;
    let cleanup: (() => void) | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (!acted && ready.test(out)) {
        acted = true;
        cleanup = act(child);
      }
    });
    child.stderr!.on('data', (d) => {
      err += d;
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      cleanup?.();
      resolve({ code, signal, out, err });
    });
  });
}

describe('Ctrl-C in chat exits 130', () => {
  it('with piped input: SIGINT ends the chat with exit code 130 and nothing on stderr', async () => {
    const r = await runUntil('node', [BIN, 'chat', FLOWS], /choices:/, (child) => {
      child.kill('SIGINT');
      return undefined;
    });
    expect(r.signal).toBe(null);
    expect(r.code).toBe(130);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^bot: Hi, I'm Ava/);
  });

  it.skipIf(!hasScript)(
    'on a terminal (a pseudo-terminal through `script`): Ctrl-C leaves with 130, Esc with 0',
    async () => {
      const viaTerminal = (key: string) =>
        runUntil(
          'script',
          ['-qec', `stty cols 120 rows 40; node ${BIN} chat ${FLOWS}`, '/dev/null'],
          /Hi, I'm Ava/,
          // ink takes keys once it has put the terminal in raw mode, which a loaded machine can
          // delay past the first frame: press the key again each second until the chat ends.
          (child) => {
            const press = setInterval(() => child.stdin!.write(key), 1000);
            child.stdin!.write(key);
            return () => clearInterval(press);
          },
        );
      const ctrlC = await viaTerminal('\u0003');
      expect(ctrlC.code).toBe(130);
      const esc = await viaTerminal('\u001b');
      expect(esc.code).toBe(0);
    },
    90_000,
  );

  it.skipIf(!hasScript)(
    'on a terminal in CI (CI=true): no ink screen, the chat goes line by line and Ctrl-C leaves with 130',
    async () => {
      const r = await runUntil(
        'script',
        ['-qec', `stty cols 120 rows 40; node ${BIN} chat ${FLOWS}`, '/dev/null'],
        /choices:/,
        (child) => {
          // The terminal is in its usual (cooked) mode: Ctrl-C is SIGINT from the line discipline.
          const press = setInterval(() => child.stdin!.write('\u0003'), 1000);
          child.stdin!.write('\u0003');
          return () => clearInterval(press);
        },
        { CI: 'true' },
      );
      expect(r.code).toBe(130);
      expect(r.out).toMatch(/bot: Hi, I'm Ava/);
      expect(r.out).not.toContain('\u001b[?25l');
    },
    60_000,
  );
});
