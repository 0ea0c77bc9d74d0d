import { Box, type Key, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Turn } from '../runtime/index.js';
import {
  type ChatLine,
  type ChatTurn,
  type Conversation,
  describeAction,
  describeEnd,
} from '../simulate/world.js';

export interface ChatAppProps {
  conversation: Conversation;
  /** Shown above the conversation, e.g. the bot's name. */
  title: string;
  /** Called once with the last turn when the app exits (by the bot or by the user). */
  onDone?: (turn: Turn | undefined) => void;
  /** Called when the user leaves with Ctrl-C (before `onDone`): `tact chat` then exits 130. */
  onInterrupt?: () => void;
}

const SIDE_WIDTH = 38;

/**
 * `tact chat` on a terminal: the conversation on the left, quick replies as a list to pick by
 * number or with the arrow keys, free text otherwise; a side panel with the current step, the
 * matched intent, the customer's sentiment and the data so far. Esc or Ctrl-C leaves; a handoff
 * or an end is shown and the app exits.
 */
export function ChatApp({ conversation, title, onDone, onInterrupt }: ChatAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [turn, setTurn] = useState<Turn>();
  const [input, setInput] = useState('');
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string>();
  const finished = useRef(false);

  const leave = (last: Turn | undefined) => {
    if (finished.current) return;
    finished.current = true;
    onDone?.(last);
    exit();
  };

  const apply = (t: ChatTurn) => {
    setLines((l) => [...l, ...t.lines]);
    setTurn(t.turn);
    setSelected(0);
    setBusy(false);
  };
  const fail = (e: unknown) => {
    setError(e instanceof Error ? e.message : String(e));
    setBusy(false);
  };

  // Start the conversation once, on mount.
  useEffect(() => {
    conversation.start().then(apply, fail);
  }, []);

  const over = turn !== undefined && turn.status !== 'awaiting';
  // Once the bot has stopped, leave after the last frame is drawn.
  useEffect(() => {
    if (!over && !error) return;
    const timer = setTimeout(() => leave(turn), 30);
    return () => clearTimeout(timer);
  }, [over, error]);

  const options = turn?.status === 'awaiting' ? (turn.options ?? []) : [];

  const send = (text: string) => {
    setInput('');
    setBusy(true);
    conversation.reply(text).then(apply, fail);
  };

  // The key handler reads the state of the latest render through a ref: ink may still hold the
  // handler of an earlier render when a key arrives right after an update.
  const onKey = useRef<(char: string, key: Key) => void>(() => {});
  onKey.current = (char, key) => {
    if (key.escape || (key.ctrl && char === 'c')) {
      if (!key.escape) onInterrupt?.();
      leave(turn);
      return;
    }
    if (busy || over) return;
    if (options.length > 0 && input === '' && (key.upArrow || key.downArrow)) {
      const step = key.upArrow ? -1 : 1;
      setSelected((s) => (s + step + options.length) % options.length);
      return;
    }
    const submit = (typed: string) => {
      const n = /^\d+$/.test(typed) ? Number(typed) : 0;
      // A number picks that choice; the transcript then shows its label, as the customer sees it.
      const text = n >= 1 && n <= options.length ? options[n - 1] : typed || options[selected];
      if (text) send(text);
    };
    if (key.return) {
      submit(input.trim());
      return;
    }
    if (key.backspace || key.delete) {
      setInput((s) => s.slice(0, -1));
      return;
    }
    if (!char || key.ctrl || key.meta || key.tab) return;
    // Pasted text arrives in one piece; a line break in it sends what comes before.
    const brk = char.search(/[\r\n]/);
    if (brk >= 0) submit((input + char.slice(0, brk)).trim());
    else setInput((s) => s + char);
  };
  useInput((char, key) => onKey.current(char, key));

  const rows = stdout.rows || 24;
  const visible = lines.slice(-Math.max(4, rows - 8 - options.length));
  const end = turn ? describeEnd(turn) : undefined;

  return (
    <Box flexDirection="column">
      <Text bold>
        {title}
        <Text dimColor> · Esc to leave</Text>
      </Text>
      <Box flexDirection="row">
        <Box flexDirection="column" flexGrow={1} marginRight={1}>
          {visible.map((line, i) => (
            // Lines are only ever appended, so the index is a stable key.
            <TranscriptLine key={i} line={line} />
          ))}
          {end && <Text color={turn?.status === 'handoff' ? 'yellow' : 'green'}>[{end}]</Text>}
          {error && <Text color="red">[error: {error}]</Text>}
          {options.length > 0 && (
            <Box flexDirection="column" marginTop={1}>
              {options.map((label, i) => (
                <Text key={label} color={i === selected && input === '' ? 'cyan' : undefined}>
                  {i === selected && input === '' ? '❯' : ' '} {i + 1}. {label}
                </Text>
              ))}
            </Box>
          )}
          {!over && !error && (
            <Box marginTop={options.length > 0 ? 0 : 1}>
              <Text color="cyan">you: </Text>
              <Text>{input}</Text>
              <Text dimColor>{busy ? ' …' : '█'}</Text>
            </Box>
          )}
        </Box>
        <SidePanel turn={turn} />
      </Box>
    </Box>
  );
}

function TranscriptLine({ line }: { line: ChatLine }) {
  if (line.kind === 'bot')
    return (
      <Text>
        <Text color="magenta">bot: </Text>
        {line.text}
      </Text>
    );
  if (line.kind === 'you')
    return (
      <Text>
        <Text color="cyan">you: </Text>
        {line.text}
      </Text>
    );
  return (
    <Text dimColor color={line.inWorld ? undefined : 'yellow'}>
      [{describeAction(line)}]
    </Text>
  );
}

const score = (n: number) => `${n > 0 ? '+' : ''}${n.toFixed(2)}`;

/** The current step, matched intent, sentiment and collected data. */
export function SidePanel({ turn }: { turn: Turn | undefined }) {
  const data = Object.entries(turn?.data ?? {});
  return (
    <Box flexDirection="column" width={SIDE_WIDTH} flexShrink={0} borderStyle="round" paddingX={1}>
      <Text bold>step</Text>
      <Text>{turn?.step ?? '—'}</Text>
      <Text bold>intent</Text>
      <Text>{turn?.intent ? `${turn.intent.name} ${turn.intent.score.toFixed(2)}` : '—'}</Text>
      <Text bold>sentiment</Text>
      <Text
        color={
          turn?.sentiment?.label === 'very_negative' || turn?.sentiment?.label === 'negative'
            ? 'red'
            : turn?.sentiment?.label === 'positive'
              ? 'green'
              : undefined
        }
      >
        {turn?.sentiment ? `${turn.sentiment.label} ${score(turn.sentiment.score)}` : '—'}
      </Text>
      <Text bold>data</Text>
      {data.length === 0 ? (
        <Text dimColor>nothing yet</Text>
      ) : (
        data.map(([k, v]) => (
          <Text key={k} wrap="truncate-end">
            {k} = {typeof v === 'string' ? v : JSON.stringify(v)}
          </Text>
        ))
      )}
    </Box>
  );
}
