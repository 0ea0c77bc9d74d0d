import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tact } from './helpers.js';

const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F\u202A-\u202E\u2066-\u2069]/;
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-terminal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dir = path.join(tmp, 'p');
mkdirSync(dir);
writeFileSync(
  path.join(dir, 'help.flow.yaml'),
  `flow: help
steps:
  greet:
    say: "Hi, I'm Ava, a virtual assistant.\\e[2J\\e]0;pwned\\a You can ask for a person at any time."
    next: menu
  menu:
    ask: "What do you need? \\u009b31m"
    options:
      - {label: "Talk to a person \\u202eesrever", goto: person, intent: human}
    fallback: {then: person}
  person:
    say: Connecting you now.
    handoff: {queue: support}
`,
);

describe('escape sequences from files and input never reach the terminal raw', () => {
  it('chat prints the bot, the choices and what the customer typed with controls shown as \\uXXXX', async () => {
    const r = await tact(['chat', dir], { input: 'hello \u001b[31mred\n' });
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain(
      "bot: Hi, I'm Ava, a virtual assistant.\\u001B[2J\\u001B]0;pwned\\u0007 You can",
    );
    expect(r.stdout).toContain('bot: What do you need? \\u009B31m');
    expect(r.stdout).toContain('choices: 1. Talk to a person \\u202Eesrever');
    expect(r.stdout).toContain('you: hello \\u001B[31mred');
  });

  it('chat --json keeps the data exact and escapes what JSON.stringify leaves raw', async () => {
    const r = await tact(['chat', dir, '--json'], { input: '' });
    expect(r.stdout).not.toMatch(RAW);
    const first = JSON.parse(r.stdout.split('\n')[0]);
    expect(first.messages[1].text).toBe('What do you need? \u009b31m');
    expect(first.options).toEqual(['Talk to a person \u202eesrever']);
  });

  it('an error naming a path with an escape sequence shows it', async () => {
    const r = await tact(['lint', 'nope\u001b[2J.flow.yaml'], { cwd: tmp });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('nope\\u001B[2J.flow.yaml');
  });

  it('lint (stylish) of the file shows the code frame with the controls visible', async () => {
    writeFileSync(
      path.join(dir, 'bad.flow.yaml'),
      'flow: bad\nsteps:\n  a:\n    say: "\u001b[2J gone"\n    next: nowhere\n',
    );
    const r = await tact(['lint', dir, '--rule', 'message-length=off']);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('> 4 |     say: "\\u001B[2J gone"');
    rmSync(path.join(dir, 'bad.flow.yaml'));
  });
});

describe('tact chat refuses a bot.json changed after compile', () => {
  it('exit 2 with the reason; --allow-changed chats with a warning', async () => {
    const out = path.join(tmp, 'bot.json');
    await tact(['compile', dir, '-o', out, '-q']);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    json.name = 'edited-by-hand';
    writeFileSync(out, JSON.stringify(json));
    const refused = await tact(['chat', out], { input: '' });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(
      /^tact: Changed bot file: its "hash" sha256-[0-9a-f]{12}… does not match its content \(sha256-[0-9a-f]{12}…\): it was edited after `tact compile`\. \(compile it again with `tact compile`, or chat with it anyway with --allow-changed\)\n$/,
    );
    const allowed = await tact(['chat', out, '--allow-changed'], { input: '' });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stderr).toMatch(
      /^tact: warning: Changed bot file: .* it was edited after `tact compile`\.\n$/,
    );
    expect(allowed.stdout).toMatch(/^bot: Hi, I'm Ava/);
  });
});
