import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../../src/lint.js';
import type { Finding } from '../../src/rules/types.js';

/** The repo's `fixtures/` folder: one broken project per rule, each with its `expected.json`. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/**
 * One finding as `fixtures/<name>/expected.json` lists it: everything a user reads in the report.
 * The file lists every finding `tact lint .` gives in that folder, in the report's order.
 */
export interface ExpectedFinding {
  rule: string;
  severity: 'error' | 'warn' | 'info';
  file: string;
  line: number;
  column: number;
  message: string;
  /** Qualified step ids of the finding's path, when it has one. */
  path?: string[];
}

/** The fixtures that have an `expected.json`, by folder name. */
export const fixtureNames = readdirSync(FIXTURES)
  .filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')))
  .sort();

export function fixtureDir(name: string): string {
  return path.join(FIXTURES, name);
}

export function readExpected(name: string): ExpectedFinding[] {
  return JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as ExpectedFinding[];
}

/** A finding in the shape of `expected.json`. */
export function asExpected(f: Finding): ExpectedFinding {
  return {
    rule: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    message: f.message,
    ...(f.path ? { path: f.path.map((p) => p.step) } : {}),
  };
}

/** Lint a fixture in process, as `tact lint .` run in its folder does. */
export function lintFixture(name: string) {
  const dir = fixtureDir(name);
  return lint(['.'], { cwd: dir });
}
