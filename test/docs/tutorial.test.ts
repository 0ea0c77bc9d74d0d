// docs/tutorial.md, run as written: its ```sh blocks line by line and the files it asks to create
// (a ```yaml block whose first line is `# path`), in order, in one shell, in an empty folder.
// Blocks after `<!-- docs-test: skip (why) -->` are not run (getting tact, a terminal chat, git
// push). `tact` on PATH is this checkout's bin, as `npm link` in step 1 makes it, and `npm install`
// in the project is replaced by what `npm link tact` does: node_modules/tact is this checkout.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../e2e/helpers.js';
import { codeBlocks } from './blocks.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-tutorial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LINK_TACT = [
  'mkdir -p node_modules/.bin',
  `ln -s ${JSON.stringify(ROOT)} node_modules/tact`,
  'ln -s ../tact/bin/tact.js node_modules/.bin/tact',
].join(' && ');

describe('docs/tutorial.md', () => {
  const blocks = codeBlocks('docs/tutorial.md');

  it('skips only the blocks it says it skips', () => {
    expect(
      blocks.filter((b) => b.before.startsWith('<!-- docs-test: skip')).map((b) => b.text.split('\n')[0]),
    ).toEqual([
      'git clone https://github.com/tact-cli/tact && cd tact',
      'npx tact chat',
      'git init && git add -A && git commit -m "A bot, checked by tact"',
    ]);
  });

  it('its commands run green, in order, from tact init to the simulation of the persona it adds', async () => {
    const script: string[] = [];
    const ran: string[] = [];
    for (const b of blocks) {
      if (b.before.startsWith('<!-- docs-test: skip')) continue;
      if (b.lang === 'sh')
        for (const line of b.text.split('\n').filter((l) => l.trim() !== '')) {
          ran.push(line);
          script.push(line.trim() === 'npm install' ? LINK_TACT : line);
        }
      const file = /^# ([\w./-]+\.yaml)\n/.exec(b.text)?.[1];
      if (b.lang === 'yaml' && file) {
        ran.push(`(write ${file})`);
        script.push(`cat > ${file} <<'TACT_EOF'\n${b.text}TACT_EOF`);
      }
    }
    expect(ran).toEqual([
      'tact init my-bot --yes',
      'cd my-bot',
      'npm install',
      'npm run lint',
      'npm run simulate',
      '(write personas/worried-order-check.persona.yaml)',
      'npm run simulate',
    ]);
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin);
    symlinkSync(BIN, path.join(bin, 'tact'));
    const work = path.join(tmp, 'work');
    mkdirSync(work);
    const r = await execa('bash', ['-e', '-c', script.join('\n')], {
      cwd: work,
      reject: false,
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        NO_COLOR: '1',
        CI: 'true',
        npm_config_update_notifier: 'false',
      },
      timeout: 90_000,
    });
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(r.stdout).toContain('✓ wrote 7 files in my-bot (a retail bot on chat)');
    expect(r.stdout).toContain('✓ 4 files checked: no problems');
    expect(r.stdout).toMatch(/^2 conversations: 2 passed, 0 failed \(100%\)/m);
    expect(r.stdout).toMatch(/^3 conversations: 3 passed, 0 failed \(100%\)/m);
  });
});
