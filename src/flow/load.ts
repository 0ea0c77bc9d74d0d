import {
  accessSync,
  constants,
  type Dirent,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { fsReason, TactError } from '../errors.js';
import {
  ARE_YOU_A_BOT,
  ARE_YOU_A_BOT_EXAMPLES,
  BIRTH_DATE_NAME,
  DEFAULT_FALLBACK_MAX,
  DEFAULT_SENTIMENT,
  HUMAN_EXAMPLES,
  PERSONAL_TYPES,
} from './builtins.js';
import { parseCondition } from './conditions.js';
import { buildPersona } from './persona.js';
import { CONFIG_PATH_KEYS, outsideProject } from './project-paths.js';
import type {
  BranchCase,
  Channel,
  Condition,
  Config,
  DataDef,
  DataType,
  FallbackDef,
  Flow,
  IntentDef,
  LoadProblem,
  Message,
  MessageValue,
  OptionDef,
  Persona,
  Pos,
  Project,
  Route,
  RuleSetting,
  SentimentLabel,
  SourceFile,
  Step,
  StepKind,
  Target,
  Tone,
} from './types.js';
import { validateAgainstSchema } from './validate.js';
import { MAX_FILE_BYTES, type ParsedYaml, type PathKey } from './yaml.js';
import { parseYamlFile } from './yaml-limits.js';

export const CONFIG_FILE = 'tact.config.yaml';
const FLOW_RE = /\.flow\.ya?ml$/;
const PERSONA_RE = /\.persona\.ya?ml$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage']);

/**
 * What a lint cache offers the loader (src/lint-cache.ts): the flow built from an unchanged file
 * the last time, with the file's problems, instead of reading it again.
 */
export interface FlowCache {
  /** The config's text (undefined without a config): flows built under another config are not reused. */
  useConfig(text: string | undefined, config: Config): void;
  flow(file: string, text: string): { flow?: Flow; problems: LoadProblem[] } | undefined;
  storeFlow(file: string, text: string, flow: Flow | undefined, problems: LoadProblem[]): void;
}

export interface LoadOptions {
  /** Working directory; file paths in findings are relative to it. Default: process.cwd(). */
  cwd?: string;
  /** Explicit config file; otherwise tact.config.yaml is looked up from the first path upwards. */
  config?: string;
  /**
   * Read only the persona files under the paths, and no config unless `config` names one: the
   * personas of a compiled bot, whose flows are not here.
   */
  personasOnly?: boolean;
  /** Reuse flows of unchanged files (`tact lint --cache`). */
  cache?: FlowCache;
}

/** A loaded project and where it lives. */
export interface LoadedProject extends Project {
  /** Absolute folder of the project (the config's folder, else the first path's folder). */
  root: string;
  /** What discovery left out and why (FIFOs, sockets, devices, links to what was read already). */
  warnings: string[];
}

/**
 * Find flow, persona and config files under the given paths, parse and validate them, and build
 * one model of the whole project. Problems in the files become `problems`; only unreadable paths
 * throw (a TactError, exit 2).
 */
export function loadProject(paths: string[], options: LoadOptions = {}): LoadedProject {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const inputs = (paths.length > 0 ? paths : ['.']).map((p) => path.resolve(cwd, p));
  const rel = (abs: string) => path.relative(cwd, abs).split(path.sep).join('/') || '.';
  const found = discoverAll(inputs, rel);
  const { personas: personaFiles } = found;
  const flowFiles = options.personasOnly ? [] : found.flows;
  const explicitConfig = options.config ? path.resolve(cwd, options.config) : undefined;
  const configPath =
    options.personasOnly && !explicitConfig ? undefined : findConfig(inputs, explicitConfig, rel);
  const files: SourceFile[] = [];
  const problems: LoadProblem[] = [];

  const config = configPath
    ? loadConfig(rel(configPath), readText(configPath), files, problems, configPath)
    : defaultConfig();
  const intents = new Map<string, IntentDef>();
  const human: IntentDef = {
    name: 'human',
    qid: 'human',
    examples: [...HUMAN_EXAMPLES, ...(config.intents.get('human')?.examples ?? [])],
    sensitive: false,
    builtin: true,
    pos: config.intents.get('human')?.pos,
  };
  intents.set('human', human);
  intents.set(ARE_YOU_A_BOT, {
    name: ARE_YOU_A_BOT,
    qid: ARE_YOU_A_BOT,
    examples: [...ARE_YOU_A_BOT_EXAMPLES, ...(config.intents.get(ARE_YOU_A_BOT)?.examples ?? [])],
    sensitive: false,
    builtin: true,
    pos: config.intents.get(ARE_YOU_A_BOT)?.pos,
  });
  for (const [name, def] of config.intents) if (!intents.has(name)) intents.set(name, def);

  const flows = new Map<string, Flow>();
  options.cache?.useConfig(files.find((f) => f.kind === 'config')?.text, config);
  for (const abs of [...new Set(flowFiles)].sort()) {
    const file = rel(abs);
    const text = readText(abs);
    files.push({ path: file, kind: 'flow', text });
    const cached = options.cache?.flow(file, text);
    const { flow, problems: own } = cached ?? readFlowFile(file, text, config);
    if (!cached) options.cache?.storeFlow(file, text, flow, own);
    problems.push(...own);
    if (!flow) continue;
    const existing = flows.get(flow.id);
    if (existing) {
      problems.push({
        rule: 'duplicate-flow',
        message: `flow \`${flow.id}\` is declared twice (also in ${existing.file}:${existing.idPos.line}): rename one`,
        pos: flow.idPos,
        related: [{ pos: existing.idPos, message: `first \`${flow.id}\` here` }],
      });
      continue;
    }
    flows.set(flow.id, flow);
    for (const i of flow.intents.values()) intents.set(i.qid, i);
  }

  const personas: Persona[] = [];
  for (const abs of [...new Set(personaFiles)].sort()) {
    const file = rel(abs);
    const text = readText(abs);
    files.push({ path: file, kind: 'persona', text });
    const parsed = parseYamlFile(file, text);
    problems.push(...parsed.problems);
    if (parsed.value === undefined) continue;
    problems.push(...validateAgainstSchema('persona', parsed));
    const persona = buildPersona(parsed);
    if (persona) personas.push(persona);
  }

  resolveIntentRefs(flows, config, intents);
  let entry: string | undefined;
  if (config.entry) {
    const raw = config.entry.raw;
    const f = flows.get(raw.includes('/') ? raw.split('/')[0] : raw);
    config.entry.qid = raw.includes('/') ? raw : f ? `${f.id}/${f.start}` : raw;
    entry = config.entry.qid;
  } else if (flows.size === 1) {
    const f = [...flows.values()][0];
    entry = `${f.id}/${f.start}`;
  }

  const root = configPath
    ? path.dirname(configPath)
    : statSafe(inputs[0])?.isDirectory()
      ? inputs[0]
      : path.dirname(inputs[0]);
  return { cwd, files, config, flows, entry, intents, problems, personas, root, warnings: found.warnings };
}

/** Parse, validate and build one flow file: the flow (if it can be built) and the file's problems. */
function readFlowFile(file: string, text: string, config: Config): { flow?: Flow; problems: LoadProblem[] } {
  const parsed = parseYamlFile(file, text);
  const problems = [...parsed.problems];
  if (parsed.value === undefined) return { problems };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    problems.push({
      rule: 'schema',
      message: 'a flow file must be a map with `flow` and `steps`',
      pos: parsed.posAt([]),
    });
    return { problems };
  }
  problems.push(...validateAgainstSchema('flow', parsed));
  return { flow: buildFlow(parsed, config), problems };
}

