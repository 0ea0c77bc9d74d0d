import { TactError } from '../errors.js';
import type { LoadedProject } from '../flow/load.js';
import { type LintOptions, lint } from '../lint.js';
import type { LintReport } from '../rules/types.js';
import { type CompileResult, compileProject } from './compile.js';

export { botHash, canonicalJson } from './canonical.js';
export { type CompileOptions, type CompileResult, compileProject } from './compile.js';

export interface CompilePathsOptions extends LintOptions {
  /** Compile even when lint reports errors. */
  force?: boolean;
}

export interface LintedCompileResult extends CompileResult {
  project: LoadedProject;
  /** The lint run that gated the compile (its errors too, when forced). */
  report: LintReport;
}

/**
 * Lint the flows under `paths`, then compile them into the portable bot (bot-format.md). Refuses
 * with a TactError (exit code 1) when lint reports errors, unless `force`; the report is on the
 * error's `report` property for callers that want to show it.
 */
export function compile(paths: string[], options: CompilePathsOptions = {}): LintedCompileResult {
  const { project, ...report } = lint(paths, options);
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 && !options.force) {
    const n = `${errors.length} lint error${errors.length === 1 ? '' : 's'}`;
    throw Object.assign(
      new TactError(`compile refused: ${n}`, 1, 'fix them, or compile anyway with --force'),
      { report, project },
    );
  }
  return { ...compileProject(project), project, report };
}
