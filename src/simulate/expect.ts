import type { Persona } from '../flow/types.js';
import type { ConversationResult, ExpectationResult, Outcome } from './types.js';

const or = (words: readonly string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

/** How the conversation ended, in words, for expectation messages. */
export function describeOutcome(
  c: Pick<ConversationResult, 'outcome' | 'endReason' | 'turns' | 'error'>,
): string {
  const at = `at turn ${c.turns}`;
  switch (c.endReason) {
    case 'handoff':
      return `handoff ${at}`;
    case 'end-resolved':
      return `resolved ${at}`;
    case 'end-unresolved':
      return `abandoned: the bot ended the conversation unresolved ${at}`;
    case 'customer-done':
      return `resolved: the customer was done ${at}`;
    case 'customer-gave-up':
      return `abandoned: the customer gave up ${at}`;
    case 'max-turns':
      return `stuck: still going after ${c.turns} turns`;
    case 'interrupted':
      return `interrupted ${at}`;
    default:
      return `error: ${c.error ?? 'unknown'}`;
  }
}

/**
 * Check a persona's `expect` against one finished conversation. With no `outcome` written, the
 * conversation is expected to end (resolved, handoff or abandoned): a conversation still going at
 * the run's max turns is stuck, which no customer wants.
 */
export function checkExpectations(
  persona: Pick<Persona, 'expect'>,
  c: Pick<
    ConversationResult,
    'outcome' | 'endReason' | 'turns' | 'error' | 'humanAskedAt' | 'botTurnsToHuman' | 'judge'
  >,
  options: { judge: boolean; judgeError?: string },
): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  const e = persona.expect;
  const wanted: Outcome[] = e.outcome ?? ['resolved', 'handoff', 'abandoned'];
  const got = describeOutcome(c);
  const outcomeOk = wanted.includes(c.outcome);
  out.push({
    name: 'outcome',
    expected: or(wanted),
    actual: c.outcome,
    passed: outcomeOk,
    ...(outcomeOk ? {} : { turn: c.turns }),
    message: outcomeOk
      ? `outcome ${c.outcome}, as expected (${or(wanted)})`
      : `expected outcome ${or(wanted)}, got ${got}`,
  });

  if (e.maxTurns !== undefined) {
    const ok = c.turns <= e.maxTurns;
    out.push({
      name: 'max_turns',
      expected: `at most ${e.maxTurns} turns`,
      actual: `${c.turns} turns`,
      passed: ok,
      ...(ok ? {} : { turn: e.maxTurns + 1 }),
      message: ok
        ? `${c.turns} turns, within ${e.maxTurns}`
        : `expected at most ${e.maxTurns} turns, ${c.endReason === 'max-turns' ? 'still going after' : 'took'} ${c.turns}`,
    });
  }

  if (e.humanWithin !== undefined) {
    const within = e.humanWithin;
    const expected = `a handoff within ${within} bot turn${within === 1 ? '' : 's'} of asking for a person`;
    if (c.humanAskedAt === undefined) {
      out.push({
        name: 'human_within',
        expected,
        actual: 'never asked for a person',
        passed: null,
        message: 'not checked: the customer never asked for a person',
      });
    } else {
      const n = c.botTurnsToHuman;
      const ok = n !== undefined && n <= within;
      out.push({
        name: 'human_within',
        expected,
        actual: n === undefined ? 'no handoff' : `handoff after ${n} bot turn${n === 1 ? '' : 's'}`,
        passed: ok,
        ...(ok ? {} : { turn: c.humanAskedAt + within }),
        message: ok
          ? `asked for a person at turn ${c.humanAskedAt}, handed off after ${n} bot turn${n === 1 ? '' : 's'}`
          : `asked for a person at turn ${c.humanAskedAt}, but ${
              n === undefined ? 'no handoff came' : `the handoff came only after ${n} bot turns`
            } (expected within ${within})`,
      });
    }
  }

  if (e.minEmpathy !== undefined) {
    const expected = `empathy at least ${e.minEmpathy} of 5`;
    if (!options.judge) {
      out.push({
        name: 'min_empathy',
        expected,
        actual: 'not judged',
        passed: null,
        message: 'not checked: run with --judge to rate empathy',
      });
    } else if (!c.judge) {
      out.push({
        name: 'min_empathy',
        expected,
        actual: 'no rating',
        passed: null,
        message: `not checked: the judge gave no rating (${options.judgeError ?? 'no answer'})`,
      });
    } else {
      const ok = c.judge.score >= e.minEmpathy;
      const why = c.judge.reasons[0] ? `: ${c.judge.reasons[0]}` : '';
      out.push({
        name: 'min_empathy',
        expected,
        actual: `${c.judge.score} of 5`,
        passed: ok,
        message: ok
          ? `the judge rated empathy ${c.judge.score} of 5`
          : `expected empathy at least ${e.minEmpathy}, the judge gave ${c.judge.score}${why}`,
      });
    }
  }
  return out;
}
