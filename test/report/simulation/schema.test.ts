import { beforeAll, describe, expect, it } from 'vitest';
import type { SimReport } from '../../../src/simulate/summary.js';
import { simReportErrors, simReportValidator } from '../schemas.js';
import { EXAMPLE, HOSTILE, kitchenSinkReport, simulateProject } from './fixtures.js';

const validate = simReportValidator();
const errors = (r: unknown) => simReportErrors(r, validate);

let sink: SimReport;
beforeAll(async () => {
  sink = await kitchenSinkReport();
});

describe('schemas/sim-report.schema.json', () => {
  it('accepts the report of the example, once and over several seeds', async () => {
    expect(errors(await simulateProject(EXAMPLE))).toEqual([]);
    expect(errors(await simulateProject(EXAMPLE, { runs: 3, seed: 7 }))).toEqual([]);
    expect(errors(await simulateProject(EXAMPLE, { showPersonal: true }))).toEqual([]);
  });

  it('accepts the hostile fixture, whose texts are anything but plain', async () => {
    expect(errors(await simulateProject(HOSTILE))).toEqual([]);
  });

  it('accepts a report with every optional field', () => {
    expect(errors(sink)).toEqual([]);
    const c = sink.conversations;
    expect(c.some((x) => x.error && x.judge === undefined)).toBe(true);
    expect(c.some((x) => x.judge && x.toneMismatches.length && x.repeatedAsks.length)).toBe(true);
    expect(c.some((x) => x.handoff?.queue && x.botTurnsToHuman)).toBe(true);
    expect(c.flatMap((x) => x.expectations).map((e) => e.passed)).toEqual(
      expect.arrayContaining([true, false, null]),
    );
  });

  const REMOVE = Symbol('remove');
  const broken = (path: (string | number)[], value: unknown) => {
    const r = structuredClone(sink) as unknown as Record<string | number, unknown>;
    let parent = r;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (value === REMOVE) delete parent[last];
    else parent[last] = value;
    return r;
  };

  it.each<[string, (string | number)[], unknown, string]>([
    ['another format', ['format'], 'tact-lint', '/format must be equal to constant'],
    ['a later version', ['version'], 2, '/version must be equal to constant'],
    ['an unknown top-level field', ['extra'], 1, '/ must NOT have additional properties'],
    ['no summary', ['summary'], REMOVE, "/ must have required property 'summary'"],
    [
      'a bot hash of another form',
      ['bot', 'hash'],
      'md5-abc',
      '/bot/hash must match pattern "^sha256-[0-9a-f]{64}$"',
    ],
    [
      'an unknown engine',
      ['engine', 'name'],
      'gpt',
      '/engine/name must be equal to one of the allowed values',
    ],
    ['a pass rate above 1', ['summary', 'passRate'], 1.5, '/summary/passRate must be <= 1'],
    [
      'a missing outcome count',
      ['summary', 'outcomes', 'stuck'],
      REMOVE,
      "/summary/outcomes must have required property 'stuck'",
    ],
    [
      'an unknown mood',
      ['personas', 0, 'mood'],
      'grumpy',
      '/personas/0/mood must be equal to one of the allowed values',
    ],
    [
      'a failure count of an unknown expectation',
      ['personas', 0, 'failures', 'speed'],
      1,
      '/personas/0/failures property name must be valid',
    ],
    [
      'a conversation id without its run',
      ['conversations', 0, 'id'],
      'angry-damaged-item',
      '/conversations/0/id must match pattern "^.+#[1-9][0-9]*$"',
    ],
    [
      'an interrupted conversation',
      ['conversations', 0, 'endReason'],
      'interrupted',
      '/conversations/0/endReason must be equal to one of the allowed values',
    ],
    [
      'a sentiment below -1',
      ['conversations', 0, 'sentiment', 0],
      -1.2,
      '/conversations/0/sentiment/0 must be >= -1',
    ],
    [
      'a customer line with a tone',
      ['conversations', 0, 'transcript', 2, 'tone'],
      'upbeat',
      '/conversations/0/transcript/2/tone boolean schema is false',
    ],
    [
      'a bot line with a sentiment',
      ['conversations', 0, 'transcript', 0, 'sentiment'],
      { score: 0, label: 'neutral' },
      '/conversations/0/transcript/0/sentiment boolean schema is false',
    ],
    [
      'an expectation passed as a string',
      ['conversations', 0, 'expectations', 0, 'passed'],
      'yes',
      '/conversations/0/expectations/0/passed must be boolean,null',
    ],
    ['a seed as text', ['settings', 'seed'], '<b>', '/settings/seed must be integer'],
    [
      'a judge score of 6',
      ['conversations', 0, 'judge', 'score'],
      6,
      '/conversations/0/judge/score must be <= 5',
    ],
  ])('refuses %s', (_what, path, value, message) => {
    expect(errors(broken(path, value))).toContain(message);
  });
});
