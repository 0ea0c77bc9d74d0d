// The project config: where tact.config.yaml is, and the config model built from it.
import path from 'node:path';
import { TactError } from '../errors.js';
import { DEFAULT_FALLBACK_MAX, DEFAULT_SENTIMENT } from './builtins.js';
import { fileProblem, statSafe } from './fs.js';
import { CONFIG_PATH_KEYS, outsideProject } from './project-paths.js';
import { entries, isObj, list, readIntents, readMessage, readRoute, readTarget, str } from './read.js';
import type { Channel, Config, LoadProblem, Route, RuleSetting, SourceFile } from './types.js';
import { validateAgainstSchema } from './validate.js';
import { parseYamlFile } from './yaml-limits.js';

export const CONFIG_FILE = 'tact.config.yaml';

/**
 * The config file in force: `--config FILE`, else tact.config.yaml from the first path upwards,
 * else one beside another path. One that exists but is a folder, a FIFO or unreadable is an error
 * that says so (exit 2), never passed over in silence.
 */
export function findConfig(
  inputs: string[],
  explicit: string | undefined,
  rel: (abs: string) => string,
): string | undefined {
  if (explicit) {
    const why = fileProblem(explicit);
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
    const why = fileProblem(candidate);
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

export function defaultConfig(): Config {
  return {
    bot: {},
    channel: 'chat',
    intents: new Map(),
    handlers: [],
    sentiment: { ...DEFAULT_SENTIMENT },
    rules: new Map(),
    ignore: [],
  };
}

export function loadConfig(
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
  config.ignore = list(v.ignore).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
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
