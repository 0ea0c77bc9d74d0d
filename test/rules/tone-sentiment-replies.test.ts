// No false alarms on good work: real replies by brands' support teams to upset customers
// (shared/data/replies, see its README), each put right after a `sentiment: negative` route.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/tone-sentiment.js';
import { runRule } from '../helpers/rule-tester.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.TACT_DATA_DIR ?? path.resolve(repoRoot, '../shared/data');
const file = path.join(dataDir, 'replies/brand-replies.tsv');
const present = existsSync(file);

/**
 * The replies a person reviewing a bot would flag as its first words to an upset customer, each
 * with why. Matched by the start of the reply.
 */
const WOULD_FLAG: Record<string, string> = {
  'Have you tried from another device':
    'a bare troubleshooting question; to a customer who says they tried for a week, it implies they have not',
  "It's working OK from here": 'dismissive: "works for us" to a customer for whom it does not',
  // Known miss: "We're here for you" reads as reassurance, and the analyzer has no cue for a wink
  // or for thanks-replies ("You're welcome!") that make no sense to a complaint.
  "You're welcome! If there's anything else": 'a cheerful sign-off with a wink to someone who is upset',
  'Hi Thomas, we operate a Think 25 policy':
    'jokes ("I\'d be flattered to be ID\'d :-)") at an annoyed customer',
  'Hi Thomas, if a colleague believes': 'recites the policy without a word about how the customer feels',
};

/** Replies in WOULD_FLAG that the analyzer cannot see yet: shown, not asserted, until it can. */
const KNOWN_MISSES = new Set(["You're welcome! If there's anything else"]);

/**
 * Replies a person could fairly judge either way: not asserted, only shown. Everything in neither
 * list must stay silent.
 */
const EITHER_WAY: Record<string, string> = {
  "That's what we're here for Miriam": 'reassuring, but the 😊 reads as answering thanks, not a complaint',
  'Hi there! What device is this happening on':
    'a bright "Hi there!" and straight to questions, though polite',
  'Thanks. The distance could possibly affect playback': 'plain troubleshooting, no acknowledgement',
  'Hi there, as long as you sign out': 'helpful answer with a light ":)"',
  "We'd love to help!": 'an offer of help, if a bright one',
  'Can you DM me your full name': 'an offer to look into it, with a ":)"',
  'Thanks for giving us a nudge': 'thanks the customer for the report, then straight to questions',
};

const decode = (s: string) =>
  s
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

function readReplies(): { brand: string; reply: string }[] {
  const [, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/);
  return rows
    .filter((r) => r.trim())
    .map((r) => {
      const cols = r.split('\t');
      return { brand: cols[0], reply: decode(cols[cols.length - 1]) };
    });
}

/** A flow where `reply` is the first thing said after a negative-sentiment route. */
const flowAnswering = (reply: string) =>
  [
    'flow: main',
    'steps:',
    '  ask_issue:',
    '    ask: What can I help you with today?',
    '    routes:',
    '      - sentiment: negative',
    '        goto: repair',
    '    next: handoff',
    '  repair:',
    `    say: ${JSON.stringify(reply)}`,
    '    next: handoff',
    '  handoff:',
    '    handoff: true',
    '',
  ].join('\n');

const judged = (table: Record<string, string>, reply: string) =>
  Object.keys(table).find((start) => reply.startsWith(start));

describe.skipIf(!present)(
  `tone-sentiment on real brand replies${present ? '' : ` (skipped: ${file} is missing; set TACT_DATA_DIR to the shared data folder)`}`,
  () => {
    const replies = present ? readReplies() : [];
    const results = replies.map(({ brand, reply }) => {
      const findings = runRule(rule, { name: brand, flow: flowAnswering(reply) });
      return { brand, reply, findings };
    });

    it('reads every row, and every judged reply exists in the data', () => {
      expect(replies.length).toBeGreaterThanOrEqual(20);
      for (const start of [...Object.keys(WOULD_FLAG), ...Object.keys(EITHER_WAY)])
        expect(
          replies.some((r) => r.reply.startsWith(start)),
          start,
        ).toBe(true);
    });

    it('flags the replies a person would flag', () => {
      const missed = results
        .filter((r) => {
          const start = judged(WOULD_FLAG, r.reply);
          return start && !KNOWN_MISSES.has(start) && r.findings.length === 0;
        })
        .map((r) => `${r.brand}: ${r.reply} (${WOULD_FLAG[judged(WOULD_FLAG, r.reply)!]})`);
      expect(missed).toEqual([]);
    });

    it('stays silent on the empathetic and reassuring replies', () => {
      const falseAlarms = results
        .filter((r) => !judged(WOULD_FLAG, r.reply) && !judged(EITHER_WAY, r.reply) && r.findings.length > 0)
        .map((r) => `${r.brand}: ${r.reply} → ${r.findings[0].message}`);
      expect(falseAlarms).toEqual([]);
    });

    it('shows how the judgement calls went', () => {
      const flagged = results.filter((r) => r.findings.length > 0);
      const lines = flagged.map((r) => `  ${r.findings[0].messageId.padEnd(18)} ${r.brand}: ${r.reply}`);
      const misses = results
        .filter((r) => r.findings.length === 0 && judged(WOULD_FLAG, r.reply))
        .map((r) => `  missed             ${r.brand}: ${r.reply}`);
      console.log(
        `tone-sentiment flagged ${flagged.length} of ${results.length} brand replies:\n${[...lines, ...misses].join('\n')}`,
      );
      expect(flagged.length).toBeLessThan(results.length);
    });
  },
);
