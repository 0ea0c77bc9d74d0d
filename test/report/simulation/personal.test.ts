import { describe, expect, it } from 'vitest';
import { simReportFiles } from '../../../src/report/simulation/index.js';
import { REPO_ROOT } from '../schemas.js';
import { EXAMPLE, HOSTILE, knownPersonalValues, simulateProject } from './fixtures.js';

const leaks = (files: Map<string, string>, values: string[]) =>
  [...files].flatMap(([file, text]) =>
    values.filter((v) => text.toLowerCase().includes(v.toLowerCase())).map((v) => `${file}: ${v}`),
  );

describe('personal data in the reports', () => {
  it('knows the example personas’ personal values', () => {
    const values = knownPersonalValues(EXAMPLE);
    expect(values).toEqual(expect.arrayContaining(['sam.k@example.com', 'SW1A 1AA', '4417']));
    expect(values.length).toBeGreaterThanOrEqual(6);
  });

  it('masks every one of them in every file of the example’s report, and shows them with --show-personal', async () => {
    process.chdir(REPO_ROOT);
    const values = knownPersonalValues(EXAMPLE);
    const masked = simReportFiles(await simulateProject(EXAMPLE, { runs: 2 }));
    expect(leaks(masked, values)).toEqual([]);
    expect([...masked.values()].join('\n')).toContain('[hidden: email]');
    const shown = simReportFiles(await simulateProject(EXAMPLE, { runs: 2, showPersonal: true }));
    expect(leaks(shown, values).length).toBeGreaterThan(values.length);
  });

  it('masks a value wherever else it reaches: the goal, an action’s result, the handoff reason', async () => {
    process.chdir(REPO_ROOT);
    const values = knownPersonalValues(HOSTILE);
    expect(values).toEqual(['mallory@evil.example']);
    const report = await simulateProject(HOSTILE);
    expect(leaks(simReportFiles(report), values)).toEqual([]);
    expect(report.personas.map((p) => p.goal)).toEqual([
      "Get my money back <script>window.__pwned='goal'</script> ]]> -- [x](javascript:alert(1)) ![i](http://127.0.0.1:9/g.png) for [hidden: email]",
      "Talk to a person <img src=x onerror=window.__pwned='goal2'> about [hidden: email]",
    ]);
    const actions = report.conversations.flatMap((c) =>
      c.transcript.filter((l) => l.action).map((l) => l.action!.result),
    );
    expect(actions).toEqual([
      { found: true, note: "<script>window.__pwned='world'</script> [hidden: email] ]]> --" },
    ]);
    const reasons = report.conversations.map((c) => c.handoff?.reason).filter(Boolean);
    expect(reasons).toEqual(["reason for [hidden: email] <script>window.__pwned='reason'</script> ]]> --"]);

    const shown = await simulateProject(HOSTILE, { showPersonal: true });
    const files = simReportFiles(shown);
    expect(leaks(files, values).length).toBeGreaterThan(0);
    expect(shown.conversations.map((c) => c.handoff?.reason).filter(Boolean)[0]).toContain(
      'mallory@evil.example',
    );
  });
});
