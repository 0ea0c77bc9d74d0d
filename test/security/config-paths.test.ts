import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/flow/load.js';
import { outsideProject, resolveInProject } from '../../src/flow/project-paths.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FLOW = 'flow: a\nsteps:\n  g:\n    say: Hi, I am a virtual assistant.\n    end: resolved\n';

describe('paths in the config cannot leave the project folder', () => {
  const root = path.join(tmp, 'project');
  mkdirSync(path.join(root, 'personas'), { recursive: true });
  symlinkSync(tmpdir(), path.join(root, 'out-link'));

  it('says why for each way out, and allows paths inside', () => {
    expect(outsideProject(root, 'personas')).toBeUndefined();
    expect(outsideProject(root, './reports/sim')).toBeUndefined();
    expect(outsideProject(root, 'a/../b')).toBeUndefined();
    expect(outsideProject(root, '../elsewhere')).toBe('it leaves the project folder');
    expect(outsideProject(root, 'personas/../../..')).toBe('it leaves the project folder');
    expect(outsideProject(root, '/etc')).toBe('it is not relative to the project folder');
    expect(outsideProject(root, '~/.ssh')).toBe('it is not relative to the project folder');
    expect(outsideProject(root, 'out-link/x')).toBe(
      'it leads out of the project folder through a symbolic link',
    );
    expect(outsideProject(root, 'a\0b')).toBe('it holds a NUL character');
    expect(resolveInProject(root, 'personas')).toBe(path.join(root, 'personas'));
    expect(() => resolveInProject(root, '../x')).toThrow('../x: it leaves the project folder');
  });

  it('a config naming a folder outside is a schema finding at the key', () => {
    writeFileSync(path.join(root, 'a.flow.yaml'), FLOW);
    writeFileSync(
      path.join(root, 'tact.config.yaml'),
      'simulate:\n  personas: personas\n  report: ../../reports\n  replay: /etc\n',
    );
    const p = loadProject([root], { cwd: tmp });
    expect(p.problems.map((x) => `${x.pos.line}:${x.pos.column} ${x.message}`)).toEqual([
      '3:11 simulate.report `../../reports`: it leaves the project folder; give a path inside the project folder',
      '4:11 simulate.replay `/etc`: it is not relative to the project folder; give a path inside the project folder',
    ]);
  });
});
