import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { renderMessage } from '../../src/rules/define.js';
import type { Rule } from '../../src/rules/types.js';

/** A whole small project: one flow (`flow`), or several files by relative path (`files`). */
export interface RuleCase {
  name: string;
  /** Text of `flows/main.flow.yaml`. */
  flow?: string;
  /** Extra files by path relative to the project folder (e.g. `flows/billing.flow.yaml`). */
  files?: Record<string, string>;
  /** Text of `tact.config.yaml`. */
  config?: string;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  /** File relative to the project folder; default `flows/main.flow.yaml`. */
  file?: string;
  /** Qualified step ids of the finding's path, when the rule gives one. */
  path?: string[];
  /** A substring the rendered message must contain. */
  message?: string;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

const roots: string[] = [];

/** Write a case to a fresh folder and run one rule's check over it. */
export function runRule(rule: Rule<any>, c: RuleCase) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-rule-'));
  roots.push(dir);
  const files: Record<string, string> = { ...(c.files ?? {}) };
  if (c.flow !== undefined) files['flows/main.flow.yaml'] = c.flow;
  if (c.config !== undefined) files['tact.config.yaml'] = c.config;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const project = loadProject([dir], { cwd: dir });
  const reports = rule.check(project, { ...rule.meta.defaultOptions, ...(c.options ?? {}) });
  return reports.map((r) => ({
    messageId: r.messageId,
    message: renderMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
    file: r.at.file,
    line: r.at.line,
    column: r.at.column,
    path: r.path?.map((p) => p.step),
    evidence: r.evidence,
  }));
}

/**
 * A table test in the manner of ESLint's RuleTester: valid cases must stay silent, invalid ones
 * must give exactly the listed findings (message id, file, line, column, and path when listed).
 */
export function testRule(rule: Rule<any>, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    afterAll(() => {
      for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const got = runRule(rule, c);
        if (process.env.RULE_DEBUG && got.length)
          console.log(JSON.stringify(got.map((g) => [g.messageId, g.file, g.line, g.column, g.message])));
        expect(got).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const got = runRule(rule, c);
        if (process.env.RULE_DEBUG)
          console.log(
            JSON.stringify(got.map((g) => [g.messageId, g.file, g.line, g.column, g.path, g.message])),
          );
        const sortKey = (f: { file?: string; line: number; column: number; messageId: string }) =>
          `${f.file ?? 'flows/main.flow.yaml'}:${String(f.line).padStart(5, '0')}:${String(f.column).padStart(4, '0')}:${f.messageId}`;
        const actual = [...got].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
        const wanted = [...c.errors].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
        expect(
          actual.map((f) => ({ messageId: f.messageId, file: f.file, line: f.line, column: f.column })),
        ).toEqual(
          wanted.map((e) => ({
            messageId: e.messageId,
            file: e.file ?? 'flows/main.flow.yaml',
            line: e.line,
            column: e.column,
          })),
        );
        wanted.forEach((e, i) => {
          if (e.path) expect(actual[i].path, `path of finding ${i + 1}`).toEqual(e.path);
          if (e.message) expect(actual[i].message).toContain(e.message);
        });
      });
    }
  });
}
