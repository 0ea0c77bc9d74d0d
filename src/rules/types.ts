import type { PathStep } from '../analysis/graph.js';
import type { Pos, Project, Severity, SeveritySetting } from '../flow/types.js';

export type { PathStep } from '../analysis/graph.js';

export interface RelatedLocation {
  pos: Pos;
  message: string;
}

/** What a formatter receives: one diagnostic. */
export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The shortest path that shows the problem, for path rules. */
  path?: PathStep[];
  related?: RelatedLocation[];
  /** Short quotes that decided the finding (tone rules). */
  evidence?: string[];
}

/** What a rule's check returns; the framework adds rule id, severity and the rendered message. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  at: Pos;
  path?: PathStep[];
  related?: RelatedLocation[];
  evidence?: string[];
}

export type RuleCategory = 'empathy' | 'language' | 'structure';

export interface RuleMeta {
  id: string;
  category: RuleCategory;
  severity: Severity;
  description: string;
  /** Path of the docs page, relative to the package root (docs/rules/ID.md). */
  docs: string;
  /** JSON Schema (draft 2020-12 subset) of the rule's options object. */
  optionsSchema: Record<string, unknown>;
  defaultOptions: Record<string, unknown>;
  messages: Record<string, string>;
}

export interface Rule<O extends Record<string, unknown> = Record<string, unknown>> {
  meta: RuleMeta;
  check(project: Project, options: O): Report[];
}

export interface LintReport {
  cwd: string;
  findings: Finding[];
  /** Source text by file path, for code frames. */
  sources: Record<string, string>;
  /** Files linted, including clean ones (for junit/sarif artifacts). */
  files: string[];
  rules: RuleMeta[];
  counts: { error: number; warn: number; info: number };
  /** Severity settings in force for this run. */
  severities: Record<string, SeveritySetting>;
}
