import type { LoadedProject } from './flow/load.js';
import type { Message, SeveritySetting } from './flow/types.js';
import { ruleMetas } from './rules/registry.js';

/** Where a setting came from: tact's default, the config file, or `--rule` on the command line. */
export type SettingSource = 'default' | 'config' | '--rule';

export interface RuleInForce {
  severity: SeveritySetting;
  severityFrom: SettingSource;
  /** The options the rule runs with: its defaults, with those written in the config over them. */
  options: Record<string, unknown>;
  optionsFrom: Record<string, SettingSource>;
}

/** The config a lint run uses, and where each part came from (`tact lint --print-config`). */
export interface ConfigInForce {
  /** The config file read (relative to the working folder), or null when none was found. */
  file: string | null;
  /** How it was found: named by --config, looked up from the first path upwards, or none. */
  found: string;
  name: string | null;
  bot: { name?: string; company?: string };
  channel: string;
  entry: string | null;
  entryFrom: 'config' | 'the only flow' | 'none';
  sentiment: Record<string, number>;
  fallback: { say?: unknown; max: number; then?: string } | null;
  intents: string[];
  handlers: number;
  rules: Record<string, RuleInForce>;
  /** The ignore patterns in force, each with where it was written (`.tactignore:2`, the config file). */
  ignores: { pattern: string; from: string }[];
}

const messageValue = (m: Message | undefined) => m?.value.variants;

/**
 * The settings in force for a loaded project with the `--rule` overrides of this run: what
 * `tact lint --print-config` prints, as ESLint's `--print-config` does.
 */
export function configInForce(
  project: LoadedProject,
  overrides: Record<string, SeveritySetting> = {},
  explicitConfig?: string,
): ConfigInForce {
  const config = project.config;
  const rules: Record<string, RuleInForce> = {};
  for (const meta of ruleMetas()) {
    const written = config.rules.get(meta.id);
    const severityFrom: SettingSource =
      overrides[meta.id] !== undefined ? '--rule' : written?.severity !== undefined ? 'config' : 'default';
    const options: Record<string, unknown> = { ...meta.defaultOptions };
    const optionsFrom: Record<string, SettingSource> = {};
    for (const k of Object.keys(options)) optionsFrom[k] = 'default';
    for (const [k, v] of Object.entries(written?.options ?? {})) {
      options[k] = v;
      optionsFrom[k] = 'config';
    }
    rules[meta.id] = {
      severity: overrides[meta.id] ?? written?.severity ?? meta.severity,
      severityFrom,
      options,
      optionsFrom,
    };
  }
  const only = project.flows.size === 1 && !config.entry;
  return {
    file: config.file ?? null,
    found: explicitConfig
      ? 'named by --config'
      : config.file
        ? 'looked up from the first path upwards'
        : 'none found: tact defaults',
    name: config.name ?? null,
    bot: config.bot,
    channel: config.channel,
    entry: project.entry ?? null,
    entryFrom: config.entry ? 'config' : only ? 'the only flow' : 'none',
    sentiment: { ...config.sentiment },
    fallback: config.fallback
      ? {
          ...(config.fallback.say ? { say: messageValue(config.fallback.say) } : {}),
          max: config.fallback.max,
          ...(config.fallback.then ? { then: config.fallback.then.qid } : {}),
        }
      : null,
    intents: [...project.intents.keys()].sort(),
    handlers: config.handlers.length,
    rules,
    ignores: project.ignores.map((i) => ({ ...i })),
  };
}
