import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tact } from './helpers.js';

function hasDot(): boolean {
  try {
    execFileSync('dot', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

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

  it('marks the step with a finding, and the path rule points at the right one', async () => {
    const r = await tact(['graph', 'fixtures/human-exit-edited']);
    expect(r.stdout).toMatch(/^ {2}class orders__ask_email finding$/m);
    const clean = await tact(['graph', 'fixtures/human-exit-edited', '--no-findings']);
    expect(clean.stdout).not.toMatch(/finding$/m);
  });

  it('draws Graphviz dot that dot itself accepts', async () => {
    const r = await tact(['graph', 'flows', '--format', 'dot', '--flow', 'retail']);
    expect(r.stdout.startsWith('digraph tact {')).toBe(true);
    expect(r.stdout).toContain('subgraph cluster_retail');
    expect(r.stdout).not.toContain('cluster_banking');
    if (!hasDot()) {
      console.warn('skipped the dot syntax check: Graphviz is not installed');
      return;
    }
    expect(() => execFileSync('dot', ['-Tsvg'], { input: r.stdout })).not.toThrow();
  });

  it('an unknown --flow is exit 2 with the flows there are', async () => {
    const r = await tact(['graph', 'flows', '--flow', 'nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no flow `nope`.*retail/);
  });
});
