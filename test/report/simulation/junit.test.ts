import { beforeAll, describe, expect, it } from 'vitest';
import { formatSimJunit } from '../../../src/report/simulation/index.js';
import type { SimReport } from '../../../src/simulate/summary.js';
import { EXAMPLE, kitchenSinkReport, simulateProject } from './fixtures.js';
import { childrenNamed, type XmlNode, xmlTree } from './parse.js';

let example: SimReport;
let sink: SimReport;
beforeAll(async () => {
  example = await simulateProject(EXAMPLE);
  sink = await kitchenSinkReport();
});

const testcases = (root: XmlNode) =>
  childrenNamed(root, 'testsuite').flatMap((s) => childrenNamed(s, 'testcase'));
const testcase = (root: XmlNode, name: string) => testcases(root).find((t) => t.attributes.name === name)!;
const properties = (node: XmlNode) =>
  Object.fromEntries(
    childrenNamed(childrenNamed(node, 'properties')[0], 'property').map((p) => [
      p.attributes.name,
      p.attributes.value,
    ]),
  );

describe('junit.xml', () => {
  it('has a test suite per persona and a test case per conversation, named by its id', () => {
    const root = xmlTree(formatSimJunit(example));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toEqual({
      name: 'tact simulate acme-support',
      tests: '12',
      failures: '0',
      errors: '0',
      skipped: '0',
      time: '0',
    });
    const suites = childrenNamed(root, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(example.personas.map((p) => p.id));
    expect(testcases(root).map((t) => t.attributes.name)).toEqual(example.conversations.map((c) => c.id));
    const first = testcases(root)[0];
    expect(first.attributes).toEqual({
      classname: 'angry-damaged-item',
      name: 'angry-damaged-item#1',
      file: 'flows/personas/angry-damaged-item.persona.yaml',
      time: '0',
    });
    expect(properties(suites[0])).toEqual({
      mood: 'angry',
      goal: 'Get a refund for order AB123456, which arrived broken.',
      traits: 'terse, typos',
      'pass rate': '1/1',
    });
  });

  it('counts failures and errors apart, and leaves out personas with no conversation here', () => {
    const root = xmlTree(formatSimJunit(sink));
    expect(root.attributes).toMatchObject({ tests: '4', failures: '1', errors: '1' });
    const suites = childrenNamed(root, 'testsuite');
    expect(
      suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.errors]),
    ).toEqual([
      ['angry-damaged-item', '1', '1', '0'],
      ['angry-wants-person', '2', '0', '1'],
      ['calm-late-parcel', '1', '0', '0'],
    ]);
  });

  it('names each failed expectation and its turn in the failure, and carries the transcript', () => {
    const root = xmlTree(formatSimJunit(sink));
    const t = testcase(root, 'angry-damaged-item#1');
    const [failure] = childrenNamed(t, 'failure');
    expect(failure.attributes).toEqual({
      message:
        'min_empathy: expected empathy at least 3, the judge gave 2: It thanked an angry customer cheerfully.',
      type: 'min_empathy',
    });
    const body = failure.text.split('\n');
    expect(body[0]).toBe(
      '✗ min_empathy failed: expected empathy at least 3, the judge gave 2: It thanked an angry customer cheerfully.',
    );
    const c = sink.conversations.find((x) => x.id === 'angry-damaged-item#1')!;
    const first = c.transcript.find((l) => l.from === 'customer')!;
    expect(body.some((l) => l.startsWith(`turn ${first.turn} · customer · sentiment `))).toBe(true);
    expect(body).toContain(`    ${first.text}`);
    expect(body).toContain('turn 1 · bot · retail/start · tone upbeat · TONE MISMATCH');
    expect(body).toContain('turn 3 · bot · retail/ask_email · REPEATED ASK');
    expect(body).toContain('turn 4 · ran check_refund → refund_eligible: true');
    expect(childrenNamed(t, 'error')).toEqual([]);
  });

  it('places a failure with a turn after that turn in the transcript', async () => {
    const report = structuredClone(sink);
    const c = report.conversations.find((x) => x.id === 'angry-damaged-item#1')!;
    c.expectations.push({
      name: 'human_within',
      expected: 'a handoff within 1 bot turn of asking for a person',
      actual: 'no handoff',
      passed: false,
      turn: 2,
      message: 'asked for a person at turn 1, but no handoff came (expected within 1)',
    });
    const failure = childrenNamed(
      testcase(xmlTree(formatSimJunit(report)), 'angry-damaged-item#1'),
      'failure',
    )[0];
    expect(failure.attributes.message).toBe(
      'min_empathy: expected empathy at least 3, the judge gave 2: It thanked an angry customer cheerfully.; human_within at turn 2: asked for a person at turn 1, but no handoff came (expected within 1)',
    );
    expect(failure.attributes.type).toBe('min_empathy, human_within');
    const body = failure.text.split('\n');
    const line =
      '✗ human_within failed at turn 2: asked for a person at turn 1, but no handoff came (expected within 1)';
    expect(body[1]).toBe(line);
    const at = body.lastIndexOf(line);
    expect(body.slice(at - 3, at)).toEqual([
      'turn 2 · bot · retail/ask_reason',
      '    What went wrong with the order?',
      '',
    ]);
    expect(body[at + 2]).toMatch(/^turn 3 · customer · sentiment /);
  });

  it('gives an engine error as <error>, with the reason and the transcript so far', () => {
    const t = testcase(xmlTree(formatSimJunit(sink)), 'angry-wants-person#2');
    expect(childrenNamed(t, 'failure')).toEqual([]);
    const [error] = childrenNamed(t, 'error');
    expect(error.attributes).toEqual({
      message: 'the conversation could not run: the model answered with malformed JSON twice',
      type: 'engine',
    });
    expect(error.text.split('\n').slice(0, 3)).toEqual([
      'error: the model answered with malformed JSON twice',
      '✗ outcome failed at turn 1: expected outcome handoff, got error: the model answered with malformed JSON twice',
      '',
    ]);
    const c = sink.conversations.find((x) => x.id === 'angry-wants-person#2')!;
    expect(error.text).toContain(`    ${c.transcript.find((l) => l.from === 'customer')!.text}`);
  });

  it('shows expectations not checked as properties and in system-out, never as a failure', () => {
    const root = xmlTree(formatSimJunit(example));
    const t = testcase(root, 'angry-damaged-item#1');
    const n = example.conversations[0].turns;
    expect(childrenNamed(t, 'failure')).toEqual([]);
    expect(properties(t)).toEqual({
      mood: 'angry',
      seed: '0',
      outcome: 'resolved',
      end: `resolved at turn ${n}`,
      turns: String(n),
      fallbacks: '0',
      'expect outcome': 'passed: outcome resolved, as expected (resolved or handoff)',
      'expect max_turns': `passed: ${n} turns, within 12`,
      'expect human_within': 'not checked: the customer never asked for a person',
      transcript: 'transcripts/angry-damaged-item-1.md',
    });
    const out = childrenNamed(t, 'system-out')[0].text.split('\n');
    expect(out.slice(0, 4)).toEqual([
      '✓ outcome passed: outcome resolved, as expected (resolved or handoff)',
      `✓ max_turns passed: ${n} turns, within 12`,
      '– human_within: not checked: the customer never asked for a person',
      '',
    ]);
    // A passing case carries its transcript in system-out.
    expect(out[4]).toBe('turn 0 · bot · main/greet');
  });
});
