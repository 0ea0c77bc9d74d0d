import { Command, CommanderError } from 'commander';
import { TactError } from '../errors.js';
import { TOOL_VERSION } from '../meta.js';
import { safeText } from '../report/safe-text.js';
import { registerChat } from './chat.js';
import { registerCompile } from './compile.js';
import { registerGraph } from './graph.js';
import { registerInit } from './init.js';
import { registerLint } from './lint.js';
import { installProcessGuards } from './process-guards.js';
import { registerRules } from './rules.js';
import { registerSimulate } from './simulate.js';

/** Build the `tact` program with every command. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tact')
    .description(
      'Conversation flows as code: lint, simulate, compile and talk to customer-service bots, with empathy rules.',
    )
    .version(TOOL_VERSION, '-v, --version')
    .option('--debug', 'print stack traces and timings on errors')
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`tact: ${str.replace(/^error: /, '').trimEnd()} (see --help)\n`),
    });
  registerLint(program);
  registerCompile(program);
  registerSimulate(program);
  registerChat(program);
  registerGraph(program);
  registerInit(program);
  registerRules(program);
  for (const c of program.commands) {
    c.exitOverride();
    c.configureOutput(program.configureOutput());
  }
  return program;
}

/** Run the CLI; never throws. Sets process.exitCode per cli.md (0, 1, 2). */
export async function main(argv: string[]): Promise<void> {
  installProcessGuards();
  const program = buildProgram();
  const debug = argv.includes('--debug');
  const started = Date.now();
  try {
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

await main(process.argv);