function statSafe(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** Files larger than this are not read at all (a flow file over MAX_FILE_BYTES is reported). */
const MAX_READ_BYTES = 16 * 1024 * 1024;

function readText(abs: string): string {
  try {
    const size = statSync(abs).size;
    if (size > MAX_READ_BYTES)
      throw new TactError(
        `${abs} is ${Math.round(size / 1024 / 1024)} MB, far over the ${MAX_FILE_BYTES / 1024} KB limit of a tact file`,
        2,
        'split it into smaller flows, or leave it out of the paths you give',
      );
    return readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof TactError) throw err;
    throw new TactError(`cannot read ${abs}: ${fsReason(err)}`, 2);
  }
}

/** What a file-system entry is, in words, when it is not a regular file or a folder. */
function notAFile(st: Stats | Dirent): string | undefined {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return undefined;
}

interface Discovery {
  flows: string[];
  personas: string[];
  warnings: string[];
  /** Real paths of the folders and files taken, so each is read once and a link loop ends. */
  seen: Map<string, string>;
  unreadable: string[];
  rel: (abs: string) => string;
}

/**
 * Walk the given paths for flow and persona files. A symbolic link is followed once: the real path
 * of every folder and file is kept, so a link back up (`ln -s .. flows/up`) or to a file already
 * taken is skipped with a warning. FIFOs, sockets and devices are never opened (reading a FIFO
 * waits forever); those with a flow or persona name are skipped with a warning. Files and folders
 * that cannot be read are all named in one error (exit 2).
 */
