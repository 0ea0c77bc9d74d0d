import { removePendingTempFiles } from './io.js';

/** The signals that stop a run, with their numbers: the exit code is 128 + the number (POSIX shells). */
export const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

let interruptHandler: ((signal: StopSignal) => void) | undefined;
let installed = false;

/**
 * Let a command handle the first SIGINT itself (simulate finishes the report of the conversations
 * done, then exits 130). A second SIGINT, or SIGTERM/SIGHUP, still stops at once. Returns a
 * function that gives the default handling back.
 */
export function onInterrupt(handler: (signal: StopSignal) => void): () => void {
  interruptHandler = handler;
  return () => {
    if (interruptHandler === handler) interruptHandler = undefined;
  };
}

/** Remove the temp files of writes in progress and exit the way a shell expects after `signal`. */
export function stopFor(signal: StopSignal): never {
  removePendingTempFiles();
  process.exit(128 + STOP_SIGNALS[signal]);
}

/**
 * Make the process end cleanly whatever happens around it:
 * - SIGINT, SIGTERM and SIGHUP remove the temp files of writes in progress (an output is renamed
 *   into place whole or not at all) and exit 128 + the signal's number (130, 143, 129);
 * - a closed stdout (`tact --help | head -1`) ends the run quietly instead of with an EPIPE stack
 *   trace; a closed stderr is ignored.
 * Writes are synchronous, so a signal is handled between writes, never inside one.
 */
export function installProcessGuards(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    process.on(signal, () => {
      if (signal === 'SIGINT' && interruptHandler) {
        const handler = interruptHandler;
        interruptHandler = undefined;
        handler(signal);
        return;
      }
      stopFor(signal);
    });
  }
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    removePendingTempFiles();
    // EPIPE: whoever reads our output has what they wanted; keep the exit code so far. Any other
    // error (the terminal went away) means the output was not delivered: exit 2, in silence.
    const sofar = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exit(err.code === 'EPIPE' ? sofar : 2);
  });
  process.stderr.on('error', () => {
    // Nowhere left to say anything; the exit code still tells.
  });
}
