import type { PersonaSummary, SimReport } from '../../simulate/summary.js';
import type { ConversationResult } from '../../simulate/types.js';
import {
  endWords,
  expectationLine,
  expectationStatusLine,
  failedExpectations,
  plainTranscript,
  statusWord,
  transcriptPath,
} from './common.js';
import { xmlAttr, xmlText } from './escape.js';

const attrs = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

const property = (name: string, value: string | number) => `<property${attrs({ name, value })} />`;

/**
 * `junit.xml`: a test suite per persona, a test case per conversation (named by its id, stable
 * across runs). A failed expectation is a `<failure>` whose message names each expectation and its
 * turn, and whose body carries the transcript with the failure at its turn; an engine error is an
 * `<error>`. Every expectation, those not checked too, is a property of its test case and a line of
 * its system-out, so a not-checked one is visible but never fails the build.
 */
export function formatSimJunit(report: SimReport): string {
  const s = report.summary;
  const failures = report.conversations.filter((c) => !c.passed && c.outcome !== 'error').length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({ name: `tact simulate ${report.bot.name}`, tests: s.conversations, failures, errors: s.errors, skipped: 0, time: 0 })}>`,
  );
  for (const persona of report.personas) {
    const mine = report.conversations.filter((c) => c.persona === persona.id);
    if (mine.length === 0) continue;
    out.push(...suite(persona, mine));
  }
  for (const c of report.conversations.filter((c) => !report.personas.some((p) => p.id === c.persona)))
    out.push(...suite(undefined, [c]));
  out.push('</testsuites>', '');
  return out.join('\n');
}

function suite(persona: PersonaSummary | undefined, conversations: ConversationResult[]): string[] {
  const name = persona?.id ?? conversations[0].persona;
  const errors = conversations.filter((c) => c.outcome === 'error').length;
  const failures = conversations.filter((c) => !c.passed && c.outcome !== 'error').length;
  const out = [
    `  <testsuite${attrs({ name, tests: conversations.length, failures, errors, skipped: 0, time: 0, file: persona?.file || undefined })}>`,
  ];
  if (persona) {
    out.push('    <properties>');
    out.push(`      ${property('mood', persona.mood)}`);
    out.push(`      ${property('goal', persona.goal)}`);
    if (persona.traits.length) out.push(`      ${property('traits', persona.traits.join(', '))}`);
    out.push(`      ${property('pass rate', `${persona.passed}/${persona.conversations}`)}`);
    out.push('    </properties>');
  }
  for (const c of conversations) out.push(...testcase(c, persona));
  out.push('  </testsuite>');
  return out;
}

function testcase(c: ConversationResult, persona: PersonaSummary | undefined): string[] {
  const out = [
    `    <testcase${attrs({ classname: c.persona, name: c.id, file: persona?.file || undefined, time: 0 })}>`,
  ];
  const end = endWords(c);
  out.push('      <properties>');
  for (const [name, value] of [
    ['mood', c.mood],
    ['seed', c.seed],
    ['outcome', c.outcome],
    ['end', end.error ? `${end.text}: ${end.error}` : end.text],
    ['turns', c.turns],
    ['fallbacks', c.fallbacks],
    ...(c.humanAskedAt !== undefined ? [['asked for a person at turn', c.humanAskedAt]] : []),
    ...(c.handoffAt !== undefined ? [['handoff at turn', c.handoffAt]] : []),
    ...(c.judge ? [['empathy', `${c.judge.score} of 5`]] : []),
    ...c.expectations.map((e) => [
      `expect ${e.name}`,
      e.passed === null ? e.message : `${statusWord(e)}: ${e.message}`,
    ]),
    ['transcript', transcriptPath(c.id)],
  ] as [string, string | number][])
    out.push(`        ${property(name, value)}`);
  out.push('      </properties>');

  const failed = failedExpectations(c);
  const transcript = plainTranscript(c);
  if (c.outcome === 'error') {
    const body = [`error: ${c.error ?? 'unknown'}`, ...failed.map(expectationStatusLine), '', ...transcript];
    out.push(
      `      <error${attrs({ message: `the conversation could not run: ${c.error ?? 'unknown'}`, type: 'engine' })}>${xmlText(body.join('\n'))}</error>`,
    );
  } else if (failed.length > 0) {
    const message = failed.map(expectationLine).join('; ');
    const body = [...failed.map(expectationStatusLine), '', ...transcript];
    out.push(
      `      <failure${attrs({ message, type: failed.map((e) => e.name).join(', ') })}>${xmlText(body.join('\n'))}</failure>`,
    );
  }
  const lines = c.expectations.map(expectationStatusLine);
  const systemOut = c.passed ? [...lines, '', ...transcript] : lines;
  out.push(`      <system-out>${xmlText(systemOut.join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return out;
}