function discoverAll(inputs: string[], rel: (abs: string) => string): Discovery {
  const d: Discovery = { flows: [], personas: [], warnings: [], seen: new Map(), unreadable: [], rel };
  for (const input of inputs) discoverInput(input, d);
  if (d.unreadable.length === 1)
    throw new TactError(
      `cannot read ${d.unreadable[0].replace(/ \((.*)\)$/, ': $1')}`,
      2,
      'fix its permissions, or leave it out',
    );
  if (d.unreadable.length > 1)
    throw new TactError(
      `cannot read ${d.unreadable.length} files and folders: ${d.unreadable.join(', ')}`,
      2,
      'fix their permissions, or leave them out',
    );
  return d;
}

function discoverInput(input: string, d: Discovery): void {
  let st: Stats;
  let real: string;
  try {
    st = statSync(input);
    real = realpathSync(input);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new TactError(`no such file or folder: ${input}`, 2, 'check the path you gave');
    throw new TactError(`cannot read ${input}: ${fsReason(err)}`, 2, 'check the path you gave');
  }
  if (st.isDirectory()) {
    if (d.seen.has(real)) return;
    d.seen.set(real, input);
    walkFolder(input, real, d);
    return;
  }
  const what = notAFile(st);
  if (what)
    throw new TactError(
      `${d.rel(input)} is ${what}, not a file`,
      2,
      'give flow files or the folders that hold them',
    );
  const base = path.basename(input);
  if (base === CONFIG_FILE) return;
  const kind = PERSONA_RE.test(base)
    ? 'persona'
    : FLOW_RE.test(base) || /\.ya?ml$/.test(base)
      ? 'flow'
      : undefined;
  if (!kind) throw new TactError(`not a flow file: ${input}`, 2, 'flow files end in .flow.yaml');
  takeFile(input, real, kind, d);
}

function takeFile(abs: string, real: string, kind: 'flow' | 'persona', d: Discovery): void {
  const first = d.seen.get(real);
  if (first !== undefined) {
    if (first !== abs) d.warnings.push(`skipped ${d.rel(abs)}: the same file as ${d.rel(first)}`);
    return;
  }
  d.seen.set(real, abs);
  try {
    accessSync(abs, constants.R_OK);
  } catch (err) {
    d.unreadable.push(`${d.rel(abs)} (${fsReason(err)})`);
    return;
  }
  (kind === 'flow' ? d.flows : d.personas).push(abs);
}

