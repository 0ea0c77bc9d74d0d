import { render } from 'ink';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationResult } from '../../src/simulate/types.js';
import { LiveRun, SimulationView } from '../../src/ui/simulate.js';
import { FakeStdout } from './terminal.js';

const ended = (id: string, passed: boolean): ConversationResult =>
  ({
    id,
    persona: id.split('#')[0],
    mood: 'angry',
    run: 1,
    seed: 0,
    outcome: passed ? 'handoff' : 'stuck',
    endReason: passed ? 'handoff' : 'max-turns',
    turns: 3,
    passed,
  }) as ConversationResult;

describe('the live view of tact simulate', () => {
  it('shows each conversation in flight with its turn and sentiment, the last ended, and the progress', async () => {
    const run = new LiveRun();
    const stdout = new FakeStdout();
    const app = render(
      <SimulationView run={run} title="tact simulate · shop · scripted · 4 conversations" />,
      {
        stdout: stdout as never,
        patchConsole: false,
        exitOnCtrlC: false,
      },
    );
    run.onEvent({ type: 'planned', total: 4 });
    run.onEvent({ type: 'start', id: 'angry-refund#1', persona: 'angry-refund', mood: 'angry' });
    run.onEvent({ type: 'start', id: 'calm-track#1', persona: 'calm-track', mood: 'calm' });
    run.onEvent({ type: 'turn', id: 'angry-refund#1', turn: 2, step: 'shop/ask_order', sentiment: -0.62 });
    run.onEvent({ type: 'end', result: ended('calm-track#1', false) });
    // ink draws on its own clock: wait for the frame with the last event in it (a loaded machine is slow).
    await vi.waitFor(() => expect(stdout.last).toMatch(/1\/4 · 0 passed · 1 failed/), { timeout: 10_000 });
    const frame = stdout.last;
    expect(frame).toContain('tact simulate · shop · scripted · 4 conversations');
    expect(frame).toMatch(/angry-refund#1\s+angry\s+turn 2\s+-0\.62\s+shop\/ask_order/);
    expect(frame).toContain('✗ calm-track#1 stuck: still going after 3 turns');
    expect(frame).toMatch(/1\/4 · 0 passed · 1 failed/);
    run.onEvent({ type: 'end', result: ended('angry-refund#1', true) });
    run.finish();
    await vi.waitFor(() => expect(stdout.last).toMatch(/2\/4 · 1 passed · 1 failed/), { timeout: 10_000 });
    expect(stdout.last).not.toMatch(/angry-refund#1\s+angry\s+turn/);
    expect(stdout.last).toMatch(/2\/4 · 1 passed · 1 failed/);
    app.unmount();
  });

  it('never draws control characters a persona id or a step could carry', async () => {
    const run = new LiveRun();
    const stdout = new FakeStdout();
    const app = render(<SimulationView run={run} title={'t\u001b]0;pwned\u0007'} />, {
      stdout: stdout as never,
      patchConsole: false,
    });
    run.onEvent({ type: 'start', id: 'x\u001b[2J#1', persona: 'x', mood: 'calm' });
    await vi.waitFor(() => expect(stdout.last).toContain('#1'), { timeout: 10_000 });
    expect(stdout.frames.join('')).not.toContain('\u001b]0;pwned');
    expect(stdout.frames.join('')).not.toContain('\u001b[2J#1');
    app.unmount();
  });
});
