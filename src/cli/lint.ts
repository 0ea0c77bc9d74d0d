import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { configInForce } from '../config-in-force.js';
import { loadProject } from '../flow/load.js';
import { checkRuleSettings, lint } from '../lint.js';
import { DEFAULT_CACHE_FILE } from '../lint-cache.js';
import { formatLintReport, LINT_FORMATS, type LintFormat } from '../report/index.js';
import { ruleMetas } from '../rules/registry.js';
import type { LintReport } from '../rules/types.js';
import { emit, printWarnings, projectInputs, useColor } from './io.js';
import { addProjectOptions, oneOf, type ProjectOptions, parseCount } from './options.js';

/** How far V8 lets the heap grow past what is live after a collection, during `tact lint`. */
const LINT_HEAP_GROWING_PERCENT = 10;

export interface LintCommandOptions extends ProjectOptions {
  format: LintFormat;
  output?: string;
  failOn: 'error' | 'warn';
  maxWarnings?: number;
  quiet?: boolean;
  printConfig?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

/** Exit code of a lint run: 1 when anything is at or above the failing severity (cli.md). */
export function lintExitCode(report: LintReport, failOn: 'error' | 'warn', maxWarnings?: number): 0 | 1 {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warn').length;
  if (errors > 0) return 1;
  if (failOn === 'warn' && warnings > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}

export function registerLint(program: Command): void {
  const command = program
    .command('lint')
    .description('check flows, personas and config against the schemas and the rules (the CI gate)')
    .argument('[paths...]', 'flow files or folders (default: the current folder)')
    .option(
      '-f, --format <format>',
      `output format: ${LINT_FORMATS.join(', ')}`,
      oneOf(LINT_FORMATS),
      'stylish',
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout (atomically)')
    .option(
      '--fail-on <severity>',
      'lowest severity that fails the run: error or warn',
      oneOf(['error', 'warn'] as const),
      'error',
    )
    .option('--max-warnings <n>', 'fail when there are more than N warnings', parseCount)
    .option('-q, --quiet', 'print findings only (no summary or success line)')
    .option(
      '--print-config',
      'print the config in force as JSON (the file, each rule with its severity and options, and where each came from), and lint nothing',
    )
    .option(
      '--cache',
      'reuse what the last run found in unchanged files (keyed by content, tact version, config and --rule); graph rules still check the whole project',
    )
    .option('--cache-location <file>', `where --cache keeps its file (default: ${DEFAULT_CACHE_FILE})`);
  addProjectOptions(command)
    .addHelpText(
      'after',
      `
Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 could not lint (bad arguments, unreadable files).
Silence one finding with a comment above the YAML node:  # tact-disable-next-line RULE -- reason
Examples:
  tact lint flows
  tact lint --format sarif --output tact.sarif
  tact lint --format github --fail-on warn
  tact lint --rule readability=off --max-warnings 0
  tact lint flows --cache
  tact lint flows --print-config --rule readability=off`,
    )
    .action((paths: string[], opts: LintCommandOptions) => {
      if (opts.printConfig) {
        process.exitCode = printConfig(paths, opts);
        return;
      }
      // A lint builds one model of the whole project and then much short-lived garbage (parse trees,
      // rule scratch): V8's default lets the heap grow to two or three times what is live before it
      // collects, which at 100k steps was 745 MB of peak memory for 300 MB live (bench/README.md).
      setFlagsFromString(`--heap-growing-percent=${LINT_HEAP_GROWING_PERCENT}`);
      try {
        const cache = opts.cache ? (opts.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;
        const report = lint(paths, { config: opts.config, rules: opts.rule, cache, ignore: opts.ignore });
        printWarnings(report.project);
        const color = useColor(Boolean(opts.output));
        let text = formatLintReport(report, opts.format, { color });
        if (
          !opts.quiet &&
          !opts.output &&
          report.findings.length === 0 &&
          (opts.format === 'stylish' || opts.format === 'compact')
        ) {
          const n = report.files.length;
          text = `✓ ${n} file${n === 1 ? '' : 's'} checked: no problems\n`;
        }
        if (opts.quiet && opts.format === 'stylish') text = text.replace(/\n*✖ \d+ problems?.*\n?$/s, '\n');
        emit(text, opts.output, { inputs: projectInputs(report.project) });
        process.exitCode = lintExitCode(report, opts.failOn, opts.maxWarnings);
      } finally {
        // Back to V8's default: bin/tact.js keeps a code cache only under the flags a run starts
        // with (V8 refuses a cache made under other flags).
        setFlagsFromString('--heap-growing-percent=0');
      }
    });
}

/**
 * `--print-config`: the settings a lint of `paths` would use, as JSON on stdout (or `--output`).
 * Problems in the config file itself go to stderr, one a line, and make the exit code 1.
 */
function printConfig(paths: string[], opts: LintCommandOptions): 0 | 1 {
  const project = loadProject(paths, { config: opts.config, ignore: opts.ignore });
  printWarnings(project);
  const inForce = configInForce(project, opts.rule ?? {}, opts.config);
  emit(`${JSON.stringify(inForce, null, 2)}\n`, opts.output, { inputs: projectInputs(project) });
  const problems = [
    ...project.problems.filter((p) => p.pos.file === project.config.file),
    ...checkRuleSettings(project, ruleMetas()).map((r) => ({
      rule: 'schema',
      message: String(r.data?.message ?? r.messageId),
      pos: r.at,
    })),
  ];
  for (const p of problems)
    process.stderr.write(`${p.pos.file}:${p.pos.line}:${p.pos.column}: ${p.rule} ${p.message}\n`);
  return problems.length > 0 ? 1 : 0;
}