function walkFolder(dir: string, realDir: string, d: Discovery): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    d.unreadable.push(`${d.rel(dir)} (${fsReason(err)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const name = entry.name;
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const kind = FLOW_RE.test(name) ? 'flow' : PERSONA_RE.test(name) ? 'persona' : undefined;
    let st: Stats | Dirent = entry;
    let real = full;
    if (entry.isSymbolicLink()) {
      try {
        real = realpathSync(full);
        st = statSync(real);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (kind || code === 'ELOOP')
          d.warnings.push(
            `skipped ${d.rel(full)}: ${code === 'ELOOP' ? 'a symbolic link that loops' : 'a symbolic link to nothing'}`,
          );
        continue;
      }
    } else if (entry.isDirectory() || entry.isFile()) {
      real = path.join(realDir, name);
    }
    if (st.isDirectory()) {
      if (realDir === real || realDir.startsWith(real + path.sep)) {
        d.warnings.push(`skipped ${d.rel(full)}: a link to ${d.rel(real)}, a folder that holds it (a loop)`);
        continue;
      }
      const first = d.seen.get(real);
      if (first !== undefined) {
        d.warnings.push(`skipped ${d.rel(full)}: the folder ${d.rel(first)} again (through a link)`);
        continue;
      }
      d.seen.set(real, full);
      walkFolder(full, real, d);
    } else if (kind) {
      const what = notAFile(st);
      if (what) d.warnings.push(`skipped ${d.rel(full)}: it is ${what}, not a file`);
      else if (st.isFile()) takeFile(full, real, kind, d);
    }
  }
}

/**
 * The config file in force: `--config FILE`, else tact.config.yaml from the first path upwards,
 * else one beside another path. One that exists but is a folder, a FIFO or unreadable is an error
 * that says so (exit 2), never passed over in silence.
 */
function findConfig(
  inputs: string[],
  explicit: string | undefined,
  rel: (abs: string) => string,
): string | undefined {
  if (explicit) {
    const why = configProblem(explicit);
    if (why === 'missing')
      throw new TactError(`config file not found: ${rel(explicit)}`, 2, 'check the --config path');
    if (why)
      throw new TactError(`cannot read the config ${rel(explicit)}: ${why}`, 2, 'check the --config path');
    return explicit;
  }
  const first = statSafe(inputs[0]);
  let dir = first?.isDirectory() ? inputs[0] : path.dirname(inputs[0]);
  const candidates: string[] = [];
  for (;;) {
    candidates.push(path.join(dir, CONFIG_FILE));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const i of inputs.slice(1)) candidates.push(path.join(i, CONFIG_FILE));
  for (const candidate of candidates) {
    const why = configProblem(candidate);
    if (why === 'missing') continue;
    if (why)
      throw new TactError(
        `cannot read the config ${rel(candidate)}: ${why}`,
        2,
        'tact reads the project config from there: fix it, or name another with --config',
      );
    return candidate;
  }
  return undefined;
}

/** Why a config path cannot be read ('missing' when nothing is there), or undefined when it can. */
function configProblem(file: string): string | undefined {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    return fsReason(err);
  }
  if (st.isDirectory()) return 'it is a folder, not a file';
  const what = notAFile(st);
  if (what) return `it is ${what}, not a file`;
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    return fsReason(err);
  }
  return undefined;
}

function defaultConfig(): Config {
  return {
    bot: {},
    channel: 'chat',
    intents: new Map(),
    handlers: [],
    sentiment: { ...DEFAULT_SENTIMENT },
    rules: new Map(),
  };
}

// ---- small readers that never throw on unexpected shapes (the schema reports those) ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function readMessage(p: ParsedYaml, at: PathKey[], v: unknown): Message | undefined {
  const pos = p.posAt(at);
  if (typeof v === 'string') return { value: { kind: 'text', variants: [v] }, pos, textPos: [pos] };
  if (Array.isArray(v)) {
    const texts = v.map((t, i) => [t, i] as const).filter(([t]) => typeof t === 'string');
    return {
      value: { kind: 'text', variants: texts.map(([t]) => t as string) },
      pos,
      textPos: texts.map(([, i]) => p.posAt([...at, i])),
    };
  }
  if (isObj(v)) {
    const variants: Extract<MessageValue, { kind: 'sentiment' }>['variants'] = {};
    const textPos: Pos[] = [];
    for (const key of ['default', 'positive', 'neutral', 'negative', 'very_negative'] as const) {
      const inner = v[key];
      if (typeof inner === 'string') {
        variants[key] = [inner];
        textPos.push(p.posAt([...at, key]));
      } else if (Array.isArray(inner)) {
        const ok = inner.map((t, i) => [t, i] as const).filter(([t]) => typeof t === 'string');
        variants[key] = ok.map(([t]) => t as string);
        for (const [, i] of ok) textPos.push(p.posAt([...at, key, i]));
      }
    }
    return { value: { kind: 'sentiment', variants }, pos, textPos };
  }
  return undefined;
}

function qualifyTarget(raw: string, flow: string | undefined): string {
  return raw.includes('/') || !flow ? raw : `${flow}/${raw}`;
}

function readTarget(p: ParsedYaml, at: PathKey[], v: unknown, flow: string | undefined): Target | undefined {
  const raw = str(v);
  if (!raw) return undefined;
  return { raw, qid: qualifyTarget(raw, flow), pos: p.posAt(at) };
}

function readCondition(p: ParsedYaml, at: PathKey[], v: unknown, flow: string | undefined): Condition {
  const pos = p.posAt(at);
  const qualify = (n: string) => (flow ? `${flow}/${n}` : n);
  if (typeof v === 'string') {
    const parsed = parseCondition(v, qualify);
    if (parsed.error !== undefined) return { source: v, error: parsed.error, pos };
    return { source: v, logic: parsed.logic, names: parsed.names, comparisons: parsed.comparisons, pos };
  }
  if (isObj(v)) return { source: JSON.stringify(v), logic: v, pos };
  return { source: String(v), error: 'a condition must be an expression string or a JSON Logic object', pos };
}

function readRoute(
  p: ParsedYaml,
  at: PathKey[],
  v: unknown,
  flow: string | undefined,
  scope: Route['scope'],
): Route | undefined {
  if (!isObj(v)) return undefined;
  const goto = readTarget(p, [...at, 'goto'], v.goto, flow);
  if (!goto) return undefined;
  const pos = p.posAt(at);
  if (typeof v.intent === 'string')
    return { when: { intent: v.intent, intentPos: p.posAt([...at, 'intent']) }, goto, pos, scope, flow };
  if (typeof v.sentiment === 'string')
    return { when: { sentiment: v.sentiment as SentimentLabel }, goto, pos, scope, flow };
  if (v.if !== undefined)
    return { when: { if: readCondition(p, [...at, 'if'], v.if, flow) }, goto, pos, scope, flow };
  return undefined;
}

function readIntents(
  p: ParsedYaml,
  at: PathKey[],
  v: unknown,
  flow: string | undefined,
): Map<string, IntentDef> {
  const out = new Map<string, IntentDef>();
  for (const [name, def] of entries(v)) {
    const d = isObj(def) ? def : {};
    out.set(name, {
      name,
      qid: flow ? `${flow}/${name}` : name,
      flow,
      examples: list(d.examples).filter((e): e is string => typeof e === 'string'),
      sensitive: d.sensitive === true,
      description: str(d.description),
      builtin: false,
      pos: p.posAt([...at, name], { key: true }),
    });
  }
  return out;
}

function loadConfig(
  file: string,
  text: string,
  files: SourceFile[],
  problems: LoadProblem[],
  abs = path.resolve(file),
): Config {
  files.push({ path: file, kind: 'config', text });
  const config = defaultConfig();
  config.file = file;
  const parsed = parseYamlFile(file, text);
  problems.push(...parsed.problems);
  if (parsed.value == null) return config;
  problems.push(...validateAgainstSchema('config', parsed));
  const v = parsed.value;
  if (!isObj(v)) return config;
  if (isObj(v.bot)) {
    config.bot = { name: str(v.bot.name), company: str(v.bot.company) };
    if (typeof v.bot.disclosure === 'string')
      config.bot.disclosure = { text: v.bot.disclosure, pos: parsed.posAt(['bot', 'disclosure']) };
  }
  if (typeof v.name === 'string') config.name = v.name;
  if (typeof v.channel === 'string' && ['chat', 'sms', 'voice'].includes(v.channel))
    config.channel = v.channel as Channel;
  config.entry = readTarget(parsed, ['entry'], v.entry, undefined);
  config.intents = readIntents(parsed, ['intents'], v.intents, undefined);
  config.handlers = list(v.handlers)
    .map((h, i) => readRoute(parsed, ['handlers', i], h, undefined, 'global'))
    .filter((r): r is Route => r !== undefined);
  if (isObj(v.fallback)) {
    config.fallback = {
      say:
        v.fallback.say !== undefined ? readMessage(parsed, ['fallback', 'say'], v.fallback.say) : undefined,
      max: typeof v.fallback.max === 'number' ? v.fallback.max : DEFAULT_FALLBACK_MAX,
      then: readTarget(parsed, ['fallback', 'then'], v.fallback.then, undefined),
      pos: parsed.posAt(['fallback'], { key: true }),
    };
  }
  if (isObj(v.sentiment)) {
    for (const k of ['positive', 'negative', 'very_negative'] as const) {
      if (typeof v.sentiment[k] === 'number') config.sentiment[k] = v.sentiment[k] as number;
    }
  }
  // Paths in the config stay inside the project folder (the config's own folder).
  const root = path.dirname(abs);
  for (const key of CONFIG_PATH_KEYS) {
    const written = isObj(v.simulate) ? v.simulate[key] : undefined;
    const why = typeof written === 'string' ? outsideProject(root, written) : undefined;
    if (why)
      problems.push({
        rule: 'schema',
        message: `simulate.${key} \`${written}\`: ${why}; give a path inside the project folder`,
        pos: parsed.posAt(['simulate', key]),
      });
  }
  for (const [id, setting] of entries(v.rules)) {
    const pos = parsed.posAt(['rules', id], { key: true });
    const rs: RuleSetting = { options: {}, pos };
    if (typeof setting === 'string') rs.severity = setting as RuleSetting['severity'];
    else if (isObj(setting)) {
      for (const [k, val] of Object.entries(setting)) {
        if (k === 'severity') rs.severity = val as RuleSetting['severity'];
        else rs.options[k] = val;
      }
    }
    config.rules.set(id, rs);
  }
  return config;
}

