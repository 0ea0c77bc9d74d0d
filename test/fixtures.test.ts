import { describe, expect, it } from 'vitest';
import { lintExitCode } from '../src/cli/lint.js';
import { ruleMetas } from '../src/rules/registry.js';
import { asExpected, fixtureNames, lintFixture, readExpected } from './helpers/fixtures.js';

// Each broken fixture is linted in process, through the library, as `tact lint .` in its folder:
// the findings must be exactly those its expected.json lists (rule, severity, file, line:column,
// message and path), in the report's order, and the exit code follows from their severities.
// test/e2e/lint.test.ts runs the CLI itself once per output format.

const ruleIds = new Set(ruleMetas().map((m) => m.id));
const LOADER_FIXTURES = new Set(['yaml-aliases', 'yaml-duplicate-key']);

describe('tact lint on each broken fixture', () => {
  it('has fixtures', () => expect(fixtureNames.length).toBeGreaterThan(10));

  it('every rule has a fixture named after it that shows it', () => {
    const shown = new Set(fixtureNames.flatMap((name) => readExpected(name).map((e) => e.rule)));
    for (const id of ruleIds) {
      expect(fixtureNames, `fixtures/${id}`).toContain(id);
      expect(shown.has(id), `a finding of ${id} in the fixtures`).toBe(true);
    }
  });

  for (const name of fixtureNames) {
    const expected = readExpected(name);
    const exit = expected.some((e) => e.severity === 'error') ? 1 : 0;
    it(`fixtures/${name} gives exactly the ${expected.length} finding(s) of its expected.json and exits ${exit}`, () => {
      const report = lintFixture(name);
      expect(report.findings.map(asExpected)).toEqual(expected);
      // A fixture named after a rule shows that rule.
      if (ruleIds.has(name)) expect(expected.map((e) => e.rule)).toContain(name);
      else expect(LOADER_FIXTURES.has(name) || name === 'human-exit-edited', name).toBe(true);
      expect(lintExitCode(report, 'error')).toBe(exit);
    });
  }
});
