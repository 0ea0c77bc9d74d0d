import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../src/lint.js';
import { decodeCacheFile, encodeCacheFile } from '../src/lint-cache.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];

/** A copy of the example project in a temp folder. */
function example(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tact-cache-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'flows'), path.join(dir, 'flows'), { recursive: true });
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const findingsOf = (dir: string, cache?: string) => lint(['flows'], { cwd: dir, cache }).findings;

describe('lint --cache', () => {
  it('a warm run, and runs after a flow or the config changed, find exactly what a run without the cache finds', () => {
    const dir = example();
    const cache = path.join(dir, '.tactcache');
    expect(findingsOf(dir, cache)).toEqual(findingsOf(dir));
    expect(existsSync(cache)).toBe(true);
    expect(findingsOf(dir, cache)).toEqual(findingsOf(dir));

    // A flow changes: a blaming, hard message, and a step no longer reachable.
    const retail = path.join(dir, 'flows/retail.flow.yaml');
    writeFileSync(
      retail,
      readFileSync(retail, 'utf8').replace(
        'I can help with a return or a refund.',
        'You failed to read the instructions, notwithstanding the aforementioned contractual stipulations and reimbursement eligibility determinations.',
      ),
    );
    const changed = findingsOf(dir);
    expect(changed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['blame-language', 'readability']));
    expect(findingsOf(dir, cache)).toEqual(changed);
    expect(findingsOf(dir, cache)).toEqual(changed);

    // The config changes: every entry is dropped.
    const config = path.join(dir, 'flows/tact.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('max_grade: 8', 'max_grade: 30'));
    const relaxed = findingsOf(dir);
    expect(relaxed.some((f) => f.ruleId === 'readability')).toBe(false);
    expect(findingsOf(dir, cache)).toEqual(relaxed);
  });

  it('takes what it found in an unchanged file from the cache', () => {
    const dir = example();
    const cache = path.join(dir, '.tactcache');
    findingsOf(dir, cache);
    // Change what the cache holds for one file (not the file): the warm run reports from the cache.
    const { index, flows } = decodeCacheFile(readFileSync(cache));
    const entry = index.files.get('flows/retail.flow.yaml')!;
    expect(entry.findings).toEqual([]);
    entry.findings = [
      {
        ruleId: 'readability',
        messageId: 'tooHard',
        severity: 'warn',
        message: 'from the cache',
        file: 'flows/retail.flow.yaml',
        line: 1,
        column: 1,
      },
    ];
    writeFileSync(cache, Buffer.concat(encodeCacheFile(index, [flows])));
    expect(findingsOf(dir, cache).map((f) => f.message)).toContain('from the cache');
  });

  it('a cache file that cannot be read is ignored and written afresh', () => {
    const dir = example();
    const cache = path.join(dir, '.tactcache');
    writeFileSync(cache, '{not json');
    expect(findingsOf(dir, cache)).toEqual(findingsOf(dir));
    expect(decodeCacheFile(readFileSync(cache)).index.format).toBe(3);
  });

  it('a cache file cut short (its flows are read when needed) is no cache: the same findings, and a whole file after', () => {
    const dir = example();
    const cache = path.join(dir, '.tactcache');
    const clean = findingsOf(dir);
    findingsOf(dir, cache);
    const whole = readFileSync(cache);
    writeFileSync(cache, whole.subarray(0, whole.length - 100));
    expect(findingsOf(dir, cache)).toEqual(clean);
    // Written whole again: every flow the index names is inside the file.
    const { index, flows } = decodeCacheFile(readFileSync(cache));
    const ends = [...index.files.values()].map((e) => (e.flow ? e.flow[0] + e.flow[1] : 0));
    expect(Math.max(...ends)).toBe(flows.length);
    expect(findingsOf(dir, cache)).toEqual(clean);
  });
});
