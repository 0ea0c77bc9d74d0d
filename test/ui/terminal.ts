import { EventEmitter } from 'node:events';

/** A terminal for ink: records the frames it draws. */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(
    public columns = 100,
    public rows = 30,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  /** The last frame drawn, without colours (ink also writes cursor codes when it unmounts). */
  get last(): string {
    const plain = this.frames.map((f) => f.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''));
    return plain.findLast((f) => f.trim() !== '') ?? '';
  }
}

/** A stdin we type into. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  setRawMode() {}
  setEncoding() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read = () => this.queue.shift() ?? null;
  type(data: string) {
    this.queue.push(data);
    this.emit('readable');
  }
}

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Wait (up to 2 s) until `check` holds. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}
