/** The signals that stop a run, with their numbers: the exit code is 128 + the number (POSIX shells). */
export const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

const cleanups = new Set<() => void>();
let holds = 0;
let interruptHandler: ((signal: StopSignal) => void) | undefined;

/** Run `cleanup` when a signal stops the process (io.ts removes the temp files of writes in progress). */
export function atStop(cleanup: () => void): void {
  cleanups.add(cleanup);
}

/** Run the cleanups and exit the way a shell expects after `signal` (128 + its number). */
export function stopFor(signal: StopSignal): never {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Stopping anyway.
    }
  }
  process.exit(128 + STOP_SIGNALS[signal]);
}

function onSignal(signal: NodeJS.Signals): void {
  const s = signal as StopSignal;
  if (s === 'SIGINT' && interruptHandler) {
    const handler = interruptHandler;
    interruptHandler = undefined;
    handler(s);
    return;
  }
  stopFor(s);
}

/**
 * Take over SIGINT, SIGTERM and SIGHUP until the returned function is called: a signal then runs
 * the cleanups and exits 128 + its number. Outside a hold the signals keep their default action,
 * which stops the process at once: node runs a signal handler only between pieces of synchronous
 * work, so a handler held for a whole synchronous lint would make Ctrl-C wait for the end of it.
 * Holds nest.
 */
export function holdSignals(): () => void {
  if (holds++ === 0) for (const s of Object.keys(STOP_SIGNALS)) process.on(s, onSignal);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds === 0) for (const s of Object.keys(STOP_SIGNALS)) process.off(s, onSignal);
  };
}

/**
 * Hold the signals around a synchronous critical section (an atomic write), and keep holding them
 * until the event loop has polled once more: a signal that came during `work` is then handled (the
 * file is whole by then; the process exits 128 + n) rather than lost. One immediate is not enough:
 * called from an I/O callback, it runs before the next poll, where node reads pending signals.
 */
export function withSignalsHeld<T>(work: () => T): T {
  const release = holdSignals();
  try {
    return work();
  } finally {
    setImmediate(() => setImmediate(release));
  }
}

/**
 * Let a command handle the first SIGINT itself (simulate finishes the report of the conversations
 * done, then exits 130). A second SIGINT, or SIGTERM or SIGHUP, still stops at once. The signals
 * are held meanwhile; the returned function gives the default handling back.
 */
export function onInterrupt(handler: (signal: StopSignal) => void): () => void {
  interruptHandler = handler;
  const release = holdSignals();
  return () => {
    if (interruptHandler === handler) interruptHandler = undefined;
    release();
  };
}

let installed = false;

/**
 * A closed stdout (`tact --help | head -1`) ends the run quietly, keeping the exit code so far,
 * instead of an EPIPE stack trace; a closed stderr is ignored.
 */
export function installProcessGuards(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    for (const cleanup of cleanups) cleanup();
    // EPIPE: whoever reads our output has what they wanted. Any other error (the terminal went
    // away) means the output was not delivered: exit 2, in silence.
    const sofar = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exit(err.code === 'EPIPE' ? sofar : 2);
  });
  process.stderr.on('error', () => {
    // Nowhere left to say anything; the exit code still tells.
  });
}