function stepKind(s: Obj): StepKind {
  if ('ask' in s) return 'ask';
  if ('branch' in s) return 'branch';
  if ('action' in s) return 'action';
  if ('handoff' in s) return 'handoff';
  if ('end' in s) return 'end';
  return 'message';
}

function buildFlow(p: ParsedYaml, config: Config): Flow | undefined {
  const v = p.value as Obj;
  const id = str(v.flow);
  if (!id || !/^[a-z][a-z0-9_-]*$/.test(id)) return undefined;
  const stepsObj = isObj(v.steps) ? v.steps : {};
  const stepIds = Object.keys(stepsObj);
  const flow: Flow = {
    id,
    file: p.file,
    pos: p.posAt([]),
    idPos: p.posAt(['flow']),
    title: str(v.title),
    channel: (['chat', 'sms', 'voice'].includes(v.channel as string) ? v.channel : config.channel) as Channel,
    start: str(v.start) ?? stepIds[0] ?? '',
    startPos: v.start !== undefined ? p.posAt(['start']) : undefined,
    data: new Map(),
    intents: readIntents(p, ['intents'], v.intents, id),
    handlers: [],
    steps: new Map(),
  };
  for (const [name, raw] of entries(v.data)) {
    const d = isObj(raw) ? raw : {};
    const type = (str(d.type) ?? 'text') as DataType;
    const personalWritten = typeof d.personal === 'boolean' ? d.personal : undefined;
    const sensitive = d.sensitive === true;
    const def: DataDef = {
      name,
      qid: `${id}/${name}`,
      flow: id,
      type,
      personalWritten,
      personal:
        personalWritten ??
        (PERSONAL_TYPES.has(type) || (type === 'date' && BIRTH_DATE_NAME.test(name)) || sensitive),
      sensitive,
      purpose: str(d.purpose),
      retention: str(d.retention),
      pattern: str(d.pattern),
      values: Array.isArray(d.values)
        ? d.values.filter((x): x is string => typeof x === 'string')
        : undefined,
      pos: p.posAt(['data', name], { key: true }),
    };
    flow.data.set(name, def);
  }
  flow.handlers = list(v.handlers)
    .map((h, i) => readRoute(p, ['handlers', i], h, id, 'flow'))
    .filter((r): r is Route => r !== undefined);

  for (const [sid, raw] of Object.entries(stepsObj)) {
    if (!isObj(raw)) continue;
    const at: PathKey[] = ['steps', sid];
    const s = raw;
    const step: Step = {
      id: sid,
      qid: `${id}/${sid}`,
      flow: id,
      kind: stepKind(s),
      pos: p.posAt(at, { key: true }),
    };
    if (s.say !== undefined) step.say = readMessage(p, [...at, 'say'], s.say);
    if (s.ask !== undefined) step.ask = readMessage(p, [...at, 'ask'], s.ask);
    if (typeof s.collect === 'string') step.collect = { name: s.collect, pos: p.posAt([...at, 'collect']) };
    if (Array.isArray(s.options)) {
      step.optionsPos = p.posAt([...at, 'options'], { key: true });
      step.options = s.options
        .map((o, i): OptionDef | undefined => {
          if (!isObj(o) || typeof o.label !== 'string') return undefined;
          const goto = readTarget(p, [...at, 'options', i, 'goto'], o.goto, id);
          if (!goto) return undefined;
          return {
            label: o.label,
            goto,
            intent: str(o.intent),
            intentPos: o.intent !== undefined ? p.posAt([...at, 'options', i, 'intent']) : undefined,
            pos: p.posAt([...at, 'options', i]),
          };
        })
        .filter((o): o is OptionDef => o !== undefined);
    }
    if (Array.isArray(s.routes)) {
      step.routes = s.routes
        .map((r, i) => readRoute(p, [...at, 'routes', i], r, id, 'step'))
        .filter((r): r is Route => r !== undefined);
    }
    if (step.kind === 'ask') {
      if (isObj(s.fallback)) {
        step.fallback = {
          say:
            s.fallback.say !== undefined
              ? readMessage(p, [...at, 'fallback', 'say'], s.fallback.say)
              : undefined,
          max:
            typeof s.fallback.max === 'number'
              ? s.fallback.max
              : (config.fallback?.max ?? DEFAULT_FALLBACK_MAX),
          then: readTarget(p, [...at, 'fallback', 'then'], s.fallback.then, id),
          pos: p.posAt([...at, 'fallback'], { key: true }),
          inherited: false,
        } satisfies FallbackDef;
        if (!step.fallback.say && config.fallback?.say) step.fallback.say = config.fallback.say;
        if (!step.fallback.then && s.fallback.then === undefined && config.fallback?.then)
          step.fallback.then = { ...config.fallback.then };
      } else if (config.fallback) {
        step.fallback = {
          ...config.fallback,
          then: config.fallback.then && { ...config.fallback.then },
          inherited: true,
        };
      }
    }
    step.next = readTarget(p, [...at, 'next'], s.next, id);
    if (Array.isArray(s.branch)) {
      const cases: BranchCase[] = [];
      s.branch.forEach((c, i) => {
        if (!isObj(c)) return;
        if (c.else !== undefined) step.else = readTarget(p, [...at, 'branch', i, 'else'], c.else, id);
        else if (c.if !== undefined) {
          const goto = readTarget(p, [...at, 'branch', i, 'goto'], c.goto, id);
          if (goto)
            cases.push({
              if: readCondition(p, [...at, 'branch', i, 'if'], c.if, id),
              goto,
              pos: p.posAt([...at, 'branch', i]),
            });
        }
      });
      step.branch = cases;
    }
    if (typeof s.action === 'string') step.action = { name: s.action, pos: p.posAt([...at, 'action']) };
    if (Array.isArray(s.sets))
      step.sets = s.sets
        .map((n, i) => ({ n, i }))
        .filter(({ n }) => typeof n === 'string')
        .map(({ n, i }) => ({ name: n as string, pos: p.posAt([...at, 'sets', i]) }));
    if (s.handoff !== undefined) {
      const h = isObj(s.handoff) ? s.handoff : {};
      step.handoff = {
        queue: str(h.queue),
        reason: str(h.reason),
        pos: p.posAt([...at, 'handoff'], { key: true }),
      };
    }
    if (s.end === 'resolved' || s.end === 'unresolved')
      step.end = { outcome: s.end, pos: p.posAt([...at, 'end']) };
    if (typeof s.tone === 'string') step.tone = { value: s.tone as Tone, pos: p.posAt([...at, 'tone']) };
    if (s.discloses !== undefined) {
      const all = s.discloses === 'all';
      step.discloses = {
        all,
        names: all
          ? []
          : list(s.discloses)
              .map((n, i) => ({ n, i }))
              .filter(({ n }) => typeof n === 'string')
              .map(({ n, i }) => ({ name: n as string, pos: p.posAt([...at, 'discloses', i]) })),
        pos: p.posAt([...at, 'discloses']),
      };
    }
    flow.steps.set(sid, step);
  }
  return flow;
}

/** Turn each written intent name into its qualified id: flow-local first, then shared, then built-in. */
function resolveIntentRefs(flows: Map<string, Flow>, config: Config, intents: Map<string, IntentDef>): void {
  const resolve = (name: string, flow: string | undefined): string => {
    if (name.includes('/')) return name;
    if (flow && intents.has(`${flow}/${name}`)) return `${flow}/${name}`;
    return name;
  };
  const fixRoute = (r: Route) => {
    if ('intent' in r.when) r.when = { ...r.when, intent: resolve(r.when.intent, r.flow) };
  };
  config.handlers.forEach(fixRoute);
  for (const f of flows.values()) {
    f.handlers.forEach(fixRoute);
    for (const s of f.steps.values()) {
      s.routes?.forEach(fixRoute);
      for (const o of s.options ?? []) if (o.intent) o.intent = resolve(o.intent, f.id);
    }
  }
}
