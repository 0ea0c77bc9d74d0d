import { type Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_MODEL,
  DEFAULT_RETRIES,
  DEFAULT_TEMPERATURE,
  DEFAULT_TIMEOUT_MS,
  type EngineName,
  type EngineOptions,
} from '../simulate/engines/index.js';
import { writeOutput } from './io.js';
import { parseCount } from './options.js';

/** The options of `tact simulate` for the model engines, the judge, and record and replay. */
export interface ModelCommandOptions {
  model?: string;
  host?: string[];
  temperature?: number;
  timeout?: number;
  retries?: number;
  record?: string;
  replay?: string;
  judge?: boolean;
  judgeModel?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseTemperature(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n > 2)
    throw new InvalidArgumentError(`expected a number from 0 to 2, e.g. 0.7, got "${value}"`);
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n <= 0)
    throw new InvalidArgumentError(`expected a number of seconds above 0, e.g. 60, got "${value}"`);
  return n;
}

/** Add the model options to `tact simulate`, with their help. */
export function addModelOptions(command: Command): Command {
  return command
    .option(
      '--model <name>',
      `the Ollama model that plays the customer (--engine ollama) and judges (--judge) (default ${DEFAULT_MODEL}; with replay, the recorded one)`,
    )
    .option(
      '--host <url>',
      'an Ollama server, as OLLAMA_HOST takes it (repeatable: each conversation goes to the least busy; default OLLAMA_HOST, else 127.0.0.1:11434)',
      collect,
    )
    .option(
      '--temperature <t>',
      `the customer model's sampling temperature, 0 to 2 (default ${DEFAULT_TEMPERATURE}; with replay, the recorded one)`,
      parseTemperature,
    )
    .option(
      '--timeout <seconds>',
      `time allowed for one model call (default ${DEFAULT_TIMEOUT_MS / 1000})`,
      parseSeconds,
    )
    .option(
      '--retries <n>',
      `further tries of a model call that failed: busy (503, 429), timed out, connection dropped (default ${DEFAULT_RETRIES})`,
      parseCount,
    )
    .option('--record <dir>', 'record every model exchange there: one JSON file per conversation')
    .option(
      '--replay <dir>',
      'answer from the recordings in dir, with no server (with --engine replay, or the judge with --judge)',
    )
    .option('--judge', "a model rates each conversation's empathy from 1 to 5 (checks expect.min_empathy)")
    .option('--judge-model <name>', "the judge's model (default: --model)");
}

/** The engine options of one `tact simulate` run; recordings are written as reports are. */
export function modelEngineOptions(
  engine: EngineName,
  opts: ModelCommandOptions,
  inputs: string[],
): EngineOptions {
  return {
    engine,
    model: opts.model,
    judge: opts.judge === true,
    judgeModel: opts.judgeModel,
    hosts: opts.host,
    env: process.env,
    temperature: opts.temperature,
    timeoutMs: opts.timeout !== undefined ? Math.round(opts.timeout * 1000) : undefined,
    retries: opts.retries,
    record: opts.record,
    replay: opts.replay,
    writeFile: (file, text) => writeOutput(file, text, { inputs }),
    onWarning: (message) => process.stderr.write(`tact: warning: ${message}\n`),
  };
}
