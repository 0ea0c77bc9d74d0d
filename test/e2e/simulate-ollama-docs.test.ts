import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOllamaHost } from '../../src/simulate/ollama/host.js';
import { type OllamaStub, startOllamaStub } from '../helpers/ollama-stub.js';
import { ROOT, tact } from './helpers.js';

// Every example of docs/simulation.md's Ollama, record and replay, judge and several-hosts
// sections, and of `tact simulate --help` that uses a model, run as written through the built CLI
// against two Ollama stubs on 127.0.0.1 (OLLAMA_HOST names the first; each `--host` is mapped to
// one of them), in a copy of the example project.

const doc = readFileSync(path.join(ROOT, 'docs/simulation.md'), 'utf8');
const section = doc.slice(doc.indexOf('### Ollama\n'), doc.indexOf('## The run\n'));
const blocks = (lang: string) =>
  [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

/** The `tact simulate` lines of the sh blocks and of the workflow's `run:` steps, in order, once each. */
function documentedCommands(): string[] {
  const lines = [
    ...blocks('sh').flatMap((b) => b.split('\n')),
    ...blocks('yaml').flatMap((b) => b.split('\n').map((l) => l.replace(/^\s*- run: npx /, ''))),
  ]
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('tact simulate'));
  return [...new Set(lines)];
}

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-ollama-docs-'));
const project = path.join(tmp, 'project');
let a: OllamaStub;
let b: OllamaStub;

beforeAll(async () => {
  cpSync(path.join(ROOT, 'flows'), path.join(project, 'flows'), { recursive: true });
  a = await startOllamaStub({ models: ['llama3.2', 'qwen2.5:7b'] });
  b = await startOllamaStub({ models: ['llama3.2', 'qwen2.5:7b'] });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Run a documented command line in the project copy, its hosts mapped to the stubs. */
async function runDocumented(line: string) {
  const hosts = new Map<string, string>();
  const args = line
    .split(/\s+/)
    .slice(1)
    .map((arg, i, all) => {
      if (all[i - 1] !== '--host') return arg;
      if (!hosts.has(arg)) hosts.set(arg, [a.url, b.url][hosts.size]);
      return hosts.get(arg)!;
    });
  return tact(args, { cwd: project, env: { OLLAMA_HOST: a.url } });
}

describe('the examples of docs/simulation.md (Ollama, record and replay, judge, several hosts)', () => {
  const commands = documentedCommands();

  it('has the examples this test runs', () => {
    expect(commands.length).toBeGreaterThanOrEqual(7);
    expect(commands).toContain(
      'tact simulate flows --engine replay --judge --replay recordings --report sim-report',
    );
  });

  it('runs every documented command: it simulates (exit 0 or 1), with nothing on stderr', async () => {
    for (const line of commands) {
      const r = await runDocumented(line);
      expect([line, r.exitCode === 0 || r.exitCode === 1, r.stderr]).toEqual([line, true, '']);
      expect(r.stdout).toMatch(/\d+ conversations: \d+ passed/);
    }
    expect(readdirSync(path.join(project, 'sim-report'))).toContain('report.json');
  }, 300_000);

  it('reads each address of the host table as the table says', () => {
    const rows = [...section.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBe(5);
    for (const [given, server] of rows) expect([given, parseOllamaHost(given)]).toEqual([given, server]);
  });

  it('shows a recording with the fields a recording has', () => {
    const example = blocks('json')
      .map((j) => JSON.parse(j))
      .find((j) => j.format === 'tact-recording');
    const real = JSON.parse(
      readFileSync(path.join(project, 'recordings/angry-damaged-item.run-1.json'), 'utf8'),
    );
    expect(Object.keys(example)).toEqual(Object.keys(real));
    const customer = real.exchanges.find(
      (x: { kind: string; history: number }) => x.kind === 'customer' && x.history > 0,
    );
    expect(Object.keys(example.exchanges[0])).toEqual(Object.keys(customer));
    expect(Object.keys(example.exchanges[0].options)).toEqual(Object.keys(customer.options));
    expect(example.formats.customer.required).toEqual(real.formats.customer.required);
  });

  it('shows the customer answer in the shape the model is asked for', () => {
    const answer = blocks('json')
      .map((j) => JSON.parse(j))
      .find((j) => 'wants_human' in j);
    expect(Object.keys(answer)).toEqual(['message', 'done', 'wants_human', 'gave_up']);
  });

  it('shows the miss a changed persona gives, as the CLI prints it', async () => {
    const file = path.join(project, 'flows/personas/calm-dispute.persona.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('to Fastflix', 'to Streamly'));
    try {
      const r = await tact(['simulate', 'flows', '--engine', 'replay', '--judge', '--replay', 'recordings'], {
        cwd: project,
        env: { OLLAMA_HOST: '' },
      });
      const shown = /^✗ calm-dispute#1 .*$/m.exec(section)?.[0];
      expect(shown).toBeDefined();
      expect(r.stdout.split('\n')).toContain(shown);
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('the model examples of tact simulate --help', () => {
  it('run as written', async () => {
    const help = await tact(['simulate', '--help']);
    const lines = help.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('tact simulate') && /--engine (ollama|replay)|--judge/.test(l));
    expect(lines.length).toBe(3);
    for (const line of lines) {
      const r = await runDocumented(line);
      expect([line, r.exitCode === 0 || r.exitCode === 1, r.stderr]).toEqual([line, true, '']);
    }
  }, 120_000);
});
