// The loader: one model of the whole project from the paths given. The jobs live beside it:
// discover.ts (which files), config.ts (tact.config.yaml), build.ts (flow files), persona.ts
// (persona files), intents.ts (built-in intents and name resolution).
import path from 'node:path';
import { readFlowFile } from './build.js';
import { defaultConfig, findConfig, loadConfig } from './config.js';
import { discoverAll, statInput } from './discover.js';
import { readText } from './fs.js';
import { type IgnorePattern, Ignores } from './ignore.js';
import { projectIntents, resolveIntentRefs } from './intents.js';
import { readPersonaFile } from './persona.js';
import type { Config, Flow, LoadProblem, Persona, Project, SourceFile } from './types.js';

export { CONFIG_FILE } from './config.js';

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
  /** Apply `ignore:` and `.tactignore` when walking folders (default true; `--no-ignore` sets false). */
  ignore?: boolean;
}

/** A loaded project and where it lives. */
export interface LoadedProject extends Project {
  /** Absolute folder of the project (the config's folder, else the first path's folder). */
  root: string;
  /** What discovery left out and why (FIFOs, sockets, devices, links to what was read already). */
  warnings: string[];
  /** The ignore patterns in force (`ignore:` in the config, then `.tactignore`); none with `ignore: false`. */
  ignores: IgnorePattern[];
  /** Files and folders the walk left out because a pattern matched them (relative paths). */
  ignored: string[];
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
  const firstIsFolder = statInput(inputs[0]).st.isDirectory();
  for (const input of inputs.slice(1)) statInput(input);
  const explicitConfig = options.config ? path.resolve(cwd, options.config) : undefined;
  const configPath =
    options.personasOnly && !explicitConfig ? undefined : findConfig(inputs, explicitConfig, rel);
  const files: SourceFile[] = [];
  const problems: LoadProblem[] = [];

  const config = configPath
    ? loadConfig(rel(configPath), readText(configPath), files, problems, configPath)
    : defaultConfig();
  const root = configPath ? path.dirname(configPath) : firstIsFolder ? inputs[0] : path.dirname(inputs[0]);
  const ignores = new Ignores();
  if (options.ignore !== false) {
    if (configPath && config.file)
      ignores.add(
        root,
        config.ignore.map((pattern) => ({ pattern, from: config.file as string })),
      );
    ignores.addFile(root, rel);
  }
  const found = discoverAll(inputs, rel, ignores);
  if (!configPath && !options.personasOnly && found.configs.length > 0)
    found.warnings.push(unusedConfigs(found.configs, rel));
  const { personas: personaFiles } = found;
  const flowFiles = options.personasOnly ? [] : found.flows;
  const intents = projectIntents(config);

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
    const { persona, problems: own } = readPersonaFile(file, text);
    problems.push(...own);
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

  return {
    cwd,
    files,
    config,
    flows,
    entry,
    intents,
    problems,
    personas,
    root,
    warnings: found.warnings,
    ignores: ignores.patterns,
    ignored: found.ignored,
  };
}

/**
 * The warning for config files below the paths when none is in force: their flows are linted
 * with tact's defaults, which is rarely what was meant (`tact lint` at a repo whose config is in
 * `flows/`).
 */
function unusedConfigs(configs: string[], rel: (abs: string) => string): string {
  const first = rel(configs[0]);
  const how = `lint its folder (\`tact lint ${rel(path.dirname(configs[0]))}\`) or name it with --config`;
  if (configs.length === 1)
    return `${first} is not in force: tact looks for the config from the first path upwards, and found none; ${how}`;
  const names = configs.slice(0, 3).map(rel).join(', ');
  return `${configs.length} config files below are not in force (${names}${configs.length > 3 ? ', ...' : ''}): tact looks for the config from the first path upwards, and found none; to use ${first}, ${how}`;
}
