import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FlowCache } from './flow/load.js';
import type { Config, Flow, LoadProblem, SeveritySetting } from './flow/types.js';
import { TOOL_VERSION } from './meta.js';
import type { Finding } from './rules/types.js';

/** Version of the cache file's shape; a file of another version is ignored. */
const CACHE_FORMAT = 1;

/** The default `--cache-location`, in the working folder (as ESLint's `.eslintcache`). */
export const DEFAULT_CACHE_FILE = '.tactcache';

interface Entry {
  /** sha256 of the file's text. */
  hash: string;
  /** The flow as built from it (JSON, Maps as entry lists), or null when none could be built. */
  flow: string | null;
  problems: LoadProblem[];
  /** Findings of the per-file rules located in this file, once they are known. */
  findings?: Finding[];
}

interface CacheFile {
  format: number;
  /** tact's version, the config's text and the severity overrides: a change of any drops every entry. */
  key: string;
  files: Record<string, Entry>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

// The model's Maps, written as `{"$map": [[key, value], ...]}`.
const replacer = (_key: string, value: unknown) =>
  value instanceof Map ? { $map: [...value.entries()] } : value;
const reviver = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && '$map' in value && Object.keys(value).length === 1
    ? new Map((value as { $map: [unknown, unknown][] }).$map)
    : value;

/**
 * The lint cache (`tact lint --cache`, as ESLint's): for each flow file, keyed by its content and
 * by tact's version, the config and the `--rule` overrides, the flow built from it with its load
 * problems and the findings of the per-file rules. A warm run reuses them for unchanged files: no
 * parsing, validating or building, and the per-file rules look only at files that changed. The
 * project-wide rules (the graph rules, unknown targets and data, duplicates) always run on the
 * whole project.
 */
export class LintCache implements FlowCache {
  private old: Record<string, Entry> = {};
  private readonly next: Record<string, Entry> = {};
  private key = '';
  private config: Config | undefined;

  constructor(
    readonly location: string,
    private readonly overrides: Record<string, SeveritySetting> = {},
  ) {
    try {
      const data = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
      if (data.format === CACHE_FORMAT && data.files && typeof data.files === 'object') {
        this.old = data.files;
        this.key = data.key;
      }
    } catch {
      // No cache yet, or one that cannot be read: start afresh.
    }
  }

  useConfig(text: string | undefined, config: Config): void {
    this.config = config;
    const key = sha256(JSON.stringify([TOOL_VERSION, text ?? null, this.overrides]));
    if (key !== this.key) this.old = {};
    this.key = key;
  }

  flow(file: string, text: string): { flow?: Flow; problems: LoadProblem[] } | undefined {
    const entry = this.old[file];
    if (!entry || entry.hash !== sha256(text)) return undefined;
    this.next[file] = entry;
    const flow = entry.flow === null ? undefined : (JSON.parse(entry.flow, reviver) as Flow);
    if (flow) this.relink(flow);
    return { flow, problems: entry.problems };
  }

  storeFlow(file: string, text: string, flow: Flow | undefined, problems: LoadProblem[]): void {
    this.next[file] = {
      hash: sha256(text),
      flow: flow ? JSON.stringify(flow, this.marker()) : null,
      problems,
    };
  }

  /** The per-file findings of an unchanged file, from the last run. */
  findings(file: string): Finding[] | undefined {
    const entry = this.next[file];
    return entry && entry === this.old[file] ? entry.findings : undefined;
  }

  /** Files whose per-file findings are known from the last run. */
  unchanged(): Set<string> {
    return new Set(Object.keys(this.next).filter((f) => this.findings(f) !== undefined));
  }

  storeFindings(file: string, findings: Finding[]): void {
    const entry = this.next[file];
    if (entry) this.next[file] = { ...entry, findings };
  }

  /** Write the cache (atomically: a temp file renamed into place). */
  save(): void {
    const data: CacheFile = { format: CACHE_FORMAT, key: this.key, files: this.next };
    mkdirSync(path.dirname(path.resolve(this.location)), { recursive: true });
    const tmp = `${this.location}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.location);
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /**
   * A step's fallback message taken from tact.config.yaml is the config's own message object (rules
   * tell it apart by identity): it is written as a mark and linked again when read.
   */
  private marker() {
    const shared = this.config?.fallback?.say;
    return (key: string, value: unknown) =>
      key === 'say' && shared !== undefined && value === shared
        ? { $configFallbackSay: true }
        : replacer(key, value);
  }

  private relink(flow: Flow): void {
    const shared = this.config?.fallback?.say;
    for (const step of flow.steps.values()) {
      const fb = step.fallback as (Flow['steps'] extends Map<string, infer S> ? S : never)['fallback'];
      if (fb?.say && (fb.say as unknown as { $configFallbackSay?: boolean }).$configFallbackSay)
        fb.say = shared;
    }
  }
}
