import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simReportErrors, simReportValidator } from '../report/schemas.js';
import { knownPersonalValues } from '../report/simulation/fixtures.js';
import { elements, parseHtml, parseXml } from '../report/simulation/parse.js';
import { ROOT, tact } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-sim-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const validate = simReportValidator();

/** Every file under `dir`, relative, sorted. */
function filesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
/** report.json of a folder, checked against the schema. */
function reportOf(dir: string) {
  const json = JSON.parse(read(dir, 'report.json'));
  expect(simReportErrors(json, validate)).toEqual([]);
  return json;
}

const EXAMPLE_TRANSCRIPTS = [
  'angry-damaged-item-1',
  'angry-wants-person-1',
  'anxious-card-fraud-1',
  'anxious-lost-card-1',
  'calm-dispute-1',
  'calm-late-parcel-1',
  'confused-plan-change-1',
  'frustrated-freeze-fails-1',
  'frustrated-gym-membership-1',
  'happy-new-dates-1',
  'impatient-outage-1',
  'sad-no-rooms-1',
].map((n) => `transcripts/${n}.md`);

describe('tact simulate --report', () => {
  const dir = path.join(tmp, 'example');

  it('writes report.json, junit.xml, report.html and a transcript per conversation, and nothing else', async () => {
    const r = await tact(['simulate', 'flows', '--report', dir, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('12 conversations: 12 passed, 0 failed (100%)');
    expect(filesIn(dir)).toEqual(['junit.xml', 'report.html', 'report.json', ...EXAMPLE_TRANSCRIPTS].sort());
    const report = reportOf(dir);
    expect(report.conversations.map((c: { id: string }) => c.id)).toHaveLength(12);
    expect(parseXml(read(dir, 'junit.xml')).error).toBeUndefined();
    expect(read(dir, 'report.html').startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
  });

  it('masks every personal value the personas know, in every file; --show-personal keeps them', async () => {
    const values = knownPersonalValues(path.join(ROOT, 'flows'));
    expect(values.length).toBeGreaterThanOrEqual(6);
    const leaks = (d: string) =>
      filesIn(d).flatMap((f) =>
        values.filter((v) => read(d, f).toLowerCase().includes(v.toLowerCase())).map((v) => `${f}: ${v}`),
      );
    expect(leaks(dir)).toEqual([]);
    const shown = path.join(tmp, 'shown');
    const r = await tact(['simulate', 'flows', '--report', shown, '--quiet', '--show-personal']);
    expect(r.exitCode).toBe(0);
    expect(reportOf(shown).settings.showPersonal).toBe(true);
    expect(leaks(shown)).toEqual(
      expect.arrayContaining([
        'report.json: sam.k@example.com',
        'transcripts/angry-damaged-item-1.md: sam.k@example.com',
      ]),
    );
  });

  it('writes the same files again for the same run, and removes transcripts the new run did not write', async () => {
    const before = Object.fromEntries(filesIn(dir).map((f) => [f, read(dir, f)]));
    const again = await tact(['simulate', 'flows', '--report', dir, '--quiet']);
    expect(again.exitCode).toBe(0);
    expect(Object.fromEntries(filesIn(dir).map((f) => [f, read(dir, f)]))).toEqual(before);

    writeFileSync(path.join(dir, 'transcripts', 'notes.txt'), 'mine\n');
    const one = await tact(['simulate', 'flows', '--persona', 'calm-dispute', '--report', dir, '--quiet']);
    expect(one.exitCode).toBe(0);
    expect(filesIn(dir)).toEqual([
      'junit.xml',
      'report.html',
      'report.json',
      'transcripts/calm-dispute-1.md',
      'transcripts/notes.txt',
    ]);
    expect(reportOf(dir).summary.conversations).toBe(1);
  });

  it('merges shards into the same report, writing every kind again', async () => {
    const whole = path.join(tmp, 'whole');
    const shard = (i: number) => path.join(tmp, `shard-${i}`);
    const merged = path.join(tmp, 'merged');
    expect((await tact(['simulate', 'flows', '--runs', '2', '--report', whole, '-q'])).exitCode).toBe(0);
    for (const i of [1, 2, 3]) {
      const r = await tact([
        'simulate',
        'flows',
        '--runs',
        '2',
        '--shard',
        `${i}/3`,
        '--report',
        shard(i),
        '-q',
      ]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(reportOf(shard(i)).settings.shards).toEqual([{ index: i, total: 3 }]);
    }
    const m = await tact(['simulate', 'merge', shard(1), shard(2), shard(3), '--report', merged]);
    expect(m.stderr).toBe('');
    expect(m.exitCode).toBe(0);
    expect(m.stdout).toContain('24 conversations: 24 passed, 0 failed (100%)');
    expect(filesIn(merged)).toEqual(filesIn(whole));
    expect(filesIn(merged)).toHaveLength(3 + 24);
    const a = reportOf(merged);
    const b = reportOf(whole);
    expect(a.settings.shards).toEqual([1, 2, 3].map((index) => ({ index, total: 3 })));
    expect({ ...a, settings: { ...a.settings, shards: undefined } }).toEqual({
      ...b,
      settings: { ...b.settings, shards: undefined },
    });
    for (const f of filesIn(whole).filter((x) => x !== 'report.json' && x !== 'report.html'))
      expect(read(merged, f), f).toBe(read(whole, f));
    expect(read(merged, 'report.html')).toContain('shards 1/3, 2/3, 3/3');
  });

  it('refuses to merge a report.json that is not of the documented shape, and writes nothing', async () => {
    const bad = path.join(tmp, 'bad');
    const r0 = await tact(['simulate', 'flows', '--persona', 'calm-dispute', '--report', bad, '-q']);
    expect(r0.exitCode).toBe(0);
    const json = JSON.parse(read(bad, 'report.json'));
    json.conversations[0].turns = '<script>';
    writeFileSync(path.join(bad, 'report.json'), JSON.stringify(json));
    const out = path.join(tmp, 'bad-merged');
    const r = await tact(['simulate', 'merge', bad, '--report', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `tact: ${path.join(bad, 'report.json')} does not match schemas/sim-report.schema.json: /conversations/0/turns must be integer (give folders written by \`tact simulate --report\` with this version of tact)\n`,
    );
    expect(() => readdirSync(out)).toThrow();
    const none = await tact(['simulate', 'merge', bad]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe(
      'tact: simulate merge needs --report DIR (say where to write the joined report)\n',
    );
  });

  it('writes the hostile fixture’s reports with its text inert and its personal value hidden', async () => {
    const out = path.join(tmp, 'hostile');
    const r = await tact(['simulate', 'fixtures/sim-hostile/flows', '--force', '--report', out, '-q']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✗ hostile-customer#1');
    expect(filesIn(out)).toEqual([
      'junit.xml',
      'report.html',
      'report.json',
      'transcripts/hostile-customer-1.md',
      'transcripts/hostile-wants-person-1.md',
    ]);
    reportOf(out);
    for (const f of filesIn(out)) expect(read(out, f), f).not.toContain('mallory@evil.example');
    const els = elements(parseHtml(read(out, 'report.html')));
    expect(els.filter((e) => e.tagName === 'script' || e.tagName === 'img')).toEqual([]);
    expect(parseXml(read(out, 'junit.xml')).error).toBeUndefined();
    expect(read(out, 'junit.xml')).toContain(
      '<testcase classname="hostile-customer" name="hostile-customer#1" file="fixtures/sim-hostile/flows/personas/hostile-customer.persona.yaml" time="0">',
    );
  });
});

describe('docs/simulation.md, Reports', () => {
  const docs = readFileSync(path.join(ROOT, 'docs/simulation.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## Reports'), docs.indexOf('## Exit codes'));

  it('shows a junit failure as the demo personas give it', async () => {
    const out = path.join(tmp, 'demo');
    const r = await tact([
      'simulate',
      'flows',
      '--personas',
      'fixtures/sim-report-demo/personas',
      '--report',
      out,
      '-q',
    ]);
    expect(r.exitCode).toBe(1);
    const xml = read(out, 'junit.xml');
    const excerpt = /```xml\n([\s\S]*?)```/.exec(section)![1].trim().split('\n');
    expect(excerpt.length).toBe(2);
    for (const line of excerpt) expect(xml).toContain(line);
  });

  it('quotes the page’s policy as the page has it', async () => {
    const { SIM_REPORT_CSP } = await import('../../src/report/simulation/index.js');
    const quoted = /```\n(default-src[^\n]*)\n```/.exec(section)![1];
    expect(SIM_REPORT_CSP.replace(/'sha256-[^']+'/, "'sha256-…'")).toBe(quoted);
  });

  it('names every file the report folder holds, and the screenshot it shows exists', () => {
    for (const f of ['`report.json`', '`junit.xml`', '`report.html`', '`transcripts/<id>.md`'])
      expect(section).toContain(`| ${f} |`);
    const image = /!\[[^\]]*\]\(([^)]+)\)/.exec(section)![1];
    expect(
      readFileSync(path.join(ROOT, 'docs', image))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});
