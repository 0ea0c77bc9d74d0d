import type { SimReport } from '../../simulate/summary.js';
import type { ConversationResult } from '../../simulate/types.js';
import { endWords, formatScore, plainTranscript, statusWord } from './common.js';
import { mdBlock, mdCode } from './escape.js';

/** Wrap width of the messages in a transcript block (fits a side-by-side code review). */
const WIDTH = 96;

const MARK = { passed: '✓', failed: '✗', 'not checked': '–' } as const;

/**
 * One conversation as Markdown, for a code review: the facts, the expectations, the sentiment per
 * turn and the transcript. Every text a persona, a model or a flow wrote is inside a code span or a
 * fenced block, the only places Markdown renders nothing, so no link, image or HTML can come of it.
 */
export function formatSimTranscript(report: SimReport, c: ConversationResult): string {
  const persona = report.personas.find((p) => p.id === c.persona);
  const end = endWords(c);
  const out: string[] = [];
  out.push(`# ${c.passed ? '✓' : '✗'} ${mdCode(c.id)} ${c.passed ? 'passed' : 'failed'}`, '');
  out.push(
    `- **Persona:** ${mdCode(c.persona)}, ${mdCode(c.mood)}${persona?.traits.length ? `, traits ${persona.traits.map((t) => mdCode(t)).join(' ')}` : ''}`,
  );
  if (persona?.goal) out.push(`- **Goal:** ${mdCode(persona.goal)}`);
  out.push(`- **Outcome:** ${mdCode(c.outcome)}, ${end.text}${end.error ? `: ${mdCode(end.error)}` : ''}`);
  const facts = [
    `${c.turns} customer turn${c.turns === 1 ? '' : 's'}`,
    `${c.fallbacks} fallback${c.fallbacks === 1 ? '' : 's'}`,
  ];
  if (c.humanAskedAt !== undefined) facts.push(`asked for a person at turn ${c.humanAskedAt}`);
  if (c.handoffAt !== undefined) facts.push(`handoff at turn ${c.handoffAt}`);
  out.push(`- **Turns:** ${facts.join(', ')}`);
  if (c.handoff)
    out.push(
      `- **Handoff:** at ${mdCode(c.handoff.step)}${c.handoff.queue ? ` to queue ${mdCode(c.handoff.queue)}` : ''}, reason ${mdCode(c.handoff.reason)}`,
    );
  if (c.judge)
    out.push(
      `- **Empathy (judge):** ${c.judge.score} of 5${c.judge.reasons.length ? `: ${c.judge.reasons.map((r) => mdCode(r)).join('; ')}` : ''}`,
    );
  out.push(
    `- **Bot:** ${mdCode(report.bot.name)} ${mdCode(report.bot.hash)}, engine ${mdCode(report.engine.model ? `${report.engine.name} ${report.engine.model}` : report.engine.name)}, seed ${c.seed}`,
  );
  out.push('');

  out.push('## Expectations', '');
  if (c.expectations.length === 0) out.push('None.', '');
  else {
    out.push(
      '| result | expectation | expected | actual | turn | what happened |',
      '|---|---|---|---|---|---|',
    );
    for (const e of c.expectations) {
      const word = statusWord(e);
      out.push(
        `| ${MARK[word]} ${word} | ${mdCode(e.name, { table: true })} | ${mdCode(e.expected, { table: true })} | ${mdCode(e.actual, { table: true })} | ${e.turn ?? ''} | ${mdCode(e.message, { table: true })} |`,
      );
    }
    out.push('');
  }

  if (c.toneMismatches.length > 0 || c.repeatedAsks.length > 0) {
    out.push('## Flags', '');
    for (const m of c.toneMismatches)
      out.push(
        `- turn ${m.turn}, ${mdCode(m.step)}: an upbeat ${mdCode(m.text)} right after ${mdCode(m.after.label)} ${mdCode(m.after.text)}${m.evidence.length ? ` (heard: ${m.evidence.map((e) => mdCode(e)).join(', ')})` : ''}`,
      );
    for (const r of c.repeatedAsks)
      out.push(`- turn ${r.turn}, ${mdCode(r.step)}: asked again for ${mdCode(r.data)}`);
    out.push('');
  }

  const points = c.transcript.filter((l) => l.from === 'customer' && l.sentiment);
  if (points.length > 0) {
    out.push('## Sentiment', '');
    out.push(
      `| turn | ${points.map((l) => l.turn).join(' | ')} |`,
      `|---|${points.map(() => '---:').join('|')}|`,
    );
    out.push(`| score | ${points.map((l) => formatScore(l.sentiment!.score)).join(' | ')} |`, '');
  }

  out.push('## Transcript', '');
  out.push(c.transcript.length ? mdBlock(plainTranscript(c, WIDTH)) : 'Nothing was said.', '');
  return out.join('\n');
}
