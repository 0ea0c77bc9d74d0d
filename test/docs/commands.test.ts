// The `tact ...` command lines of README.md, docs/bot-format.md and docs/simulation.md, run as
// written (through the library's CLI, in process): the README's and the simulation page's in a copy
// of the example project (flows/), the bot page's in a project `tact init` made, where each is meant
// to run. Each must succeed with nothing
// on stderr, so a renamed flag or a changed default cannot leave the docs behind. The other pages
// run their own commands: docs/tutorial.md (test/docs/tutorial.test.ts) and the Ollama sections of
// docs/simulation.md (test/e2e/simulate-ollama-docs.test.ts, against a stub server); the rest of
// that page is run here. The `npm ...` and `bash .ci/run` lines of the README are the project's own
// scripts, which CI runs.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { runInProcess } from '../helpers/cli.js';
import { codeBlocks } from './blocks.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-doc-commands-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The `tact` lines of a page's ```sh blocks (those `where` takes), without their comments. */
function tactLines(file: string, where: (line: number) => boolean = () => true): string[] {
  return codeBlocks(file)
    .filter((b) => b.lang === 'sh' && where(b.line))
    .flatMap((b) => b.text.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('tact '));
}

/** A copy of the example project (flows/, with its personas) in a folder of its own. */
function exampleCopy(name: string): string {
  const project = path.join(tmp, name);
  cpSync(path.join(ROOT, 'flows'), path.join(project, 'flows'), { recursive: true });
  return project;
}

/** Run each line in `cwd`, in order; the exit code and stderr of each. */
async function runAll(lines: string[], cwd: string) {
  const results: { line: string; exitCode: number; stderr: string; printed: boolean }[] = [];
  for (const line of lines) {
    const r = await runInProcess(line.split(/\s+/).slice(1), { cwd });
    results.push({ line, exitCode: r.exitCode, stderr: r.stderr, printed: r.stdout.trim() !== '' });
  }
  return results;
}

describe('the tact commands of the docs run as written', () => {
  it('README.md, in a copy of the example project', async () => {
    const lines = tactLines('README.md');
    expect(lines).toEqual([
      'tact lint flows',
      'tact lint flows --format sarif -o tact.sarif',
      'tact lint flows --format github',
      'tact lint flows --format junit -o tact.xml',
      'tact lint flows --format json',
      'tact lint flows --fail-on warn --max-warnings 0',
      'tact lint flows --print-config',
      'tact simulate flows',
      'tact simulate flows --runs 20 --report sim-report',
    ]);
    const project = exampleCopy('example');
    const results = await runAll(lines, project);
    expect(results).toEqual(
      lines.map((line) => ({
        line,
        exitCode: 0,
        stderr: '',
        // A clean lint in the GitHub format prints nothing, nor does one written to a file (-o).
        printed: line !== 'tact lint flows --format github' && !line.includes(' -o '),
      })),
    );
    for (const file of ['tact.sarif', 'tact.xml', 'sim-report/report.json', 'sim-report/report.html'])
      expect(existsSync(path.join(project, file)), file).toBe(true);
  }, 120_000);

  it('docs/bot-format.md, in a project tact init wrote', async () => {
    const lines = tactLines('docs/bot-format.md');
    expect(lines).toEqual([
      'tact compile flows -o dist/bot.json',
      'tact chat dist/bot.json',
      'tact simulate dist/bot.json --personas personas',
    ]);
    expect((await runInProcess(['init', 'bot', '--yes'], { cwd: tmp })).exitCode).toBe(0);
    const results = await runAll(lines, path.join(tmp, 'bot'));
    expect(results).toEqual(lines.map((line) => ({ line, exitCode: 0, stderr: '', printed: true })));
  }, 120_000);

  it('docs/simulation.md outside its Ollama sections, in a copy of the example project', async () => {
    const page = readFileSync(path.join(ROOT, 'docs/simulation.md'), 'utf8').split('\n');
    const at = (heading: string) => page.indexOf(heading) + 1;
    const [ollama, run] = [at('### Ollama'), at('## The run')];
    expect(ollama).toBeGreaterThan(0);
    expect(run).toBeGreaterThan(ollama);
    const lines = tactLines('docs/simulation.md', (line) => line < ollama || line > run);
    expect(lines).toEqual([
      'tact simulate flows',
      'tact simulate flows --runs 5 --report sim-report',
      'tact simulate dist/bot.json --personas flows/personas',
      'tact simulate flows --shard 1/2 --report shard-1',
      'tact simulate flows --shard 2/2 --report shard-2',
      'tact simulate merge shard-1 shard-2 --report sim-report',
    ]);
    const project = exampleCopy('simulation');
    expect((await runInProcess(['compile', 'flows', '-o', 'dist/bot.json'], { cwd: project })).exitCode).toBe(
      0,
    );
    const results = await runAll(lines, project);
    expect(results).toEqual(lines.map((line) => ({ line, exitCode: 0, stderr: '', printed: true })));
  }, 120_000);
});
