import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tact } from './helpers.js';

const FIXTURES = path.join(ROOT, 'fixtures');
const fixtureDirs = readdirSync(FIXTURES).filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')));
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Expected {
  rule: string;
  file: string;
  line: number;
  column: number;
  path?: string[];
}

describe('tact lint on the example project', () => {
  it('prints a clean lint of flows/ and exits 0', async () => {
    const r = await tact(['lint', 'flows']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✓ \d+ files checked: no problems/);
    expect(r.exitCode).toBe(0);
  });

  it('finds no problem at any severity, in any format', async () => {
    const r = await tact(['lint', 'flows', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
  });
});

describe('tact lint on each broken fixture', () => {
  it('has fixtures', () => expect(fixtureDirs.length).toBeGreaterThan(10));
  for (const dir of fixtureDirs) {
    it(`fixtures/${dir} reports the expected rule at the expected place and exits 1`, async () => {
      const expected: Expected[] = JSON.parse(
        readFileSync(path.join(FIXTURES, dir, 'expected.json'), 'utf8'),
      );
      const r = await tact(['lint', '.', '--format', 'json'], { cwd: path.join(FIXTURES, dir) });
      expect(r.exitCode, r.stderr).toBe(expected.some((e) => isError(r.stdout, e)) ? 1 : r.exitCode);
      const findings = JSON.parse(r.stdout).findings as {
        ruleId: string;
        file: string;
        line: number;
        column: number;
        path?: { step: string }[];
      }[];
      for (const e of expected) {
        const hit = findings.find(
          (f) => f.ruleId === e.rule && f.file === e.file && f.line === e.line && f.column === e.column,
        );
        expect(
          hit,
          `${e.rule} at ${e.file}:${e.line}:${e.column}; got ${findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`).join(', ')}`,
        ).toBeDefined();
        if (e.path) expect(hit?.path?.map((p) => p.step)).toEqual(e.path);
      }
    });
  }
});

function isError(stdout: string, e: Expected): boolean {
  const report = JSON.parse(stdout);
  return report.findings.some(
    (f: { ruleId: string; severity: string }) => f.ruleId === e.rule && f.severity === 'error',
  );
}

describe('exit codes and output', () => {
  it('exits 1 on errors and prints a code frame with the line', async () => {
    const r = await tact(['lint', 'fixtures/unknown-target']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/unknown-target/);
    expect(r.stdout).toMatch(/> +\d+ \|/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('a YAML syntax error, a schema error, an unknown target and a duplicate key each point at their line', async () => {
    for (const [dir, rule] of [
      ['yaml', 'yaml'],
      ['schema', 'schema'],
      ['unknown-target', 'unknown-target'],
      ['yaml-duplicate-key', 'yaml'],
    ]) {
      const expected: Expected[] = JSON.parse(
        readFileSync(path.join(FIXTURES, dir, 'expected.json'), 'utf8'),
      );
      const r = await tact(['lint', '.', '--format', 'compact'], { cwd: path.join(FIXTURES, dir) });
      const e = expected.find((x) => x.rule === rule)!;
      expect(r.stdout).toContain(`${e.file}:${e.line}:${e.column}: error ${rule} `);
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
      cwd: path.join(FIXTURES, 'unknown-target'),
    });
    expect(JSON.parse(r.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'unknown-target')).toBe(
      false,
    );
  });

  it('--fail-on warn and --max-warnings fail on warnings', async () => {
    const dir = path.join(FIXTURES, 'unreachable-step');
    const base = await tact(['lint', '.', '--format', 'json', '--rule', 'human-exit=off'], { cwd: dir });
    const findings = JSON.parse(base.stdout).findings as { severity: string }[];
    expect(findings.some((f) => f.severity === 'warn')).toBe(true);
    const onlyWarnings = findings.every((f) => f.severity !== 'error');
    if (onlyWarnings) expect(base.exitCode).toBe(0);
    expect((await tact(['lint', '.', '--fail-on', 'warn'], { cwd: dir })).exitCode).toBe(1);
    expect((await tact(['lint', '.', '--max-warnings', '0'], { cwd: dir })).exitCode).toBe(1);
  });

  it('--output writes the report to a file and prints nothing', async () => {
    const out = path.join(tmp, 'report.sarif');
    const r = await tact(['lint', 'fixtures/human-exit', '--format', 'sarif', '--output', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    const schemaFile = path.join(
      process.env.TACT_DATA_DIR ?? path.join(ROOT, '../shared/data'),
      'formats/sarif-schema-2.1.0.json',
    );
    if (!existsSync(schemaFile)) {
      console.warn(`skipped SARIF schema validation: ${schemaFile} is missing`);
      return;
    }
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'human-exit');
    expect(result.codeFlows[0].threadFlows[0].locations.length).toBeGreaterThan(0);
  });

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

  it('stylish prints the path from the entry for a human-exit finding', async () => {
    const r = await tact(['lint', 'fixtures/human-exit-edited']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/human-exit/);
    expect(r.stdout).toMatch(/path: .+ → .+/);
  });

  it('a disable comment silences the next line, and an unused one is reported', async () => {
    const dir = mkdtempSync(path.join(tmp, 'disable-'));
    writeFileSync(
      path.join(dir, 'a.flow.yaml'),
      [
        'flow: a',
        'steps:',
        '  greet:',
        "    say: Hi, I'm the Acme virtual assistant. Ask for a person at any time.",
        '    # tact-disable-next-line unknown-target -- the billing flow ships in the next release',
        '    next: billing/start',
        '  # tact-disable-next-line unknown-target -- nothing to silence here',
        '  done:',
        '    end: resolved',
        '',
      ].join('\n'),
    );
    const r = await tact(['lint', dir, '--format', 'json']);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; line: number }[];
    expect(findings.filter((f) => f.ruleId === 'unknown-target')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'unused-disable')?.line).toBe(7);
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

  it('every command has complete --help', async () => {
    const top = await tact(['--help']);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)]
      .map((m) => m[1])
      .filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['lint', 'rules']));
    for (const c of commands) {
      const h = await tact([c, '--help']);
      expect(h.exitCode).toBe(0);
      expect(h.stdout).toMatch(/Usage: tact /);
      expect(h.stdout.length).toBeGreaterThan(200);
    }
  });
});
