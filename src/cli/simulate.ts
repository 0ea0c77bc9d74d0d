import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { TactError } from '../errors.js';
import type { Persona } from '../flow/types.js';
import { lint } from '../lint.js';
import { formatLintReport } from '../report/index.js';
import { formatConversationLine, formatSimSummary } from '../report/sim-summary.js';
import { reportPath, simReportFiles } from '../report/simulation/index.js';
import { type Bot, loadBot } from '../runtime/index.js';
import { createPlayers, ENGINE_NAMES, type EngineName } from '../simulate/engines/index.js';
import { DEFAULT_MAX_TURNS, type SimulationRun, simulate } from '../simulate/run.js';
import type { SimReport } from '../simulate/summary.js';
import type { RunEvent } from '../simulate/types.js';
import { readBotFile } from './bot-file.js';
import { lintAndCompile } from './compile.js';
import { liveTerminal, projectInputs, useColor, writeOutput } from './io.js';
import { addProjectOptions, oneOf, type ProjectOptions, parseCount } from './options.js';
import { onInterrupt } from './process-guards.js';
import { loadScreen } from './screens.js';
import { addModelOptions, type ModelCommandOptions, modelEngineOptions } from './simulate-model.js';

export interface SimulateCommandOptions extends ProjectOptions, ModelCommandOptions {
  personas?: string[];
  persona?: string[];
  engine: EngineName;
  runs: number;
  seed: number;
  concurrency?: number;
  workers?: number;
  maxTurns: number;
  shard?: { index: number; total: number };
  report?: string;
  showPersonal?: boolean;
  force?: boolean;
  quiet?: boolean;
  allowChanged?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parse `--shard I/N` (1 ≤ I ≤ N). */
export function parseShard(value: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const total = m ? Number(m[2]) : Number.NaN;
  if (!m || total < 1 || index < 1 || index > total)
    throw new InvalidArgumentError(`expected I/N with 1 ≤ I ≤ N, e.g. 2/4, got "${value}"`);
  return { index, total };
}

const positive = (value: string) => {
  const n = parseCount(value);
  if (n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return n;
};

export function registerSimulate(program: Command): void {
  const command = program
    .command('simulate')
    .description('run simulated customers (personas in a mood) against the bot and check what they expect')
    .argument('[paths...]', 'flow files or folders, or a compiled bot.json (default: the current folder)')
    .option(
      '-p, --personas <path>',
      'persona files or folders (repeatable; default: the *.persona.yaml files under the paths)',
      collect,
    )
    .option('--persona <id>', 'run only this persona (repeatable)', collect)
    .option(
      '-e, --engine <name>',
      `who plays the customers: ${ENGINE_NAMES.join(', ')}`,
      oneOf(ENGINE_NAMES),
      'scripted',
    )
    .option('-n, --runs <n>', 'conversations per persona, with seeds seed..seed+n-1', positive, 1)
    .option('--seed <n>', 'the first seed', parseCount, 0)
    .option('-j, --concurrency <n>', 'conversations at once (default 4; 2 per Ollama server)', positive)
    .option(
      '--workers <n>',
      'threads for the scripted player (default: one per core when there are hundreds of conversations; 1: none)',
      positive,
    )
    .option(
      '--max-turns <n>',
      'customer turns before a conversation counts as stuck',
      positive,
      DEFAULT_MAX_TURNS,
    )
    .option(
      '--shard <i/n>',
      'run every n-th conversation from the i-th (CI matrix); join with `simulate merge`',
      parseShard,
    )
    .option('-r, --report <dir>', 'write report.json, junit.xml, report.html and transcripts/*.md there')
    .option('--show-personal', 'keep data marked personal in the reports (masked by default)')
    .option('--force', 'simulate even when lint reports errors in the flows or personas')
    .option('--allow-changed', 'run a bot.json whose content no longer matches its hash (with a warning)')
    .option('-q, --quiet', 'no live view: print only failed conversations and the summary');
  addModelOptions(command);
  addProjectOptions(command)
    .addHelpText(
      'after',
      `
Each persona (*.persona.yaml: mood, goal, what it knows, patience, traits, world, expect) talks to
the bot, compiled in memory behind the lint gate as \`tact compile\` does, or to a compiled bot.json.
A conversation ends at a handoff, an end step, when the customer is done or gives up, or at
--max-turns. Per conversation: outcome, turns, fallbacks, when the customer asked for a person and
when the handoff came, sentiment per turn, tone mismatches, repeated asks, steps and routes.
On a terminal a live view shows the conversations in flight; otherwise (or in CI: CI or
CONTINUOUS_INTEGRATION set) one line per conversation.
Ctrl-C stops new conversations, writes the report of those finished and exits 130.

Exit codes: 0 every expectation held, 1 an expectation failed (or lint errors refused the run),
2 could not simulate (bad arguments, no personas, unreadable files, no conversation could run),
130 stopped by Ctrl-C.
Examples:
  tact simulate flows
  tact simulate flows --personas personas --runs 5 --report sim-report
  tact simulate dist/bot.json --personas personas --persona angry-damaged-item
  tact simulate flows --engine ollama --model llama3.2 --record recordings
  tact simulate flows --engine replay --replay recordings --report sim-report
  tact simulate flows --judge --host 127.0.0.1:11434 --host gpu-box:11434
  tact simulate flows --shard 2/4 --report shard-2
  tact simulate merge shard-1 shard-2 shard-3 shard-4 --report sim-report`,
    )
    .action(async (paths: string[], opts: SimulateCommandOptions) => {
      process.exitCode = await runSimulate(paths, opts);
    });

  command
    .command('merge')
    .description('join the report.json of several shards (or runs) into one report')
    .argument('<dirs...>', 'report folders written by `tact simulate --report`')
    .addHelpText(
      'after',
      `
Options (those of \`tact simulate\`, written after the folders):
  -r, --report <dir>  where to write the joined report (required)
  -q, --quiet         print only the failures and the summary

The shards must come from the same bot (the same hash). Conversations are joined and the pass
rates, outcomes and coverage computed again over all of them; every report kind is written again.

Exit codes: 0 every expectation held, 1 an expectation failed, 2 could not merge (a folder without
report.json, reports of different bots, no --report).
Examples:
  tact simulate merge shard-1 shard-2 --report sim-report`,
    )
    .action(async (dirs: string[], _opts: unknown, cmd: Command) => {
      // `--report` and `--quiet` are the simulate command's own: commander gives them to it.
      const opts = cmd.optsWithGlobals() as { report?: string; quiet?: boolean };
      if (!opts.report)
        throw new TactError('simulate merge needs --report DIR', 2, 'say where to write the joined report');
      const { mergeReportDirs } = await import('../simulate/merge.js');
      const report = mergeReportDirs(dirs);
      writeReports(
        opts.report,
        report,
        dirs.map((d) => path.resolve(d, 'report.json')),
      );
      const color = useColor(false);
      if (!opts.quiet)
        for (const c of report.conversations.filter((x) => !x.passed))
          process.stdout.write(`${formatConversationLine(c, { color })}\n`);
      process.stdout.write(formatSimSummary(report, { color }));
      process.exitCode = report.summary.failed > 0 ? 1 : 0;
    });
}

interface Target {
  bot: Bot;
  personas: Persona[];
  inputs: string[];
}

/** The bot (compiled here behind the lint gate, or a bot.json) and the personas to run. */
function loadTarget(paths: string[], opts: SimulateCommandOptions): Target {
  const personaPaths = opts.personas ?? [];
  const isBotFile = paths.length === 1 && paths[0].endsWith('.json');
  let bot: Bot;
  let personas: Persona[];
  let inputs: string[];
  if (isBotFile) {
    bot = readBotFile(paths[0], { allowChanged: opts.allowChanged, command: 'simulate' });
    if (personaPaths.length === 0)
      throw new TactError(
        'a compiled bot needs --personas',
        2,
        'give the folder of your *.persona.yaml files',
      );
    const report = lint(personaPaths, {
      config: opts.config,
      rules: opts.rule,
      personasOnly: true,
      ignore: opts.ignore,
    });
    const errors = report.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      process.stderr.write(formatLintReport({ ...report, findings: errors }, 'compact', { color: false }));
      if (!opts.force)
        throw new TactError(
          `simulate refused: ${errors.length} lint error${errors.length === 1 ? '' : 's'} in the personas`,
          1,
          'fix them, or simulate anyway with --force',
        );
    }
    personas = report.project.personas;
    inputs = [path.resolve(paths[0]), ...projectInputs(report.project)];
  } else {
    const linted = lintAndCompile([...(paths.length > 0 ? paths : ['.']), ...personaPaths], {
      ...opts,
      quiet: opts.quiet,
      command: 'simulate',
    });
    bot = loadBot(linted.bot);
    personas = linted.project.personas;
    inputs = projectInputs(linted.project);
  }
  if (personas.length === 0)
    throw new TactError(
      `no personas in ${[...paths, ...personaPaths].join(', ') || 'the current folder'}`,
      2,
      // A project tact init wrote keeps them in personas/, beside flows/: say so, if that is it.
      paths.length > 0 && personaPaths.length === 0 && existsSync(path.resolve('personas'))
        ? 'personas/ was not among the paths: run `tact simulate` for the whole project, or add --personas personas'
        : 'write *.persona.yaml files (see docs/simulation.md), or give their folder with --personas',
    );
  if (opts.persona?.length) {
    const known = new Set(personas.map((p) => p.id));
    const unknown = opts.persona.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new TactError(
        `no persona ${unknown.map((u) => `\`${u}\``).join(', ')}`,
        2,
        `personas: ${[...known].sort().join(', ')}`,
      );
    personas = personas.filter((p) => opts.persona!.includes(p.id));
  }
  return { bot, personas, inputs };
}

async function runSimulate(paths: string[], opts: SimulateCommandOptions): Promise<number> {
  const target = loadTarget(paths, opts);
  const players = await createPlayers(modelEngineOptions(opts.engine, opts, target.inputs));
  const engine = players.engine;
  const color = useColor(false);
  const controller = new AbortController();
  const release = onInterrupt(() => {
    process.stderr.write('\ntact: stopping: no new conversations; Ctrl-C again to quit at once\n');
    controller.abort();
  });
  const print = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const live =
    liveTerminal({ keys: false }) && !opts.quiet ? await startLiveView(target, engine.name, opts) : undefined;
  const onEvent =
    live?.onEvent ??
    ((event: RunEvent) => {
      if (event.type !== 'end') return;
      if (opts.quiet && event.result.passed) return;
      print(formatConversationLine(event.result, { color }));
    });
  let run: SimulationRun;
  try {
    run = await simulate(target.bot, target.personas, engine, {
      runs: opts.runs,
      seed: opts.seed,
      concurrency: opts.concurrency ?? players.concurrency,
      workers: opts.workers,
      judge: players.judge,
      maxTurns: opts.maxTurns,
      shard: opts.shard,
      showPersonal: opts.showPersonal,
      signal: controller.signal,
      onEvent,
    });
  } finally {
    release();
    await live?.stop();
  }
  const { report } = run;
  if (opts.report) writeReports(opts.report, report, target.inputs);
  print(`\n${formatSimSummary(report, { color })}`);
  if (opts.report && !opts.quiet) print(`report: ${path.join(opts.report, 'report.html')}`);
  if (run.interrupted) return 130;
  if (report.summary.conversations > 0 && report.summary.errors === report.summary.conversations) {
    const first = run.errors[0]?.error ?? 'unknown error';
    throw new TactError(`no conversation could run: ${first}`, 2);
  }
  return report.summary.failed > 0 ? 1 : 0;
}

/** The ink view of the run in flight (a terminal, not --quiet); `stop` draws it a last time and closes it. */
async function startLiveView(
  target: Target,
  engine: string,
  opts: SimulateCommandOptions,
): Promise<{ onEvent: (e: RunEvent) => void; stop: () => Promise<void> }> {
  // Loaded only here, so CI and piped runs never start React.
  const {
    ink: { render },
    react: { createElement },
    screen: { LiveRun, SimulationView },
  } = await loadScreen('simulate');
  const run = new LiveRun();
  const conversations = target.personas.length * opts.runs;
  const title = `tact simulate · ${target.bot.name} · ${engine} · ${conversations} conversation${conversations === 1 ? '' : 's'}`;
  const app = render(createElement(SimulationView, { run, title }), {
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    onEvent: run.onEvent,
    stop: async () => {
      run.finish();
      await new Promise((resolve) => setTimeout(resolve, 120));
      app.unmount();
      await app.waitUntilExit();
    },
  };
}

/**
 * Write every report kind into `dir` (each file atomically, never over an input), then remove
 * transcripts of an earlier run that this run did not write, so the folder matches report.json.
 */
export function writeReports(dir: string, report: SimReport, inputs: string[]): void {
  const files = simReportFiles(report);
  for (const [file, text] of files) writeOutput(reportPath(dir, file), text, { inputs });
  const transcripts = path.join(dir, 'transcripts');
  let old: string[] = [];
  try {
    old = readdirSync(transcripts);
  } catch {
    return;
  }
  for (const name of old)
    if (name.endsWith('.md') && !files.has(`transcripts/${name}`))
      rmSync(path.join(transcripts, name), { force: true });
}
