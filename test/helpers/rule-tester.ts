import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { lintProject } from '../../src/lint.js';
import { defineRule, renderMessage } from '../../src/rules/define.js';
import { ruleMetas } from '../../src/rules/registry.js';
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
  /** The rendered message, exactly as the report prints it. */
  message: string;
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
    /** Whether the id names one of the rule's messages (else the report prints the bare id). */
    known: Object.hasOwn(rule.meta.messages, r.messageId),
    message: renderMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
    file: r.at.file,
    line: r.at.line,
    column: r.at.column,
    path: r.path?.map((p) => p.step),
    evidence: r.evidence,
  }));
}

/** A pseudo-rule that reports what the loader found (YAML, schema, duplicate flows): no rule's findings. */
export const loadProblems = defineRule({
  id: 'load-problems',
  category: 'structure',
  severity: 'error',
  description: 'the loader’s problems',
  messages: { problem: '{message}' },
  check: (project) =>
    project.problems.map((p) => ({
      messageId: 'problem',
      data: { message: `${p.rule}: ${p.message}` },
      at: p.pos,
    })),
});

/**
 * A rule that is not a check of its own (`yaml`, `schema` and `duplicate-flow` report what the
 * loader found, and `unused-disable` what the disable comments left over) tested as `tact lint`
 * finds it: the project is linted in full and the rule's findings kept, messages as printed.
 */
export function throughLint(id: string): Rule<any> {
  const meta = ruleMetas().find((m) => m.id === id);
  if (!meta) throw new Error(`no rule ${id}`);
  return {
    meta: { ...meta, messages: Object.fromEntries(Object.keys(meta.messages).map((k) => [k, '{message}'])) },
    check: (project) =>
      lintProject(project)
        .findings.filter((f) => f.ruleId === id)
        .map((f) => ({
          messageId: f.messageId,
          data: { message: f.message },
          at: { file: f.file, line: f.line, column: f.column },
          path: f.path,
        })),
  };
}

const sortKey = (f: { file?: string; line: number; column: number; messageId: string; message: string }) =>
  `${f.file ?? 'flows/main.flow.yaml'}:${String(f.line).padStart(5, '0')}:${String(f.column).padStart(4, '0')}:${f.messageId}:${f.message}`;
const byKey = <T extends Parameters<typeof sortKey>[0]>(a: T, b: T) => sortKey(a).localeCompare(sortKey(b));

/**
 * A table test in the manner of ESLint's RuleTester. Each valid case loads with no problem (so it
 * shows the rule silent on a project a user could write) and gives no finding; each invalid case
 * gives exactly the listed findings: message id (one the rule declares), file, line, column, the
 * rendered message word for word, and the path when listed.
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
      it(`valid case loads without problems: ${c.name}`, () => {
        expect(runRule(loadProblems, c).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual(
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const actual = runRule(rule, c).sort(byKey);
        if (process.env.RULE_RECORD)
          appendFileSync(
            process.env.RULE_RECORD,
            `${JSON.stringify({ rule: rule.meta.id, case: c.name, findings: actual })}\n`,
          );
        if (process.env.RULE_DEBUG)
          console.log(
            JSON.stringify(actual.map((g) => [g.messageId, g.file, g.line, g.column, g.path, g.message])),
          );
        for (const e of c.errors)
          expect(
            Object.keys(rule.meta.messages),
            `message id ${e.messageId} of the expected finding`,
          ).toContain(e.messageId);
        expect(
          actual.filter((f) => !f.known).map((f) => f.messageId),
          'message ids the rule reports but does not declare',
        ).toEqual([]);
        const wanted = [...c.errors].sort(byKey);
        expect(
          actual.map((f) => ({
            messageId: f.messageId,
            file: f.file,
            line: f.line,
            column: f.column,
            message: f.message,
          })),
        ).toEqual(
          wanted.map((e) => ({
            messageId: e.messageId,
            file: e.file ?? 'flows/main.flow.yaml',
            line: e.line,
            column: e.column,
            message: e.message,
          })),
        );
        wanted.forEach((e, i) => {
          if (e.path) expect(actual[i].path, `path of finding ${i + 1}`).toEqual(e.path);
        });
      });
    }
  });
}
