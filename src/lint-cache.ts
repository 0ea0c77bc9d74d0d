import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FlowCache } from './flow/load.js';
import type { Config, Flow, LoadProblem, SeveritySetting } from './flow/types.js';
import { TOOL_VERSION } from './meta.js';
import type { Finding } from './rules/types.js';

/** Version of the cache file's shape; a file of another version is ignored. */
const CACHE_FORMAT = 3;

/** The default `--cache-location`, in the working folder (as ESLint's `.eslintcache`). */
export const DEFAULT_CACHE_FILE = '.tactcache';

interface Entry {
  /** sha256 of the file's text. */
  hash: string;
  /**
   * The flow as built from it (`v8.serialize`, which keeps Maps and shared objects, and reads back
   * several times faster than JSON with a reviver): its bytes, or where they are in the cache file
   * read at the start (`[start, length]` after the index, read when needed), or null when none
   * could be built.
   */
  flow: Uint8Array | [number, number] | null;
  /** Steps whose fallback says tact.config.yaml's default message (that very object: see `relink`). */
  configSay: string[];
  problems: LoadProblem[];
  /** Findings of the per-file rules located in this file, once they are known. */
  findings?: Finding[];
}

/** An entry as the file's index holds it: its flow as `[start, length]` in the bytes after the index. */
type StoredEntry = Omit<Entry, 'flow'> & { flow: [number, number] | null };

/** The cache file read at the start, open: its flows are read from it one by one, when needed. */
interface OpenCacheFile {
  fd: number;
  /** Where the flows' bytes start. */
  base: number;
}

/**
 * The index of the cache file. The file is: the index's length (4 bytes, little-endian), the index
 * (`v8.serialize`), then the flows' bytes one after the other. A warm run reads each flow from the
 * file's buffer in place, so the flows are in memory once, not once more for every entry.
 */
export interface CacheIndex {
  format: number;
  /** tact's version, the config's text and the severity overrides: a change of any drops every entry. */
  key: string;
  files: Map<string, StoredEntry>;
}

/** The index and the flows' bytes of a cache file. */
export function decodeCacheFile(bytes: Uint8Array): { index: CacheIndex; flows: Uint8Array } {
  const length = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(0);
  return {
    index: deserialize(bytes.subarray(4, 4 + length)) as CacheIndex,
    flows: bytes.subarray(4 + length),
  };
}

/** The bytes of a cache file: the index, then the flows (`decodeCacheFile` reads them back). */
export function encodeCacheFile(index: CacheIndex, flows: readonly Uint8Array[]): Uint8Array[] {
  const head = serialize(index);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length, 0);
  return [length, head, ...flows];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/**
 * The lint cache (`tact lint --cache`, as ESLint's): for each flow file, keyed by its content and
 * by tact's version, the config and the `--rule` overrides, the flow built from it with its load
 * problems and the findings of the per-file rules. A warm run reuses them for unchanged files: no
 * parsing, validating or building, and the per-file rules look only at files that changed. The
 * project-wide rules (the graph rules, unknown targets and data, duplicates) always run on the
 * whole project.
 */
export class LintCache implements FlowCache {
  private old = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();
  private key = '';
  private config: Config | undefined;
  /** Whether the cache to write differs from the one read (else `save` leaves the file as it is). */
  private changed = true;
  /**
   * The file read, kept open rather than read whole: at 100k steps it is about 90 MB, most of it
   * flows of files that changed or that a run never asks for.
   */
  private file: OpenCacheFile | undefined;

