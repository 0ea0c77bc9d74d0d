import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDir, needs, sharedData } from './data.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const saved = process.env.TACT_DATA_DIR;

afterEach(() => {
  if (saved === undefined) delete process.env.TACT_DATA_DIR;
  else process.env.TACT_DATA_DIR = saved;
});

describe('the shared data folder', () => {
  it('is ../shared/data beside the repository unless TACT_DATA_DIR says otherwise', () => {
    delete process.env.TACT_DATA_DIR;
    expect(dataDir()).toBe(path.resolve(repoRoot, '../shared/data'));
  });

  it('honours TACT_DATA_DIR, relative to the working folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tact-data-'));
    try {
      writeFileSync(path.join(dir, 'a.tsv'), 'label\ttext\n');
      process.env.TACT_DATA_DIR = dir;
      expect(sharedData('a.tsv')).toEqual({
        path: path.join(dir, 'a.tsv'),
        present: true,
        missing: `${path.join(dir, 'a.tsv')} not found (set TACT_DATA_DIR to the shared data folder)`,
      });
      expect(needs(sharedData('a.tsv'), 'reads it')).toBe('reads it');
      process.env.TACT_DATA_DIR = path.relative(process.cwd(), dir);
      expect(dataDir()).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing file says where it looked and how to point at the data', () => {
    process.env.TACT_DATA_DIR = path.join(tmpdir(), 'no-such-tact-data');
    const file = sharedData('sentiment/x.tsv');
    expect(file.present).toBe(false);
    expect(needs(file, 'holds a floor')).toBe(
      `holds a floor (skipped: ${path.join(tmpdir(), 'no-such-tact-data', 'sentiment/x.tsv')} not found (set TACT_DATA_DIR to the shared data folder))`,
    );
  });
});
