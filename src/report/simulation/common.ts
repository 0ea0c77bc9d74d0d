import { createHash } from 'node:crypto';
import type { ConversationResult, ExpectationResult, TranscriptLine } from '../../simulate/types.js';
import { oneLine, showInvisible, wrap } from './escape.js';

const SAFE_ID = /^[a-z][a-z0-9_-]{0,79}$/;

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * A conversation's file name stem (`angry-damaged-item#1` → `angry-damaged-item-1`), the same on
 * every run and safe on every OS: lower-case letters, digits, `-` and `_`, starting with a letter,
 * never a reserved Windows name (a run number always follows). An id that is not a plain persona id
 * and run (possible with `--force`) is slugged and given a hash of itself, so two ids never meet.
 */
export function conversationSlug(id: string): string {
  const m = /^(.*)#([1-9][0-9]{0,8})$/.exec(id);
  const persona = m ? m[1] : id;
  if (m && SAFE_ID.test(persona)) return `${persona}-${m[2]}`;
  const slug =
    persona
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'conversation';
  return `${slug}-${m ? `${m[2]}-` : ''}${shortHash(id)}`;
}

/** The path of a conversation's Markdown transcript inside the report folder. */
export function transcriptPath(id: string): string {
  return `transcripts/${conversationSlug(id)}.md`;
}

export const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export const labelWords = (label: string) => label.replace(/_/g, ' ');

/** How a conversation ended, in tact's words; `error` is the engine's reason (foreign text). */
export function endWords(c: ConversationResult): { text: string; error?: string } {
  const at = `at turn ${c.turns}`;
  switch (c.endReason) {
    case 'handoff':
      return { text: `handoff ${at}` };
    case 'end-resolved':
      return { text: `resolved ${at}` };
    case 'end-unresolved':
      return { text: `abandoned: the bot ended the conversation unresolved ${at}` };
    case 'customer-done':
      return { text: `resolved: the customer was done ${at}` };
    case 'customer-gave-up':
      return { text: `abandoned: the customer gave up ${at}` };
    case 'max-turns':
      return { text: `stuck: still going after ${c.turns} turns` };
    case 'interrupted':
      return { text: `interrupted ${at}` };
    default:
      return { text: `error ${at}`, error: c.error ?? 'unknown' };
  }
}

export const failedExpectations = (c: ConversationResult) => c.expectations.filter((e) => e.passed === false);
export const uncheckedExpectations = (c: ConversationResult) =>
  c.expectations.filter((e) => e.passed === null);

export const statusWord = (e: ExpectationResult) =>
  e.passed === true ? 'passed' : e.passed === false ? 'failed' : 'not checked';

/** `human_within at turn 2: asked for a person …` */
export function expectationLine(e: ExpectationResult): string {
  return `${e.name}${e.turn !== undefined ? ` at turn ${e.turn}` : ''}: ${oneLine(e.message)}`;
}

/** `✓ outcome passed: …`, `✗ human_within failed at turn 2: …`, `– min_empathy: not checked: …` */
export function expectationStatusLine(e: ExpectationResult): string {
  const at = e.turn !== undefined && e.passed === false ? ` at turn ${e.turn}` : '';
  if (e.passed === null) return `– ${e.name}: ${oneLine(e.message)}`;
  return `${e.passed ? '✓' : '✗'} ${e.name} ${e.passed ? 'passed' : 'failed'}${at}: ${oneLine(e.message)}`;
}

/**
 * Where each failed expectation shows in a transcript: after the last line of its turn, or at the
 * end when its turn is past the last line (a handoff that should have come and did not). Key: the
 * index of the line it follows.
 */
export function failuresByLine(c: ConversationResult): Map<number, ExpectationResult[]> {
  const out = new Map<number, ExpectationResult[]>();
  const last = c.transcript.length - 1;
  for (const e of failedExpectations(c)) {
    const turn = e.turn;
    const at = turn === undefined ? last : c.transcript.findLastIndex((l) => l.turn <= turn);
    out.set(at, [...(out.get(at) ?? []), e]);
  }
  return out;
}

/** The notes of one transcript line, in words: sentiment, intent, flags, the action before it. */
export function lineNotes(line: TranscriptLine): string[] {
  const notes: string[] = [];
  if (line.sentiment)
    notes.push(`sentiment ${formatScore(line.sentiment.score)} ${labelWords(line.sentiment.label)}`);
  if (line.intent && line.intent.name !== 'none')
    notes.push(`intent ${line.intent.name} ${line.intent.score.toFixed(2)}`);
  if (line.wantsHuman) notes.push('asked for a person');
  if (line.tone && line.tone !== 'neutral' && line.text) notes.push(`tone ${line.tone}`);
  if (line.fallback) notes.push('FALLBACK');
  if (line.toneMismatch) notes.push('TONE MISMATCH');
  if (line.repeatedAsk) notes.push('REPEATED ASK');
  return notes;
}

export const formatScore = (score: number) => (score > 0 ? `+${score.toFixed(2)}` : score.toFixed(2));

/** An action's result as `key: value, …` (values as JSON). */
export function actionWords(action: NonNullable<TranscriptLine['action']>): string {
  const entries = Object.entries(action.result);
  const result = entries.length
    ? entries.map(([k, v]) => `${k}: ${JSON.stringify(v) ?? String(v)}`).join(', ')
    : 'nothing';
  return `ran ${action.name} → ${result}${action.inWorld ? '' : ' (not in the world: returned nothing)'}`;
}

/**
 * The transcript as plain text, the same in junit.xml and the Markdown transcripts: a header line
 * per message (turn, who, step, notes) and the message below it, indented four spaces, and each
 * failed expectation at its turn. `width` wraps the messages. The text is raw: the caller escapes.
 */
export function plainTranscript(c: ConversationResult, width = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  const failures = failuresByLine(c);
  const indent = '    ';
  // A mask marker is never split over two lines.
  const body = (text: string) =>
    wrap(showInvisible(text).replace(/\[hidden: /g, '[hidden:\u00a0'), width - indent.length).map((l) =>
      l ? `${indent}${l.replace(/\[hidden:\u00a0/g, '[hidden: ')}` : '',
    );
  const fail = (i: number) => {
    for (const e of failures.get(i) ?? []) out.push(expectationStatusLine(e), '');
  };
  fail(-1);
  c.transcript.forEach((line, i) => {
    if (line.action) out.push(`turn ${line.turn} · ${oneLine(actionWords(line.action))}`);
    if (line.from === 'customer' || line.text) {
      const head = [
        `turn ${line.turn}`,
        line.from,
        ...(line.from === 'bot' ? [line.step] : []),
        ...lineNotes(line),
      ];
      out.push(oneLine(head.join(' · ')), ...body(line.text), '');
    } else out.push('');
    fail(i);
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