  constructor(
    readonly location: string,
    private readonly overrides: Record<string, SeveritySetting> = {},
  ) {
    let fd: number | undefined;
    try {
      fd = openSync(location, 'r');
      const head = Buffer.alloc(4);
      readExactly(fd, head, 0);
      const index = deserialize(readExactly(fd, Buffer.alloc(head.readUInt32LE(0)), 4)) as CacheIndex;
      if (index?.format === CACHE_FORMAT && index.files instanceof Map && typeof index.key === 'string') {
        for (const [file, e] of index.files) this.old.set(file, e);
        this.key = index.key;
        this.changed = false;
        this.file = { fd, base: 4 + head.readUInt32LE(0) };
        fd = undefined;
      }
    } catch {
      // No cache yet, or one that cannot be read: start afresh.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  useConfig(text: string | undefined, config: Config): void {
    this.config = config;
    const key = sha256(JSON.stringify([TOOL_VERSION, text ?? null, this.overrides]));
    if (key !== this.key) {
      this.old = new Map();
      this.changed = true;
    }
    this.key = key;
  }

  flow(file: string, text: string): { flow?: Flow; problems: LoadProblem[] } | undefined {
    const entry = this.old.get(file);
    if (!entry || entry.hash !== sha256(text)) return undefined;
    let flow: Flow | undefined;
    if (entry.flow !== null) {
      try {
        flow = deserialize(this.bytes(entry.flow)) as Flow;
      } catch {
        return undefined;
      }
      this.relink(flow, entry.configSay);
    }
    this.next.set(file, entry);
    return { flow, problems: entry.problems };
  }

  storeFlow(file: string, text: string, flow: Flow | undefined, problems: LoadProblem[]): void {
    const configSay: string[] = [];
    let bytes: Uint8Array | null = null;
    if (flow) {
      // The config's message object is not the flow's to keep: left out while the flow is written
      // (now, before intents are resolved across the project, as the loader built it), then put back.
      const shared = this.config?.fallback?.say;
      const steps = shared ? [...flow.steps.values()].filter((s) => s.fallback?.say === shared) : [];
      for (const s of steps) {
        s.fallback!.say = undefined;
        configSay.push(s.id);
      }
      try {
        bytes = serialize(flow);
      } finally {
        for (const s of steps) s.fallback!.say = shared;
      }
    }
    this.next.set(file, { hash: sha256(text), flow: bytes, configSay, problems });
    this.changed = true;
  }

  /** The per-file findings of an unchanged file, from the last run. */
  findings(file: string): Finding[] | undefined {
    const entry = this.next.get(file);
    return entry && entry === this.old.get(file) ? entry.findings : undefined;
  }

  /** Files whose per-file findings are known from the last run. */
  unchanged(): Set<string> {
    return new Set([...this.next.keys()].filter((f) => this.findings(f) !== undefined));
  }

  storeFindings(file: string, findings: Finding[]): void {
    const entry = this.next.get(file);
    if (entry) {
      this.next.set(file, { ...entry, findings });
      this.changed = true;
    }
  }

  /** A flow's bytes: its own, or read from the cache file read at the start. */
  private bytes(flow: Uint8Array | [number, number]): Uint8Array {
    if (!Array.isArray(flow)) return flow;
    if (!this.file) throw new Error('the cache file is closed');
    return readExactly(this.file.fd, Buffer.alloc(flow[1]), this.file.base + flow[0]);
  }

  /** Write the cache (atomically: a temp file renamed into place), and close the one read. */
  save(): void {
    try {
      // A warm run where nothing changed (the same files, all read from the cache) has nothing to
      // write: serializing the whole cache again was as large as the file (about 90 MB at 100k steps).
      if (!this.changed && this.next.size === this.old.size) return;
      this.write();
    } finally {
      if (this.file) closeSync(this.file.fd);
      this.file = undefined;
    }
  }

  private write(): void {
    const files = new Map<string, StoredEntry>();
    const flows: (Uint8Array | [number, number])[] = [];
    let at = 0;
    for (const [file, e] of this.next) {
      const length = e.flow === null ? 0 : Array.isArray(e.flow) ? e.flow[1] : e.flow.length;
      files.set(file, { ...e, flow: e.flow ? [at, length] : null });
      if (e.flow) {
        flows.push(e.flow);
        at += length;
      }
    }
    mkdirSync(path.dirname(path.resolve(this.location)), { recursive: true });
    const tmp = `${this.location}.${process.pid}.tmp`;
    try {
      // Written piece by piece: one buffer of the whole file would be another copy of every flow. A
      // flow kept from the file read is copied from it, one at a time.
      const fd = openSync(tmp, 'w');
      try {
        const [length, head] = encodeCacheFile({ format: CACHE_FORMAT, key: this.key, files }, []);
        writeSync(fd, length);
        writeSync(fd, head);
        for (const flow of flows) writeSync(fd, this.bytes(flow));
      } finally {
        closeSync(fd);
      }
      // The file read is closed before it is replaced (Windows does not rename over an open file).
      if (this.file) closeSync(this.file.fd);
      this.file = undefined;
      renameSync(tmp, this.location);
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /**
   * A step's fallback message taken from tact.config.yaml is the config's own message object (rules
   * tell it apart by identity): it is left out of the stored flow and linked again when read.
   */
  private relink(flow: Flow, steps: string[]): void {
    const shared = this.config?.fallback?.say;
    for (const id of steps) {
      const fb = flow.steps.get(id)?.fallback;
      if (fb) fb.say = shared;
    }
  }
}

/** Read `into.length` bytes at `position`, or throw: a cache file cut short is no cache. */
function readExactly(fd: number, into: Buffer, position: number): Buffer {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error('the cache file ends early');
    done += n;
  }
  return into;
}
