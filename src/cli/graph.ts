import type { Command } from 'commander';
import { TactError } from '../errors.js';
import type { LoadedProject } from '../flow/load.js';
import { lint } from '../lint.js';
import { DIAGRAM_FORMATS, type DiagramFormat, renderDiagram } from '../report/diagram.js';
import { emit, printWarnings, projectInputs } from './io.js';
import { addProjectOptions, oneOf, type ProjectOptions } from './options.js';

interface GraphCommandOptions extends ProjectOptions {
  format: DiagramFormat;
  output?: string;
  flow?: string;
  findings: boolean;
}

export function registerGraph(program: Command): void {
  const command = program
    .command('graph')
    .description(
      'draw the flows as a diagram: ask steps, handoff steps (the human exits) and steps with findings marked',
    )
    .argument('[paths...]', 'flow files or folders (default: the current folder)')
    .option(
      '-f, --format <format>',
      `diagram format: ${DIAGRAM_FORMATS.join(' or ')}`,
      oneOf(DIAGRAM_FORMATS),
      'mermaid',
    )
    .option('-o, --output <file>', 'write the diagram to a file instead of stdout (atomically)')
    .option('--flow <id>', 'draw only this flow')
    .option('--no-findings', 'do not lint, and mark no findings');
  addProjectOptions(command)
    .addHelpText(
      'after',
      `
Ask steps are blue, handoff steps green, steps with errors or warnings red (with the findings as
tooltips in dot). Handlers are drawn once per flow ("any question in FLOW") and once for the bot.
Exit codes: 0 drawn, 2 could not draw (bad arguments, unreadable files, a flow file that gives no
flow, unknown --flow).
Examples:
  tact graph flows > flows.mmd
  tact graph flows --format dot | dot -Tsvg > flows.svg
  tact graph flows --flow retail --no-findings`,
    )
    .action((paths: string[], opts: GraphCommandOptions) => {
      const report = lint(paths, { config: opts.config, rules: opts.rule, ignore: opts.ignore });
      printWarnings(report.project);
      refuseUnreadable(report.project);
      if (opts.flow && !report.project.flows.has(opts.flow)) {
        throw new TactError(
          `no flow \`${opts.flow}\` in the project`,
          2,
          `flows: ${[...report.project.flows.keys()].join(', ')}`,
        );
      }
      const text = renderDiagram(report.project, opts.format, {
        flow: opts.flow,
        findings: opts.findings ? report.findings : [],
      });
      emit(text, opts.output, { inputs: projectInputs(report.project) });
    });
}

/**
 * A diagram without some of the flows looks complete and is not: name every flow file that gave no
 * flow (YAML it could not read, no \`flow\` id, a duplicate id) and draw nothing (exit 2).
 */
function refuseUnreadable(project: LoadedProject): void {
  const drawn = new Set([...project.flows.values()].map((f) => f.file));
  const missing = project.files
    .filter((f) => f.kind === 'flow' && !drawn.has(f.path))
    .map((f) => {
      const p = project.problems.find((x) => x.pos.file === f.path);
      return p ? `${f.path}:${p.pos.line}:${p.pos.column} ${p.message}` : `${f.path}: no \`flow\` id`;
    });
  if (missing.length === 0) return;
  throw new TactError(
    missing.length === 1
      ? `cannot draw ${missing[0]}`
      : `cannot draw ${missing.length} flow files:\n  ${missing.join('\n  ')}`,
    2,
    'fix them first; `tact lint` shows every problem',
  );
}
