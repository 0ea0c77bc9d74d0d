import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { closedPort, type OllamaStub, startOllamaStub } from '../helpers/ollama-stub.js';
import { simReportErrors } from '../report/schemas.js';
import { ROOT, tact } from './helpers.js';

// `tact simulate` with Ollama through the built CLI, against the stub on 127.0.0.1: the exit codes
// and messages a user sees, and record → replay with no server giving the same report. Several
// runs of the CLI per test: on a busy machine each can take seconds.
vi.setConfig({ testTimeout: 120_000 });

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-ollama-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const dir = (name: string) => path.join(tmp, name);

const stubs: OllamaStub[] = [];
const start = async (...args: Parameters<typeof startOllamaStub>) => {
  const s = await startOllamaStub(...args);
  stubs.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const FLOWS = path.join(ROOT, 'flows');
/** Runs without the machine's own OLLAMA_HOST, so nothing but the stub is asked. */
const run = (args: string[], env: Record<string, string> = {}) =>
  tact(['simulate', ...args], { env: { OLLAMA_HOST: '', ...env } });
const readReport = (d: string) => JSON.parse(readFileSync(path.join(d, 'report.json'), 'utf8'));

describe('tact simulate --engine ollama: what a user sees', () => {
  it('no server: exit 2 with how to start one, from --host or OLLAMA_HOST', async () => {
    const port = await closedPort();
    const expected = `tact: no Ollama server answers at http://127.0.0.1:${port} (connection refused) (start one with \`ollama serve\`, or point --host or OLLAMA_HOST at one that runs)\n`;
    const flag = await run([FLOWS, '--engine', 'ollama', '--host', `127.0.0.1:${port}`]);
    expect([flag.exitCode, flag.stderr, flag.stdout]).toEqual([2, expected, '']);
    const env = await run([FLOWS, '--engine', 'ollama'], { OLLAMA_HOST: `0.0.0.0:${port}` });
    expect([env.exitCode, env.stderr]).toEqual([2, expected]);
  });

  it('no model: exit 2 with `ollama pull NAME`', async () => {
    const stub = await start();
    const r = await run([FLOWS, '--engine', 'ollama', '--host', stub.url, '--model', 'qwen2.5:3b']);
    expect([r.exitCode, r.stderr]).toEqual([
      2,
      `tact: the model qwen2.5:3b is not on the Ollama server at ${stub.url} (pull it with \`ollama pull qwen2.5:3b\`, or name another with --model)\n`,
    ]);
  });

  it('a server that stays busy: every conversation is error, exit 2', async () => {
    const stub = await start({ fault: ({ path: p }) => (p === '/api/chat' ? { status: 503 } : undefined) });
    const r = await run([
      FLOWS,
      '--engine',
      'ollama',
      '--host',
      stub.url,
      '--retries',
      '0',
      '--persona',
      'calm-dispute',
      '--persona',
      'sad-no-rooms',
    ]);
    const why =
      'Ollama: the server is busy (503: server busy, please try again.  maximum pending requests exceeded); tried once';
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`tact: no conversation could run: ${why}\n`);
    expect(r.stdout).toContain(`✗ calm-dispute#1                 calm       error: ${why}`);
    expect(r.stdout).toContain(`✗ sad-no-rooms#1                 sad        error: ${why}`);
  });

  it('a model that answers one persona badly: that conversation is error, the others run, exit 1', async () => {
    const stub = await start({
      fault: ({ path: p, body }) =>
        p === '/api/chat' && body.messages[0].content.includes('gym membership')
          ? { content: 'I am a customer.' }
          : undefined,
    });
    const r = await run([
      FLOWS,
      '--engine',
      'ollama',
      '--host',
      stub.url,
      '--persona',
      'frustrated-gym-membership',
      '--persona',
      'happy-new-dates',
      '--report',
      dir('one-error'),
    ]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      '✗ frustrated-gym-membership#1    frustrated error: the model\'s answer was not the JSON asked for, twice: it is not JSON ("I am a customer.") (first: it is not JSON ("I am a customer."))',
    );
    expect(r.stdout).toMatch(/✓ happy-new-dates#1 +happy +resolved/);
    const report = readReport(dir('one-error'));
    expect(report.summary).toMatchObject({ conversations: 2, errors: 1 });
    expect(simReportErrors(report)).toEqual([]);
  });

  it('two servers, one down: a warning, and the run as with one', async () => {
    const port = await closedPort();
    const stub = await start();
    const args = [FLOWS, '--engine', 'ollama', '--persona', 'happy-new-dates', '--report'];
    const one = await run([...args, dir('one'), '--host', stub.url]);
    const two = await run([...args, dir('two'), '--host', `127.0.0.1:${port}`, '--host', stub.url]);
    expect(two.stderr).toBe(
      `tact: warning: http://127.0.0.1:${port} is left out of this run: connection refused\n`,
    );
    expect([two.exitCode, two.stdout]).toEqual([one.exitCode, one.stdout.replace(dir('one'), dir('two'))]);
    expect(readReport(dir('two'))).toEqual(readReport(dir('one')));
    expect(simReportErrors(readReport(dir('one')))).toEqual([]);
  });

  const refusals: [string[], string][] = [
    [
      ['--engine', 'replay'],
      'tact: --engine replay needs --replay DIR (give the folder a run with --record wrote)\n',
    ],
    [
      ['--record', dir('x')],
      'tact: nothing to record: the scripted player needs no model (add --judge to record the judge, or use --engine ollama)\n',
    ],
    [
      ['--engine', 'ollama', '--replay', dir('x')],
      'tact: --replay answers from recordings, so it does not go with --engine ollama (use --engine replay --replay DIR, or drop --replay to ask the servers)\n',
    ],
    [
      ['--engine', 'replay', '--replay', dir('none')],
      `tact: cannot replay from ${dir('none')}: there is no such folder (record first: tact simulate ... --engine ollama --record ${dir('none')})\n`,
    ],
    [
      ['--engine', 'ollama', '--host', 'ftp://x'],
      'tact: --host "ftp://x" is not an Ollama address: the scheme must be http or https, not ftp (give host, host:port or a URL, e.g. 127.0.0.1:11434 or https://ollama.example.com)\n',
    ],
    [
      ['--temperature', '3'],
      "tact: option '--temperature <t>' argument '3' is invalid. expected a number from 0 to 2, e.g. 0.7, got \"3\" (see --help)\n",
    ],
  ];
  it.each(refusals)('refuses %j with exit 2', async (args, stderr) => {
    const r = await run([FLOWS, ...args]);
    expect([r.exitCode, r.stderr]).toEqual([2, stderr]);
  });

  it('lists every model option in --help', async () => {
    const r = await tact(['simulate', '--help']);
    for (const option of [
      '--engine <name>',
      'scripted, ollama, replay',
      '--model <name>',
      '--host <url>',
      '--temperature <t>',
      '--timeout <seconds>',
      '--retries <n>',
      '--record <dir>',
      '--replay <dir>',
      '--judge ',
      '--judge-model <name>',
      'tact simulate flows --engine replay --replay recordings --report sim-report',
    ])
      expect(r.stdout).toContain(option);
  });
});

describe('record, then replay with no server', () => {
  it('gives the same report: report.json differs only in the engine name (ollama → replay)', async () => {
    const stub = await start();
    const rec = dir('rec');
    const live = await run([
      FLOWS,
      '--engine',
      'ollama',
      '--host',
      stub.url,
      '--record',
      rec,
      '--report',
      dir('live'),
      '--runs',
      '2',
    ]);
    expect(live.stderr).toBe('');
    await stub.close();
    expect(readdirSync(rec).sort()).toEqual(
      readdirSync(path.join(FLOWS, 'personas'))
        .map((f) => f.replace('.persona.yaml', ''))
        .flatMap((p) => [`${p}.run-1.json`, `${p}.run-2.json`])
        .sort(),
    );
    const replay = await run([
      FLOWS,
      '--engine',
      'replay',
      '--replay',
      rec,
      '--report',
      dir('replayed'),
      '--runs',
      '2',
    ]);
    expect(replay.stderr).toBe('');
    expect(replay.exitCode).toBe(live.exitCode);
    const a = readFileSync(path.join(dir('live'), 'report.json'), 'utf8');
    const b = readFileSync(path.join(dir('replayed'), 'report.json'), 'utf8');
    expect(b).toBe(a.replace('"name": "ollama"', '"name": "replay"'));
    expect(JSON.parse(a).engine).toEqual({ name: 'ollama', model: 'llama3.2' });
    expect([simReportErrors(JSON.parse(a)), simReportErrors(JSON.parse(b))]).toEqual([[], []]);
    // Conversations print as they finish, in any order; the lines and the summary are the same.
    const lines = (out: string) => out.split('\n').sort();
    expect(lines(replay.stdout)).toEqual(
      lines(
        live.stdout
          .replace('· ollama (llama3.2) ·', '· replay (llama3.2) ·')
          .replace(dir('live'), dir('replayed')),
      ),
    );
  });

  it('a replay miss names the persona, run and turn, and what differs', async () => {
    const stub = await start();
    const project = dir('project');
    cpSync(FLOWS, project, { recursive: true });
    const rec = dir('rec-miss');
    const args = ['--persona', 'calm-dispute', '--persona', 'happy-new-dates'];
    const recorded = await run([project, '--engine', 'ollama', '--host', stub.url, '--record', rec, ...args]);
    expect(recorded.stderr).toBe('');
    await stub.close();
    const file = path.join(project, 'personas/calm-dispute.persona.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('to Fastflix', 'to Streamly'));
    const r = await run([project, '--engine', 'replay', '--replay', rec, ...args]);
    expect(r.exitCode).toBe(1);
    const recording = path.join(rec, 'calm-dispute.run-1.json');
    expect(r.stdout).toContain(
      `✗ calm-dispute#1                 calm       error: replay: the request for calm-dispute run 1, turn 1 (the customer's reply) was not recorded in ${recording}; against the nearest recorded request (turn 1): message 1 (the customer's instructions): line 4: recorded "Your goal: Dispute a payment of 42.50 to Fastflix that I don't recognise.", now "Your goal: Dispute a payment of 42.50 to Streamly that I don't recognise.". The bot, the persona or the settings changed since the recording: record again with --record ${rec}`,
    );
    expect(r.stdout).toMatch(/✓ happy-new-dates#1/);
    const seed = await run([
      project,
      '--engine',
      'replay',
      '--replay',
      rec,
      '--persona',
      'happy-new-dates',
      '--seed',
      '7',
    ]);
    expect(seed.exitCode).toBe(2);
    expect(seed.stderr).toContain('options.seed: recorded 0, now 7');
  });
});

describe('--judge', () => {
  it('rates scripted conversations with the model; expect.min_empathy uses it; recorded and replayed', async () => {
    const stub = await start();
    const project = dir('judged');
    cpSync(FLOWS, project, { recursive: true });
    const file = path.join(project, 'personas/calm-dispute.persona.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n  min_empathy: 5\n`);
    const rec = dir('rec-judge');
    const args = [project, '--judge', '--persona', 'calm-dispute', '--persona', 'happy-new-dates'];
    const live = await run([...args, '--host', stub.url, '--record', rec, '--report', dir('judge-live')]);
    expect(live.exitCode).toBe(1);
    expect(live.stdout).toContain(
      '    min_empathy: expected empathy at least 5, the judge gave 4: The bot answered the customer plainly.',
    );
    const report = readReport(dir('judge-live'));
    expect(report.engine).toEqual({ name: 'scripted', judge: 'llama3.2' });
    expect(simReportErrors(report)).toEqual([]);
    expect(report.conversations.map((c: { judge: unknown }) => c.judge)).toEqual([
      { score: 4, reasons: ['The bot answered the customer plainly.'] },
      { score: 4, reasons: ['The bot answered the customer plainly.'] },
    ]);
    const judged = stub.chats.map((c) => c.body);
    expect(judged).toHaveLength(2);
    expect(judged.map((j) => j.options)).toEqual([
      { seed: 0, temperature: 0, num_predict: 512 },
      { seed: 0, temperature: 0, num_predict: 512 },
    ]);
    const calm = judged.find((j) => j.messages[1].content.includes('Fastflix'));
    expect(calm?.messages[1].content).toMatch(
      /^The customer's mood at the start: calm\. Their goal: Dispute a payment/,
    );
    expect(calm?.messages[1].content).toContain('\nThe conversation:\nBot: Hi, I');
    await stub.close();
    const replayed = await run([...args, '--replay', rec, '--report', dir('judge-replayed')]);
    expect([replayed.exitCode, replayed.stderr]).toEqual([1, '']);
    expect(readFileSync(path.join(dir('judge-replayed'), 'report.json'), 'utf8')).toBe(
      readFileSync(path.join(dir('judge-live'), 'report.json'), 'utf8'),
    );
  });
});
