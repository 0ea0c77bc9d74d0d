import { Command, CommanderError, Help } from 'commander';
import { TactError } from '../errors.js';
import { TOOL_VERSION } from '../meta.js';
import { safeText } from '../report/safe-text.js';
import { installProcessGuards } from './process-guards.js';

/**
 * One command of `tact`: its name and one-line description (for `tact --help`, without loading
 * it) and how to load the module that registers it. A command's modules are loaded only when that
 * command runs, so `tact --version` and `tact --help` load none of them. To add a command, add one
 * entry here (test/cli/main.test.ts checks the description matches the one it registers).
 */
export interface CommandEntry {
  name: string;
  /** What follows the name in `tact --help` (`[options] [paths...]`). */
  usage: string;
  description: string;
  load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'lint',
    usage: '[options] [paths...]',
    description: 'check flows, personas and config against the schemas and the rules (the CI gate)',
    load: async () => (await import('./lint.js')).registerLint,
  },
  {
    name: 'compile',
    usage: '[options] [paths...]',
    description: 'lint, then compile the flows into one portable bot JSON file that the runtime runs',
    load: async () => (await import('./compile.js')).registerCompile,
  },
  {
    name: 'simulate',
    usage: '[options] [paths...]',
    description: 'run simulated customers (personas in a mood) against the bot and check what they expect',
    load: async () => (await import('./simulate.js')).registerSimulate,
  },
  {
    name: 'chat',
    usage: '[options] [paths...]',
    description: 'talk to the bot in the terminal; with piped input, one customer line per input line',
    load: async () => (await import('./chat.js')).registerChat,
  },
  {
    name: 'graph',
    usage: '[options] [paths...]',
    description:
      'draw the flows as a diagram: ask steps, handoff steps (the human exits) and steps with findings marked',
    load: async () => (await import('./graph.js')).registerGraph,
  },
  {
    name: 'init',
    usage: '[options] [dir]',
    description: 'write a starter project: config, one flow, two personas and a CI workflow',
    load: async () => (await import('./init.js')).registerInit,
  },
  {
    name: 'rules',
    usage: '[options]',
    description: 'list every rule with its default severity, description and docs link',
    load: async () => (await import('./rules.js')).registerRules,
  },
];

/** The command a command line runs: the first word that is not an option (`tact help X`: X). */
export function commandOf(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** What `tact --help` says of the environment variables tact reads. */
export const ENVIRONMENT_HELP = `
Environment:
  NO_COLOR, FORCE_COLOR        no colour, or colour even into a pipe (stylish output)
  CI, CONTINUOUS_INTEGRATION   in CI: no live screens (chat line by line, simulate a line per
                               conversation, init asks nothing)
  OLLAMA_HOST                  the Ollama server of simulate --engine ollama, when no --host
  NODE_COMPILE_CACHE           where bin/tact.js keeps V8's code cache of each command (default: a
                               folder of yours in the temp folder); NODE_DISABLE_COMPILE_CACHE=1: none
  TACT_DATA_DIR                the labelled data of npm run eval and npm run bench (development)`;

/**
 * Build the `tact` program. The commands named in `load` are registered in full (their options,
 * help and action); the others only by name and description, enough for `tact --help`.
 */
export async function buildProgram(load: readonly string[] = COMMANDS.map((c) => c.name)): Promise<Command> {
  const program = new Command();
  program
    .name('tact')
    .description(
      'Conversation flows as code: lint, simulate, compile and talk to customer-service bots, with empathy rules.',
    )
    .version(TOOL_VERSION, '-v, --version')
    .option('--debug', 'print stack traces and timings on errors')
    .addHelpText('after', ENVIRONMENT_HELP)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`tact: ${str.replace(/^error: /, '').trimEnd()} (see --help)\n`),
    });
  const stubs = new Map<Command, CommandEntry>();
  for (const entry of COMMANDS) {
    if (load.includes(entry.name)) (await entry.load())(program);
    else stubs.set(program.command(entry.name).description(entry.description), entry);
  }
  // A command not loaded is listed with the usage its module would give it.
  const help = new Help();
  program.configureHelp({
    subcommandTerm: (cmd) => {
      const stub = stubs.get(cmd);
      return stub ? `${stub.name} ${stub.usage}` : help.subcommandTerm(cmd);
    },
  });
  for (const c of program.commands) {
    c.exitOverride();
    c.configureOutput(program.configureOutput());
  }
  return program;
}

/** Run the CLI; never throws. Sets process.exitCode per cli.md (0, 1, 2). */
export async function main(argv: string[]): Promise<void> {
  installProcessGuards();
  const debug = argv.includes('--debug');
  // The timing --debug prints is of the command's work, from when its modules are loaded.
  let started = Date.now();
  try {
    const name = commandOf(argv.slice(2));
    const program = await buildProgram(name ? [name] : []);
    started = Date.now();
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err, debug);
  } finally {
    if (debug) process.stderr.write(`tact: done in ${Date.now() - started} ms\n`);
  }
}

function exitCodeFor(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      err.code === 'commander.help'
    )
      return 0;
    return 2;
  }
  if (err instanceof TactError) {
    // Messages quote paths and names from the user's files: never their control characters raw.
    process.stderr.write(safeText(`tact: ${err.message}${err.hint ? ` (${err.hint})` : ''}\n`));
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`tact: internal error: ${e?.message ?? String(err)}\n`);
  process.stderr.write(
    debug ? `${e?.stack ?? ''}\n` : '  run again with --debug for the stack trace, and please report it\n',
  );
  return 2;
}
