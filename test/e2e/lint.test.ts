import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS, ENVIRONMENT_HELP } from '../../src/cli/main.js';
import { lint } from '../../src/lint.js';
import { formatLintReport } from '../../src/report/index.js';
import { asExpected, fixtureDir, lintFixture, readExpected } from '../helpers/fixtures.js';
import { HAS_SARIF_SCHEMA, SARIF_SCHEMA_MISSING, sarifValidator } from '../report/schemas.js';
import { ROOT, tact } from './helpers.js';

// The CLI itself, once per output format and flag that only the CLI handles. What a lint finds is
// checked in process (test/fixtures.test.ts and below): each spawn of node costs about half a second.

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tact lint on the example project', () => {
  it('prints a clean lint of flows/ and exits 0', async () => {
    const r = await tact(['lint', 'flows']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✓ \d+ files checked: no problems/);
    expect(r.exitCode).toBe(0);
  });

  it('finds no problem at any severity, in any format', () => {
    const report = lint(['flows'], { cwd: ROOT });
    expect(report.findings).toEqual([]);
    expect(JSON.parse(formatLintReport(report, 'json', { color: false })).findings).toEqual([]);
  });
});

describe('exit codes and output', () => {
  it('exits 1 on errors and prints a code frame with the line', async () => {
    const r = await tact(['lint', 'fixtures/unknown-target']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/unknown-target/);
    expect(r.stdout).toMatch(/> +\d+ \|/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('a YAML syntax error, a schema error, an unknown target and a duplicate key each point at their line', async () => {
    // The compact format through the CLI once; the other three in process.
    const yaml = readExpected('yaml');
    const r = await tact(['lint', '.', '--format', 'compact'], { cwd: fixtureDir('yaml') });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      yaml.map((e) => `${e.file}:${e.line}:${e.column}: error yaml ${e.message}\n`).join(''),
    );
    for (const [dir, rule] of [
      ['schema', 'schema'],
      ['unknown-target', 'unknown-target'],
      ['yaml-duplicate-key', 'yaml'],
    ]) {
      const e = readExpected(dir).find((x) => x.rule === rule)!;
      expect(formatLintReport(lintFixture(dir), 'compact', { color: false })).toContain(
        `${e.file}:${e.line}:${e.column}: error ${rule} ${e.message}\n`,
      );
    }
  });

  it('bad flags give one line on stderr and exit 2, without a stack trace', async () => {
    for (const args of [
      ['lint', '--format', 'xml'],
      ['lint', '--max-warnings', 'many'],
      ['lint', '--rule', 'nope'],
      ['frobnicate'],
    ]) {
      const r = await tact(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an unreadable path gives one line and exit 2', async () => {
    const r = await tact(['lint', 'no/such/folder']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^tact: no such file or folder: .*no\/such\/folder/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a folder without flow files is exit 2, not a silent pass', async () => {
    const empty = mkdtempSync(path.join(tmp, 'empty-'));
    const r = await tact(['lint', empty]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^tact: no flow files in .*\(flow files end in \.flow\.yaml/);
  });

  it('an unknown rule in --rule is exit 2 with a suggestion', async () => {
    const r = await tact(['lint', 'flows', '--rule', 'human-exits=off']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/did you mean `human-exit`/);
  });

  it('--rule turns a rule off for one run', async () => {
    const r = await tact(['lint', '.', '--format', 'json', '--rule', 'unknown-target=off'], {
      cwd: fixtureDir('unknown-target'),
    });
    expect(readExpected('unknown-target').map((e) => e.rule)).toEqual(['unknown-target']);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('warnings alone exit 0; --fail-on warn and --max-warnings fail on them', async () => {
    const dir = fixtureDir('unreachable-step');
    expect(readExpected('unreachable-step').map((e) => e.severity)).toEqual(['warn']);
    const base = await tact(['lint', '.'], { cwd: dir });
    expect(base.stdout).toMatch(/unreachable-step/);
    expect(base.exitCode).toBe(0);
    expect((await tact(['lint', '.', '--fail-on', 'warn'], { cwd: dir })).exitCode).toBe(1);
    expect((await tact(['lint', '.', '--max-warnings', '0'], { cwd: dir })).exitCode).toBe(1);
    expect((await tact(['lint', '.', '--max-warnings', '1'], { cwd: dir })).exitCode).toBe(0);
  });

  it('--output writes the report to a file and prints nothing', async () => {
    const out = path.join(tmp, 'report.sarif');
    const r = await tact(['lint', 'fixtures/human-exit', '--format', 'sarif', '--output', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['human-exit']);
    const result = sarif.runs[0].results[0];
    expect(result.codeFlows[0].threadFlows[0].locations).toHaveLength(
      readExpected('human-exit')[0].path!.length,
    );
  });

  it.skipIf(!HAS_SARIF_SCHEMA)(
    `--format sarif validates against the official SARIF 2.1.0 schema${
      HAS_SARIF_SCHEMA ? '' : ` (skipped: ${SARIF_SCHEMA_MISSING})`
    }`,
    () => {
      const sarif = JSON.parse(formatLintReport(lintFixture('human-exit'), 'sarif', { color: false }));
      const validate = sarifValidator();
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    },
  );

  it('--format json validates against schemas/report.schema.json', async () => {
    const r = await tact(['lint', 'fixtures/human-exit', '--format', 'json']);
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8')),
    );
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('--format github prints workflow commands and junit prints XML', async () => {
    const gh = await tact(['lint', 'fixtures/human-exit', '--format', 'github']);
    expect(gh.stdout).toMatch(/^::error file=fixtures\/human-exit\/flows\/[^,]+,line=\d+,col=\d+/m);
    const junit = await tact(['lint', 'fixtures/human-exit', '--format', 'junit']);
    expect(junit.stdout).toMatch(/^<\?xml/);
    expect(junit.stdout).toMatch(/<failure /);
  });

  it('stylish prints the path from the entry for a human-exit finding', () => {
    const text = formatLintReport(lintFixture('human-exit-edited'), 'stylish', { color: false });
    expect(text).toMatch(/human-exit/);
    expect(text).toMatch(/path: .+ → .+/);
  });

  it('a disable comment silences the next line, and an unused one is reported', () => {
    const flow = (comments: boolean) =>
      [
        'flow: a',
        'steps:',
        '  greet:',
        "    ask: Hi, I'm the Acme virtual assistant. Billing, or a person?",
        '    options:',
        '      - label: Billing',
        comments
          ? '        # tact-disable-next-line unknown-target -- the billing flow ships next release'
          : '',
        '        goto: billing/start',
        '      - label: A person',
        '        intent: human',
        '        goto: agent',
        '    fallback:',
        "      say: Sorry, I didn't catch that.",
        '      max: 2',
        '      then: agent',
        comments ? '  # tact-disable-next-line unknown-target -- nothing to silence here' : '',
        '  agent:',
        "    say: I'm passing you to a person now.",
        '    handoff:',
        '      queue: general',
        '',
      ].join('\n');
    const dir = mkdtempSync(path.join(tmp, 'disable-'));
    writeFileSync(path.join(dir, 'a.flow.yaml'), flow(false));
    // Without the comments: the finding the first one silences, and nothing else.
    expect(lint([dir], { cwd: dir }).findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['unknown-target', 8, 15],
    ]);
    writeFileSync(path.join(dir, 'a.flow.yaml'), flow(true));
    expect(lint([dir], { cwd: dir }).findings.map(asExpected)).toEqual([
      {
        rule: 'unused-disable',
        severity: 'warn',
        file: 'a.flow.yaml',
        line: 16,
        column: 3,
        message: 'this disable comment silences nothing: no `unknown-target` finding on the next line',
      },
    ]);
  });

  it('colour only when asked for and not with NO_COLOR', async () => {
    const plain = await tact(['lint', 'fixtures/unknown-target'], { env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const forced = await tact(['lint', 'fixtures/unknown-target'], {
      env: { FORCE_COLOR: '1', NO_COLOR: '' },
    });
    expect(forced.stdout).toMatch(/\u001b\[/);
  });
});

describe('tact rules and --help', () => {
  it('lists every rule, each with a docs page that exists', async () => {
    const r = await tact(['rules', '--format', 'json']);
    const rules = JSON.parse(r.stdout) as { id: string; docs: string }[];
    // One page per rule and one rule per page: the list and docs/rules/ name the same rules.
    const pages = readdirSync(path.join(ROOT, 'docs/rules')).map((f) => f.replace(/\.md$/, ''));
    expect(rules.map((x) => x.id).sort()).toEqual(pages.sort());
    for (const rule of rules) expect(existsSync(path.join(ROOT, rule.docs)), rule.docs).toBe(true);
  });

  it('--help names the environment variables tact reads, and each is read where it says', () => {
    const names = [...new Set(ENVIRONMENT_HELP.match(/\b[A-Z][A-Z_]*[A-Z]\b/g))];
    expect(names).toEqual([
      'NO_COLOR',
      'FORCE_COLOR',
      'CI',
      'CONTINUOUS_INTEGRATION',
      'OLLAMA_HOST',
      'NODE_COMPILE_CACHE',
      'NODE_DISABLE_COMPILE_CACHE',
      'TACT_DATA_DIR',
    ]);
    const sources = (dir: string): string[] =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
      );
    const code = [...sources('src'), 'bin/tact.js', 'scripts/data-dir.js']
      .map((f) => readFileSync(path.join(ROOT, f), 'utf8').replace(ENVIRONMENT_HELP, ''))
      .join('\n');
    for (const name of names) expect(code, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('every command has complete --help', async () => {
    const top = await tact(['--help']);
    expect(top.exitCode).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)]
      .map((m) => m[1])
      .filter((c) => c !== 'help');
    expect(commands).toEqual(COMMANDS.map((c) => c.name));
    expect(top.stdout.endsWith(`${ENVIRONMENT_HELP}\n`)).toBe(true);
    const lintHelp = await tact(['lint', '--help']);
    expect(lintHelp.exitCode).toBe(0);
    expect(lintHelp.stdout).toMatch(/^Usage: tact lint /);
    // The other commands' help in process: the text `tact X --help` prints.
    for (const c of commands) {
      const program = await buildProgram([c]);
      const command = program.commands.find((x) => x.name() === c)!;
      let text = '';
      command.configureOutput({ writeOut: (s) => (text += s) });
      command.outputHelp();
      expect(text, c).toMatch(new RegExp(`^Usage: tact ${c} `));
      expect(text.length, c).toBeGreaterThan(200);
      if (c === 'lint') expect(text).toBe(lintHelp.stdout);
    }
  });
});
