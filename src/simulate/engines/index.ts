import { TactError } from '../../errors.js';
import type { ModelService } from '../ollama/service.js';
import type { CustomerEngine, Judge } from '../types.js';
import { scriptedEngine } from './scripted.js';

export type EngineName = 'scripted' | 'ollama' | 'replay';
export const ENGINE_NAMES: readonly EngineName[] = ['scripted', 'ollama', 'replay'];

/** The model that plays the customer (and judges) when --model is not given. */
export const DEFAULT_MODEL = 'llama3.2';
export const DEFAULT_TEMPERATURE = 0.7;
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_RETRIES = 3;

export interface EngineOptions {
  engine: EngineName;
  /** The customer's model (--model); with replay, the recorded one unless given. */
  model?: string;
  /** Rate each conversation's empathy with a model (--judge). */
  judge?: boolean;
  /** The judge's model (--judge-model); default the customer's model. */
  judgeModel?: string;
  /** --host values as given (repeatable); else OLLAMA_HOST from `env`, else 127.0.0.1:11434. */
  hosts?: string[];
  env?: NodeJS.ProcessEnv;
  /** The customer's sampling temperature (--temperature); with replay, the recorded one unless given. */
  temperature?: number;
  /** Time allowed for one model call, in milliseconds (--timeout). */
  timeoutMs?: number;
  /** Further tries of a failed call (--retries). */
  retries?: number;
  /** Requests in flight over all servers; default as the run's conversations at once. */
  concurrency?: number;
  /** Record every model exchange into this folder (--record). */
  record?: string;
  /** Answer from the recordings in this folder (--replay). */
  replay?: string;
  /** How recordings are written (the CLI's safe writer); default a temp file renamed into place. */
  writeFile?: (file: string, text: string) => void;
  /** Warnings while running (a server left out of the rotation); the CLI prints them on stderr. */
  onWarning?: (message: string) => void;
  /** Pauses and cool-downs of the host pool, in milliseconds (tests make them short). */
  backoffMs?: number;
  cooldownMs?: number;
}

/** Who plays the customers and who judges, for one run. */
export interface Players {
  engine: CustomerEngine;
  judge?: Judge;
  /** Conversations at once when --concurrency is not given: 4, or 2 per Ollama server. */
  concurrency: number;
}

const usage = (message: string, hint: string) => new TactError(message, 2, hint);

function checkCombination(o: EngineOptions): void {
  if (o.record && o.replay)
    throw usage(
      '--record and --replay do not go together',
      'record once with --record, then replay with --replay',
    );
  if (o.engine === 'replay' && !o.replay)
    throw usage('--engine replay needs --replay DIR', 'give the folder a run with --record wrote');
  if (o.replay && o.engine === 'ollama')
    throw usage(
      '--replay answers from recordings, so it does not go with --engine ollama',
      'use --engine replay --replay DIR, or drop --replay to ask the servers',
    );
  if (o.replay && o.engine === 'scripted' && !o.judge)
    throw usage(
      'with the scripted player, --replay has nothing to replay',
      'add --judge to replay recorded ratings, or use --engine replay',
    );
  if (o.record && o.engine === 'scripted' && !o.judge)
    throw usage(
      'nothing to record: the scripted player needs no model',
      'add --judge to record the judge, or use --engine ollama',
    );
  if (o.engine === 'replay' && o.record)
    throw usage(
      '--record and --engine replay do not go together',
      'a replay asks no model, so records nothing',
    );
}

/**
 * The customer engine and the judge a run asked for, sharing one source of model answers: Ollama
 * servers (one pool, one bound on requests in flight, one recording per conversation) or the
 * recordings of `--replay`. Bad combinations of options are TactErrors with exit code 2.
 */
export async function createPlayers(options: EngineOptions): Promise<Players> {
  checkCombination(options);
  const usesModel = options.engine !== 'scripted' || options.judge === true;
  if (!usesModel) {
    for (const [given, flag] of [
      [options.model, '--model'],
      [options.judgeModel, '--judge-model'],
      [options.hosts?.length ? options.hosts : undefined, '--host'],
    ] as const)
      if (given !== undefined)
        options.onWarning?.(`${flag} is for --engine ollama or --judge; the scripted player uses no model`);
    return { engine: scriptedEngine(), concurrency: 4 };
  }
  if (options.judgeModel && !options.judge)
    options.onWarning?.('--judge-model has no effect without --judge');

  // The model side (the ollama client, HTTP, recordings) loads only for a run that uses it.
  const [
    { resolveHosts },
    { modelJudge },
    { HostPool },
    { LiveService, ReplayService },
    { modelCustomerEngine },
  ] = await Promise.all([
    import('../ollama/host.js'),
    import('../ollama/judge.js'),
    import('../ollama/pool.js'),
    import('../ollama/service.js'),
    import('./ollama.js'),
  ]);
  let service: ModelService;
  let concurrency = 4;
  if (options.replay) {
    service = new ReplayService({
      dir: options.replay,
      customerModel: options.model,
      judgeModel: options.judgeModel ?? options.model,
      temperature: options.temperature,
    });
  } else {
    const hosts = resolveHosts(options.hosts, options.env ?? process.env);
    if (options.engine === 'ollama') concurrency = 2 * hosts.length;
    const model = options.model ?? DEFAULT_MODEL;
    const pool = new HostPool({
      hosts,
      concurrency: options.concurrency ?? concurrency,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retries: options.retries ?? DEFAULT_RETRIES,
      backoffMs: options.backoffMs,
      cooldownMs: options.cooldownMs,
      onWarning: options.onWarning,
    });
    service = new LiveService(pool, {
      customerModel: options.engine === 'ollama' ? model : undefined,
      judgeModel: options.judge ? (options.judgeModel ?? model) : undefined,
      temperature: options.temperature ?? DEFAULT_TEMPERATURE,
      record: options.record,
      customer: options.engine,
      writeFile: options.writeFile,
    });
  }
  const engine =
    options.engine === 'scripted' ? scriptedEngine() : modelCustomerEngine(options.engine, service);
  return { engine, ...(options.judge ? { judge: modelJudge(service) } : {}), concurrency };
}

/** The customer engine a run asked for (createPlayers without the judge). */
export async function createEngine(options: EngineOptions): Promise<CustomerEngine> {
  return (await createPlayers(options)).engine;
}
