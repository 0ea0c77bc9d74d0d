import type { Command } from 'commander';
import { compile } from '../compile/index.js';
import { TactError } from '../errors.js';
import type { LoadedProject } from '../flow/load.js';
import { formatLintReport } from '../report/index.js';
import type { LintReport } from '../rules/types.js';
import type { BotFile } from '../runtime/bot-types.js';
import { printWarnings, projectInputs, writeOutput } from './io.js';
import { addProjectOptions, type ProjectOptions } from './options.js';

export interface CompileCommandOptions extends ProjectOptions {
  output: string;
  stdout?: boolean;
  force?: boolean;
  quiet?: boolean;
}

export interface LintedBot {
  bot: BotFile;
  json: string;
  project: LoadedProject;
  report: LintReport;
}

/**
 * Lint a project, then compile it: the gate `tact compile` and `tact chat` share. Lint errors are
 * printed to stderr in the compact format; without `force` they refuse the compile (exit 1).
 */
export function lintAndCompile(
  paths: string[],
  opts: ProjectOptions & { force?: boolean; quiet?: boolean; command?: 'compile' | 'chat' | 'simulate' },
): LintedBot {
  const command = opts.command ?? 'compile';
  const result = (() => {
    try {
      return compile(paths, {
        config: opts.config,
        rules: opts.rule,
        force: opts.force,
        ignore: opts.ignore,
      });
    } catch (err) {
      const { report, project } = err as { report?: LintReport; project?: LoadedProject };
      if (project) printWarnings(project);
      if (report) printErrors(report);
      if (report && err instanceof TactError && command !== 'compile')
        throw new TactError(
          err.message.replace(/^compile refused/, `${command} refused`),
          err.exitCode,
          `fix them, or ${command} anyway with --force`,
        );
      throw err;
    }
  })();
  printWarnings(result.project);
  const errors = printErrors(result.report);
  const doing = { compile: 'compiling', chat: 'chatting', simulate: 'simulating' }[command];
  if (errors > 0 && !opts.quiet)
    process.stderr.write(
      `tact: ${doing} anyway (--force) despite ${errors} lint error${errors === 1 ? '' : 's'}\n`,
    );
  return result;
}

/** Print a report's errors to stderr in the compact format; returns how many there were. */
function printErrors(report: LintReport): number {
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0)
    process.stderr.write(formatLintReport({ ...report, findings: errors }, 'compact', { color: false }));
  return errors.length;
}

export function registerCompile(program: Command): void {
  const command = program
    .command('compile')
    .description('lint, then compile the flows into one portable bot JSON file that the runtime runs')
    .argument('[paths...]', 'flow files or folders (default: the current folder)')
    .option('-o, --output <file>', 'where to write the bot file (atomically)', 'dist/bot.json')
    .option('--stdout', 'write the bot JSON to stdout instead of a file')
    .option('--force', 'compile even when lint reports errors (they are still printed)')
    .option('-q, --quiet', 'print nothing on success');
  addProjectOptions(command)
    .addHelpText(
      'after',
      `
The output is deterministic: the same flows give the same bytes (no timestamps, no absolute paths),
and "hash" is sha256 over the rest of the file. Several flows need \`entry: flow/step\` in
tact.config.yaml. Lint errors refuse the compile and are printed to stderr, one per line.

Exit codes: 0 compiled, 1 refused (lint errors, or no entry step), 2 could not compile (bad
arguments, unreadable files or config, the output not writable).
Examples:
  tact compile flows
  tact compile flows -o build/acme-bot.json
  tact compile flows --stdout | jq '.steps | keys'
  tact compile flows --force --rule readability=off`,
    )
    .action((paths: string[], opts: CompileCommandOptions) => {
      const { bot, json, project } = lintAndCompile(paths, opts);
      if (opts.stdout) {
        process.stdout.write(json);
        return;
      }
      writeOutput(opts.output, json, { inputs: projectInputs(project) });
      if (!opts.quiet) {
        const steps = Object.keys(bot.steps).length;
        const flows = project.flows.size;
        process.stdout.write(
          `✓ compiled ${steps} step${steps === 1 ? '' : 's'} from ${flows} flow${flows === 1 ? '' : 's'} → ${opts.output} (${bot.hash.slice(0, 19)}…)\n`,
        );
      }
    });
}
