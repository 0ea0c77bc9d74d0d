import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, INDUSTRIES } from '../../src/cli/init-templates.js';
import { type InitAnswers, InitApp } from '../../src/ui/init.js';
import { FakeStdin, FakeStdout, until } from './terminal.js';

const ENTER = '\r';
const DOWN = '\u001b[B';
const ESC = '\u001b';
const BACKSPACE = '\u007f';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const calls: [InitAnswers | undefined, boolean][] = [];
  const app = render(
    <InitApp
      where="my-shop"
      defaults={{ name: 'my-shop', channel: 'chat', industry: 'retail' }}
      channels={CHANNELS}
      industries={INDUSTRIES}
      checkName={(n) => (/^[a-z][a-z0-9_-]*$/.test(n) ? undefined : `"${n}" is not a usable bot name`)}
      onDone={(answers, interrupted) => calls.push([answers, interrupted])}
    />,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  cleanup = () => app.unmount();
  return { stdout, stdin, calls };
}

describe('InitApp (tact init on a terminal)', () => {
  it('asks for the name, then the channel by arrow keys, then the industry by number', async () => {
    const { stdout, stdin, calls } = mount();
    await until(() => stdout.last.includes("The bot's name"), 'the first question');
    expect(stdout.last).toContain('tact init · a starter project in my-shop');
    expect(stdout.last).toMatch(/❯ my-shop█/);
    for (const ch of 'acme-helpx') stdin.type(ch);
    stdin.type(BACKSPACE);
    await until(() => stdout.last.includes('❯ acme-help█'), 'the typed name');
    stdin.type(ENTER);
    await until(() => stdout.last.includes('Where do customers talk to it?'), 'the channel question');
    expect(stdout.last).toContain('✓ name: acme-help');
    expect(stdout.last).toMatch(/❯ 1\. Chat · a chat window/);
    stdin.type(DOWN);
    await until(() => stdout.last.includes('❯ 2. SMS'), 'the selection to move');
    stdin.type(ENTER);
    await until(() => stdout.last.includes('Which industry?'), 'the industry question');
    expect(stdout.last).toContain('✓ channel: SMS');
    expect(stdout.last).toContain('  4. Travel · baggage and bookings');
    stdin.type('3');
    await until(() => calls.length > 0, 'the answers');
    expect(calls).toEqual([[{ name: 'acme-help', channel: 'sms', industry: 'telecom' }, false]]);
    await until(() => stdout.last.includes('✓ industry: Telecom'), 'the last answer shown');
    expect(stdout.last).not.toContain('Which industry?');
  });

  it('keeps the defaults on Enter, and refuses a name it cannot use until it is fixed', async () => {
    const { stdout, stdin, calls } = mount();
    await until(() => stdout.last.includes("The bot's name"), 'the first question');
    for (const ch of 'Acme Help') stdin.type(ch);
    stdin.type(ENTER);
    await until(() => stdout.last.includes('"Acme Help" is not a usable bot name'), 'the problem');
    for (let i = 0; i < 'Acme Help'.length; i++) stdin.type(BACKSPACE);
    await until(() => stdout.last.includes('❯ my-shop█'), 'the default again');
    stdin.type(ENTER);
    await until(() => stdout.last.includes('Where do customers'), 'the channel question');
    stdin.type(ENTER);
    await until(() => stdout.last.includes('Which industry?'), 'the industry question');
    stdin.type(ENTER);
    await until(() => calls.length > 0, 'the answers');
    expect(calls).toEqual([[{ name: 'my-shop', channel: 'chat', industry: 'retail' }, false]]);
  });

  it('Esc leaves with no answers; Ctrl-C says it was interrupted', async () => {
    const first = mount();
    await until(() => first.stdout.last.includes("The bot's name"), 'the first question');
    first.stdin.type(ENTER);
    await until(() => first.stdout.last.includes('Where do customers'), 'the channel question');
    first.stdin.type(ESC);
    await until(() => first.calls.length > 0, 'the app to leave');
    expect(first.calls).toEqual([[undefined, false]]);
    cleanup?.();
    const second = mount();
    await until(() => second.stdout.last.includes("The bot's name"), 'the first question');
    second.stdin.type('\u0003');
    await until(() => second.calls.length > 0, 'the app to leave');
    expect(second.calls).toEqual([[undefined, true]]);
  });
});
