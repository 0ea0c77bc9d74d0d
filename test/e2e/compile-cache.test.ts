// bin/tact.js runs the CLI bundle from V8's code cache (one file per command in NODE_COMPILE_CACHE,
// else a folder of the user's in the temp folder): written once after a command's first run, used
// by the next, refused by V8 when it does not fit, never in the way of the command itself.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spawnTact } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-code-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FLOW = path.join(ROOT, 'flows');
const lintIn = (dir: string, env: Record<string, string> = {}) =>
  spawnTact(['lint', FLOW], { env: { NODE_COMPILE_CACHE: dir, ...env } });

describe('the code cache of bin/tact.js', () => {
  it("is written after a command's first run, read by the next, and changes nothing it prints", async () => {
    const dir = path.join(tmp, 'fresh');
    const first = await lintIn(dir);
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^lint-\d+-\d+-v[\d.]+-\w+\.bin$/)]);
    const written = statSync(path.join(dir, files[0]));
    expect(written.size).toBeGreaterThan(100_000);
    const second = await lintIn(dir);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ exitCode: 0, stderr: '' });
    // Used, not written again.
    expect(statSync(path.join(dir, files[0])).mtimeMs).toBe(written.mtimeMs);
    await spawnTact(['rules'], { env: { NODE_COMPILE_CACHE: dir } });
    expect(readdirSync(dir).sort()).toEqual([
      files[0],
      expect.stringMatching(/^rules-\d+-\d+-v[\d.]+-\w+\.bin$/),
    ]);
  }, 60_000);

  it("writing a command's cache removes that command's caches of other builds, and no other", async () => {
    const dir = path.join(tmp, 'upgraded');
    mkdirSync(dir, { recursive: true });
    for (const old of ['lint-123-456-v20.0.0-x64.bin', 'rules-123-456-v20.0.0-x64.bin', 'notes.txt'])
      writeFileSync(path.join(dir, old), 'from an older tact');
    await lintIn(dir);
    expect(readdirSync(dir).sort()).toEqual([
      expect.stringMatching(/^lint-\d+-\d+-v[\d.]+-\w+\.bin$/),
      'notes.txt',
      'rules-123-456-v20.0.0-x64.bin',
    ]);
  }, 60_000);

  it('a damaged cache file is refused by V8: the command runs as usual and the file is written again', async () => {
    const dir = path.join(tmp, 'damaged');
    const clean = await lintIn(dir);
    const [file] = readdirSync(dir);
    writeFileSync(path.join(dir, file), 'not a code cache');
    expect(await lintIn(dir)).toEqual(clean);
    expect(statSync(path.join(dir, file)).size).toBeGreaterThan(100_000);
  }, 60_000);

  it('NODE_DISABLE_COMPILE_CACHE turns it off, and a folder it cannot write to is no error', async () => {
    const off = path.join(tmp, 'off');
    const r = await lintIn(off, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(() => readdirSync(off)).toThrow();
    // A path under a regular file can never be a folder, whoever runs the test (root included).
    const blocked = path.join(tmp, 'a-file');
    writeFileSync(blocked, '');
    chmodSync(blocked, 0o400);
    expect(await lintIn(path.join(blocked, 'cache'))).toEqual(r);
  }, 60_000);
});
