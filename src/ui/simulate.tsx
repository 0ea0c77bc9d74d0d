import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { describeOutcome } from '../simulate/expect.js';
import type { ConversationResult, Mood, RunEvent } from '../simulate/types.js';

interface InFlight {
  id: string;
  persona: string;
  mood: Mood;
  turn: number;
  sentiment?: number;
  step?: string;
}

/** What the live view shows, kept outside React: events can come thousands a second. */
export class LiveRun {
  total = 0;
  passed = 0;
  failed = 0;
  readonly inFlight = new Map<string, InFlight>();
  readonly recent: ConversationResult[] = [];
  finished = false;
  /** Bumped on every change, so the view knows when to draw again. */
  version = 0;

  /** Feed one event of the run (RunOptions.onEvent). */
  readonly onEvent = (e: RunEvent): void => {
    this.version += 1;
    if (e.type === 'planned') this.total = e.total;
    else if (e.type === 'start')
      this.inFlight.set(e.id, { id: e.id, persona: e.persona, mood: e.mood, turn: 0 });
    else if (e.type === 'turn') {
      const c = this.inFlight.get(e.id);
      if (c) {
        c.turn = e.turn;
        c.sentiment = e.sentiment;
        c.step = e.step;
      }
    } else if (e.type === 'end') {
      this.inFlight.delete(e.result.id);
      if (e.result.passed) this.passed += 1;
      else this.failed += 1;
      this.recent.push(e.result);
      if (this.recent.length > RECENT) this.recent.shift();
    }
  };

  finish(): void {
    this.finished = true;
    this.version += 1;
  }
}

const RECENT = 4;
const ROWS = 8;
const BAR = 32;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Draws per second at most. */
const FPS = 12;

const sentimentColor = (s: number | undefined) =>
  s === undefined ? 'gray' : s <= -0.25 ? 'red' : s >= 0.25 ? 'green' : 'yellow';
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

export interface SimulationViewProps {
  run: LiveRun;
  title: string;
}

/**
 * `tact simulate` on a terminal: one row per conversation in flight (persona, mood, turn, the
 * customer's last sentiment, the step), a progress bar over all conversations, and the last few
 * that ended. The summary table is printed after the view closes.
 */
export function SimulationView({ run, title }: SimulationViewProps) {
  const [, setVersion] = useState(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let seen = -1;
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (run.version !== seen) {
        seen = run.version;
        setVersion(seen);
      }
    }, 1000 / FPS);
    return () => clearInterval(timer);
  }, [run]);

  const done = run.passed + run.failed;
  const filled = run.total > 0 ? Math.round((done / run.total) * BAR) : 0;
  const rows = [...run.inFlight.values()].slice(0, ROWS);
  const hidden = run.inFlight.size - rows.length;
  return (
    <Box flexDirection="column">
      <Text bold>{clean(title)}</Text>
      {rows.map((c) => (
        <Box key={c.id}>
          <Text color="cyan">{SPINNER[tick % SPINNER.length]} </Text>
          <Box width={32}>
            <Text wrap="truncate">{clean(c.id)}</Text>
          </Box>
          <Box width={11}>
            <Text>{c.mood}</Text>
          </Box>
          <Box width={9}>
            <Text>turn {c.turn}</Text>
          </Box>
          <Box width={9}>
            <Text color={sentimentColor(c.sentiment)}>
              {c.sentiment === undefined ? '·' : `${c.sentiment >= 0 ? '+' : ''}${c.sentiment.toFixed(2)}`}
            </Text>
          </Box>
          <Text dimColor wrap="truncate">
            {clean(c.step ?? '')}
          </Text>
        </Box>
      ))}
      {hidden > 0 ? <Text dimColor> … and {hidden} more in flight</Text> : null}
      {run.recent.map((c) => (
        <Text key={`done-${c.id}`} color={c.passed ? 'green' : 'red'} wrap="truncate">
          {c.passed ? '✓' : '✗'} {clean(c.id)} {clean(describeOutcome(c))}
        </Text>
      ))}
      <Box marginTop={1}>
        <Text color="green">{'█'.repeat(filled)}</Text>
        <Text dimColor>{'░'.repeat(BAR - filled)}</Text>
        <Text>
          {' '}
          {done}/{run.total} · <Text color="green">{run.passed} passed</Text>
          {run.failed > 0 ? (
            <Text>
              {' '}
              · <Text color="red">{run.failed} failed</Text>
            </Text>
          ) : null}
        </Text>
      </Box>
    </Box>
  );
}
