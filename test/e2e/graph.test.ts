import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { renderDiagram } from '../../src/report/diagram.js';
import { ROOT, tact } from './helpers.js';

function hasDot(): boolean {
  try {
    execFileSync('dot', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAS_DOT = hasDot();

describe('tact graph', () => {
  it('draws every step of the example as a Mermaid flowchart, with asks and handoffs marked', async () => {
    const r = await tact(['graph', 'flows']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('flowchart TD\n')).toBe(true);
    for (const id of ['main__greet', 'retail__ask_email', 'banking__fraud_team', 'support__handoff'])
      expect(r.stdout).toContain(`    ${id}`);
    expect(r.stdout).toMatch(/^ {2}class .*retail__ask_email.* ask$/m);
    expect(r.stdout).toMatch(/^ {2}class .*support__handoff.* handoff$/m);
    expect(r.stdout).toContain('handlers__global>"any question"]');
    expect(r.stdout).toContain('-->|"if card_frozen == true"| banking__frozen');
    expect(r.stdout).not.toMatch(/class .* finding/);
  });

  it('marks the step with a finding, and the path rule points at the right one', () => {
    const report = lint(['fixtures/human-exit-edited'], { cwd: ROOT });
    expect(renderDiagram(report.project, 'mermaid', { findings: report.findings })).toMatch(
      /^ {2}class orders__ask_email finding$/m,
    );
    expect(renderDiagram(report.project, 'mermaid', { findings: [] })).not.toMatch(/finding$/m);
  });

  it('draws Graphviz dot for one flow', async () => {
    const r = await tact(['graph', 'flows', '--format', 'dot', '--flow', 'retail']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('digraph tact {')).toBe(true);
    expect(r.stdout).toContain('subgraph cluster_retail');
    expect(r.stdout).not.toContain('cluster_banking');
  });

  it.skipIf(!HAS_DOT)(
    `dot itself accepts the Graphviz tact draws${HAS_DOT ? '' : ' (skipped: Graphviz is not installed; apt-get install graphviz)'}`,
    () => {
      // The whole example and one flow of it, with its findings marked, as `tact graph` draws them.
      const report = lint(['flows'], { cwd: ROOT });
      for (const flow of [undefined, 'retail']) {
        const dot = renderDiagram(report.project, 'dot', { flow, findings: report.findings });
        expect(dot).toMatch(/^digraph tact \{/);
        expect(() =>
          execFileSync('dot', ['-Tsvg'], { input: dot, stdio: ['pipe', 'ignore', 'pipe'] }),
        ).not.toThrow();
      }
    },
  );

  it('an unknown --flow is exit 2 with the flows there are', async () => {
    const r = await tact(['graph', 'flows', '--flow', 'nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no flow `nope`.*retail/);
  });
});
