/**
 * tact's library API. `lint` checks a project, `compile` lints and compiles it to the portable bot;
 * the text analyzer (`analyzeSentiment`, `analyzeTone`) is shared with the runtime.
 * The bot runtime has its own entry: `tact/runtime`.
 */
export {
  analyzeSentiment,
  DEFAULT_THRESHOLDS,
  labelSentiment,
  type SentimentResult,
} from './analysis/sentiment.js';
export { analyzeTone, type BotTone, type ToneResult } from './analysis/tone.js';
export {
  botHash,
  type CompileOptions,
  type CompilePathsOptions,
  type CompileResult,
  canonicalJson,
  compile,
  compileProject,
  type LintedCompileResult,
} from './compile/index.js';
export { TactError } from './errors.js';
export { type LoadedProject, type LoadOptions, loadProject } from './flow/load.js';
export type * from './flow/types.js';
export { type LintOptions, lint, lintProject } from './lint.js';
export { formatLintReport, LINT_FORMATS, type LintFormat } from './report/index.js';
export { allRules, ruleMetas } from './rules/registry.js';
export type { Finding, LintReport, PathStep, RuleMeta } from './rules/types.js';
