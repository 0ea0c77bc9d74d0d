import path from 'node:path';
import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compile/compile.js';
import { loadProject } from '../../src/flow/load.js';
import { loadBot, type Turn } from '../../src/runtime/index.js';
import { Conversation } from '../../src/simulate/world.js';
import { ChatApp } from '../../src/ui/chat.js';
import { FakeStdin, FakeStdout, tick, until } from './terminal.js';

const MULTI = path.resolve(import.meta.dirname, '../compile/fixtures/multi');
const REFUND = path.resolve(import.meta.dirname, '../compile/fixtures/refund');
const botOf = (dir: string) => loadBot(compileProject(loadProject([dir], { cwd: dir })).bot);

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount(dir: string, world = {}) {
  const stdout = new FakeStdout(120, 40);
  const stdin = new FakeStdin();
  let done: Turn | undefined | 'not yet' = 'not yet';
  const app = render(
    <ChatApp
      conversation={new Conversation(botOf(dir), world)}
      title="tact chat · Ava"
      onDone={(t) => (done = t)}
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
  return { stdout, stdin, app, done: () => done };
}

const ENTER = '\r';
const DOWN = '\u001b[B';
const ESC = '\u001b';

describe('ChatApp', () => {
  it('shows the conversation, the quick replies and the side panel', async () => {
    const { stdout } = mount(MULTI);
    await until(() => stdout.last.includes('What can I help you with today?'), 'the first question');
    const frame = stdout.last;
    expect(frame).toContain('tact chat · Ava');
    expect(frame).toContain("bot: Hi, I'm Ava");
    expect(frame).toMatch(/❯ 1\. An order/);
    expect(frame).toContain('2. A bill');
    expect(frame).toContain('main/menu');
    expect(frame).toContain('nothing yet');
  });

  it('picks a quick reply with the arrow keys and Enter, then reads typed text; the panel follows', async () => {
    const { stdout, stdin } = mount(MULTI);
    await until(() => stdout.last.includes('❯ 1. An order'), 'the choices');
    stdin.type(DOWN);
    await until(() => stdout.last.includes('❯ 2. A bill'), 'the selection to move');
    stdin.type(ENTER);
    await until(() => stdout.last.includes('How much was the charge?'), 'the next question');
    expect(stdout.last).toContain('you: A bill');
    expect(stdout.last).toContain('billing/ask_amount');
    expect(stdout.last).toMatch(/billing\/billing\s+0\.\d\d/);
    for (const ch of 'it was 42.50') stdin.type(ch);
    await until(() => stdout.last.includes('you: it was 42.50'), 'the typed text');
    stdin.type(ENTER);
    await until(() => stdout.last.includes('[ended: resolved]'), 'the end');
    expect(stdout.last).toContain('billing/amount = 42.5');
    expect(stdout.last).toMatch(/neutral\s+0\.00/);
  });

  it('sends the label of a choice typed by its number', async () => {
    const { stdout, stdin } = mount(MULTI);
    await until(() => stdout.last.includes('❯ 1. An order'), 'the choices');
    stdin.type('2');
    await tick(40);
    stdin.type(ENTER);
    await until(() => stdout.last.includes('you: A bill'), 'the label in the transcript');
  });

  it('shows a handoff and exits', async () => {
    const { stdout, stdin, app, done } = mount(MULTI);
    await until(() => stdout.last.includes('What can I help you with today?'), 'the first question');
    for (const ch of 'I want a real person') stdin.type(ch);
    await tick(40);
    stdin.type(ENTER);
    await app.waitUntilExit();
    expect(stdout.last).toContain('[handoff → queue support: customer needs a person]');
    expect(done()).toMatchObject({ status: 'handoff' });
  });

  it('notes an action that is not in the world', async () => {
    const { stdout, stdin } = mount(REFUND);
    await until(() => stdout.last.includes("What's your order number?"), 'the first question');
    for (const text of ['AB123456', 'sam@example.com']) {
      for (const ch of text) stdin.type(ch);
      await tick(40);
      stdin.type(ENTER);
      await tick(100);
    }
    await until(
      () => stdout.last.includes('[action check_refund: not in the world, returned {}]'),
      'the note',
    );
  });

  it('leaves cleanly on Esc', async () => {
    const { stdout, stdin, app, done } = mount(MULTI);
    await until(() => stdout.last.includes('What can I help you with today?'), 'the first question');
    stdin.type(ESC);
    await app.waitUntilExit();
    expect(done()).toMatchObject({ status: 'awaiting', step: 'main/menu' });
  });
});
