import { type Command, InvalidArgumentError } from 'commander';
import type { SeveritySetting } from '../flow/types.js';

/** Parse one `--rule ID=SEVERITY` and add it to the earlier ones. */
export function collectRule(
  value: string,
  previous: Record<string, SeveritySetting> = {},
): Record<string, SeveritySetting> {
  const m = /^([a-z][a-z0-9-]*)=(error|warn|info|off)$/.exec(value.trim());
  if (!m)
    throw new InvalidArgumentError(
      `expected ID=SEVERITY (severity: error, warn, info or off), got "${value}"`,
    );
  return { ...previous, [m[1]]: m[2] as SeveritySetting };
}

/** Parse a whole number option. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value);
}

/** A commander argument parser that accepts one of a fixed list. */
export function oneOf<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got "${value}"`);
    return value as T;
  };
}

/** The options of every command that lints a project: `--rule`, `--config` and `--no-ignore`. */
export interface ProjectOptions {
  rule?: Record<string, SeveritySetting>;
  config?: string;
  /** false with `--no-ignore`: walk folders without `ignore:` and `.tactignore`. */
  ignore?: boolean;
}

/** Add the options of `ProjectOptions` to a command, with their help; returns the command. */
export function addProjectOptions(command: Command): Command {
  return command
    .option(
      '--rule <id=severity>',
      'override a rule for this run, e.g. --rule readability=off (repeatable)',
      collectRule,
    )
    .option(
      '-c, --config <file>',
      'the config file (default: tact.config.yaml looked up from the first path)',
    )
    .option(
      '--no-ignore',
      'read every flow and persona file in the folders given, leaving out none by `ignore:` in the config or .tactignore',
    );
}
