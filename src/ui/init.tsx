import { Box, type Key, Text, useApp, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';

export interface InitChoice {
  id: string;
  label: string;
  about: string;
}

export interface InitAnswers {
  name: string;
  channel: string;
  industry: string;
}

export interface InitAppProps {
  /** The folder the project goes in, as the user gave it. */
  where: string;
  /** What Enter keeps: the folder's name, and the first channel and industry. */
  defaults: InitAnswers;
  channels: readonly InitChoice[];
  industries: readonly InitChoice[];
  /** Why a name cannot be used, or undefined when it can. */
  checkName: (name: string) => string | undefined;
  /** Called once: with the answers, or with undefined when the user left (Esc or Ctrl-C). */
  onDone: (answers: InitAnswers | undefined, interrupted: boolean) => void;
}

type Question = 'name' | 'channel' | 'industry';

/**
 * `tact init` on a terminal: three questions, one after the other. The bot's name is typed (Enter
 * keeps the folder's name); the channel and the industry are picked from a list with the arrow
 * keys or by number. Esc or Ctrl-C leaves and nothing is written.
 */
export function InitApp({ where, defaults, channels, industries, checkName, onDone }: InitAppProps) {
  const { exit } = useApp();
  // Keys can arrive faster than React renders (a paste, a quick typist): the state the key
  // handler reads and writes is kept in a ref, and each change draws a new frame.
  const state = useRef<{
    question: Question;
    name: string;
    problem?: string;
    answers: Partial<InitAnswers>;
    selected: number;
    done: boolean;
  }>({ question: 'name', name: '', answers: {}, selected: 0, done: false });
  const [, redraw] = useState(0);
  const update = (change: Partial<typeof state.current>) => {
    state.current = { ...state.current, ...change };
    redraw((n) => n + 1);
  };
  const { question, name, problem, answers, selected, done } = state.current;

  // Leave after the last frame (with every answer) is drawn.
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => exit(), 20);
    return () => clearTimeout(timer);
  }, [done]);

  const finish = (result: InitAnswers | undefined, interrupted = false) => {
    if (state.current.done) return;
    onDone(result, interrupted);
    update({ done: true, ...(result ? { answers: result } : {}) });
  };

  const choicesOf = (q: Question) => (q === 'channel' ? channels : industries);
  const startAt = (q: Question, answered: Partial<InitAnswers>) => {
    const preferred = q === 'channel' ? defaults.channel : defaults.industry;
    const at = choicesOf(q).findIndex((c) => c.id === preferred);
    update({ question: q, answers: answered, selected: Math.max(0, at), problem: undefined });
  };

  useInput((char: string, key: Key) => {
    const now = state.current;
    if (now.done) return;
    if (key.escape || (key.ctrl && char === 'c')) {
      finish(undefined, !key.escape);
      return;
    }
    if (now.question === 'name') {
      const submit = (typed: string) => {
        const value = typed.trim() || defaults.name;
        const why = checkName(value);
        if (why) update({ name: typed, problem: why });
        else startAt('channel', { name: value });
      };
      if (key.return) {
        submit(now.name);
        return;
      }
      if (key.backspace || key.delete) {
        update({ name: now.name.slice(0, -1), problem: undefined });
        return;
      }
      if (!char || key.ctrl || key.meta || key.tab) return;
      // Pasted text arrives in one piece; a line break in it answers with what comes before.
      const brk = char.search(/[\r\n]/);
      if (brk >= 0) submit(now.name + char.slice(0, brk));
      else update({ name: now.name + char.replace(/\t/g, ''), problem: undefined });
      return;
    }
    const list = choicesOf(now.question);
    if (key.upArrow || key.downArrow) {
      const step = key.upArrow ? -1 : 1;
      update({ selected: (now.selected + step + list.length) % list.length });
      return;
    }
    const n = /^[1-9]$/.test(char) ? Number(char) : 0;
    if (!key.return && !(n >= 1 && n <= list.length)) return;
    const picked = list[n >= 1 ? n - 1 : now.selected].id;
    if (now.question === 'channel') startAt('industry', { ...now.answers, channel: picked });
    else finish({ ...now.answers, industry: picked } as InitAnswers);
  });

  const list = choicesOf(question);
  const labelOf = (choices: readonly InitChoice[], id: string | undefined) =>
    choices.find((c) => c.id === id)?.label ?? id;

  return (
    <Box flexDirection="column">
      <Text bold>
        tact init · a starter project in {where}
        <Text dimColor> · Esc to leave, nothing is written</Text>
      </Text>
      {question === 'name' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            <Text color="cyan">? </Text>The bot's name (its id: lower case letters, digits, - and _)
          </Text>
          <Box>
            <Text color="cyan">❯ </Text>
            {name === '' ? <Text dimColor>{defaults.name}</Text> : <Text>{name}</Text>}
            <Text dimColor>█</Text>
          </Box>
          {problem && <Text color="red">{problem}</Text>}
        </Box>
      ) : (
        <Text>
          <Text color="green">✓ </Text>name: {answers.name}
        </Text>
      )}
      {answers.channel && (
        <Text>
          <Text color="green">✓ </Text>channel: {labelOf(channels, answers.channel)}
        </Text>
      )}
      {answers.industry && (
        <Text>
          <Text color="green">✓ </Text>industry: {labelOf(industries, answers.industry)}
        </Text>
      )}
      {question !== 'name' && !done && (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            <Text color="cyan">? </Text>
            {question === 'channel'
              ? 'Where do customers talk to it?'
              : 'Which industry? (it picks the starter flow)'}
            <Text dimColor> ↑↓ and Enter, or a number</Text>
          </Text>
          {list.map((c, i) => (
            <Text key={c.id} color={i === selected ? 'cyan' : undefined}>
              {i === selected ? '❯' : ' '} {i + 1}. {c.label}
              <Text dimColor> · {c.about}</Text>
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
