import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleMetas } from '../../src/rules/registry.js';
import { tact } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-print-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FLOW = `flow: help
steps:
  greet:
    say: Hi, I'm Ava, a virtual assistant. Ask for a person at any time.
    next: bye
  bye:
    say: Thanks for stopping by.
    end: resolved
`;

function project(name: string, config?: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'flows/help.flow.yaml'), FLOW);
  if (config !== undefined) writeFileSync(path.join(dir, 'tact.config.yaml'), config);
  return dir;
}

describe('tact lint --print-config', () => {
  it('prints the config in force and where each setting came from', async () => {
    project(
      'with-config',
      'bot: {name: Ava}\nchannel: sms\nrules:\n  readability: {severity: warn, max_grade: 6}\n  message-length: off\n',
    );
    const r = await tact(['lint', 'with-config/flows', '--print-config', '--rule', 'message-length=info'], {
      cwd: tmp,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const printed = JSON.parse(r.stdout);
    expect({ ...printed, rules: undefined }).toEqual({
      file: 'with-config/tact.config.yaml',
      found: 'looked up from the first path upwards',
      name: null,
      bot: { name: 'Ava' },
      channel: 'sms',
      entry: 'help/greet',
      entryFrom: 'the only flow',
      sentiment: { positive: 0.25, negative: -0.25, very_negative: -0.6 },
      fallback: null,
      intents: ['are_you_a_bot', 'human'],
      handlers: 0,
      rules: undefined,
      ignores: [],
    });
    expect(Object.keys(printed.rules)).toEqual(ruleMetas().map((m) => m.id));
    expect(printed.rules.readability).toEqual({
      severity: 'warn',
      severityFrom: 'config',
      options: { max_grade: 6, min_words: 12 },
      optionsFrom: { max_grade: 'config', min_words: 'default' },
    });
    expect(printed.rules['message-length']).toMatchObject({ severity: 'info', severityFrom: '--rule' });
    expect(printed.rules['human-exit']).toEqual({
      severity: 'error',
      severityFrom: 'default',
      options: {},
      optionsFrom: {},
    });
  });

  it('lists the ignore patterns in force, and none with --no-ignore', async () => {
    const dir = project('ignores', 'ignore: [drafts/]\n');
    writeFileSync(path.join(dir, '.tactignore'), '# test inputs\nfixtures/\n');
    const on = await tact(['lint', '--print-config'], { cwd: dir });
    expect(on.exitCode).toBe(0);
    expect(JSON.parse(on.stdout).ignores).toEqual([
      { pattern: 'drafts/', from: 'tact.config.yaml' },
      { pattern: 'fixtures/', from: '.tactignore:2' },
    ]);
    const off = await tact(['lint', '--print-config', '--no-ignore'], { cwd: dir });
    expect(JSON.parse(off.stdout).ignores).toEqual([]);
  });

  it('says when no config was found and the defaults are in force', async () => {
    project('no-config');
    const r = await tact(['lint', 'no-config/flows', '--print-config'], { cwd: tmp });
    expect(r.exitCode).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.file).toBe(null);
    expect(printed.found).toBe('none found: tact defaults');
    expect(printed.channel).toBe('chat');
  });

  it('names a --config file, and reports problems in it on stderr with exit 1', async () => {
    const dir = project('bad-config');
    writeFileSync(path.join(dir, 'other.yaml'), 'rules:\n  readabilty: warn\n');
    const r = await tact(['lint', 'bad-config/flows', '--print-config', '-c', 'bad-config/other.yaml'], {
      cwd: tmp,
    });
    expect(r.exitCode).toBe(1);
    const printed = JSON.parse(r.stdout);
    expect(printed.file).toBe('bad-config/other.yaml');
    expect(printed.found).toBe('named by --config');
    expect(r.stderr).toMatch(/^bad-config\/other\.yaml:2:3: schema .*readabilty/);
  });
});
