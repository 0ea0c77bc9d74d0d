// Every starter `tact init` can write (each industry, on each channel) lints clean under every
// rule, and its personas pass with the scripted player: in process, through the library.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Plan, planFiles } from '../../src/cli/init.js';
import { CHANNELS, INDUSTRIES, starterFiles } from '../../src/cli/init-templates.js';
import { compileProject } from '../../src/compile/compile.js';
import { TactError } from '../../src/errors.js';
import { lint } from '../../src/lint.js';
import { loadBot } from '../../src/runtime/index.js';
import { scriptedEngine } from '../../src/simulate/engines/scripted.js';
import { simulate } from '../../src/simulate/run.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-starters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

describe('the starters of tact init', () => {
  for (const { id: industry } of INDUSTRIES)
    for (const { id: channel } of CHANNELS)
      it(`${industry} on ${channel}: lints clean, and its two personas pass over 10 seeds`, async () => {
        const dir = path.join(tmp, `${industry}-${channel}`);
        write(dir, starterFiles({ name: 'acme-support', channel, industry }));
        const report = lint([dir], { cwd: dir });
        expect(report.findings).toEqual([]);
        const bot = loadBot(compileProject(report.project).bot);
        expect(bot.file.channel).toBe(channel);
        const { report: sim } = await simulate(bot, report.project.personas, scriptedEngine(), { runs: 10 });
        expect(sim.personas.map((p) => [p.id, p.conversations, p.passed])).toEqual(
          report.project.personas.map((p) => [p.id, 10, 10]),
        );
        expect(sim.personas).toHaveLength(2);
      });
});

describe('tact init in a folder that has a package.json or a .gitignore', () => {
  const choices = { name: 'acme', channel: 'chat', industry: 'retail' } as const;
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmp, 'existing-'));
    write(dir, files);
    return dir;
  };
  const written = (plan: Plan) => Object.fromEntries(plan.writes);

  it('keeps package.json, adding the scripts and tact where missing, in its own indentation', () => {
    const pkg =
      '{\n    "name": "shop",\n    "scripts": {"test": "vitest", "lint": "tact lint"},\n    "dependencies": {"left-pad": "1.0.0"}\n}\n';
    const plan = planFiles(
      folder({ 'package.json': pkg, '.gitignore': 'node_modules/\n.env' }),
      choices,
      false,
    );
    const out = written(plan);
    expect(JSON.parse(out['package.json'])).toEqual({
      name: 'shop',
      scripts: {
        test: 'vitest',
        lint: 'tact lint',
        simulate: 'tact simulate --engine scripted --report sim-report',
        compile: 'tact compile --output dist/bot.json',
      },
      dependencies: { 'left-pad': '1.0.0' },
      devDependencies: { tact: '^0.1.0' },
    });
    expect(out['package.json']).toMatch(/^ {4}"name": "shop",$/m);
    expect(out['.gitignore']).toBe('node_modules/\n.env\ndist/\nsim-report/\ntact.sarif\n');
    expect(plan.writes.map(([f]) => f)).toEqual([
      'package.json',
      '.gitignore',
      'tact.config.yaml',
      'flows/help.flow.yaml',
      'personas/calm-order-check.persona.yaml',
      'personas/angry-wants-person.persona.yaml',
      '.github/workflows/tact.yml',
    ]);
    expect(plan.note).toBe('; package.json kept, with what it lacked added');
  });

  it('a script of the same name that runs something else is a conflict; --force replaces that script only', () => {
    const dir = folder({
      'package.json':
        '{"name": "shop", "scripts": {"lint": "eslint ."}, "devDependencies": {"tact": "file:../tact"}}',
      'tact.config.yaml': 'name: mine\n',
    });
    expect(() => planFiles(dir, choices, false)).toThrow(
      new TactError(
        'these files exist already: package.json (script "lint"), tact.config.yaml',
        2,
        'nothing was written; use --force to overwrite them',
      ),
    );
    const out = written(planFiles(dir, choices, true));
    expect(JSON.parse(out['package.json'])).toEqual({
      name: 'shop',
      scripts: {
        lint: 'tact lint',
        simulate: 'tact simulate --engine scripted --report sim-report',
        compile: 'tact compile --output dist/bot.json',
      },
      devDependencies: { tact: 'file:../tact' },
    });
    expect(out['tact.config.yaml']).toMatch(/^name: acme$/m);
  });

  it('a package.json that is not JSON is refused, with nothing written', () => {
    const dir = folder({ 'package.json': '{"name": ' });
    let error: TactError | undefined;
    try {
      planFiles(dir, choices, true);
    } catch (e) {
      error = e as TactError;
    }
    expect(error?.message).toMatch(/^package\.json is not valid JSON \(.+\)$/);
    expect([error?.exitCode, error?.hint]).toEqual([
      2,
      'nothing was written; fix it, or move it away and run tact init again',
    ]);
  });

  it('a package.json and a .gitignore that already have everything are not written again', () => {
    const dir = folder({
      'package.json': starterFiles(choices)['package.json'],
      '.gitignore': 'node_modules/\ndist/\nsim-report/\ntact.sarif\n',
    });
    const plan = planFiles(dir, choices, false);
    expect(plan.writes.map(([f]) => f)).not.toContain('package.json');
    expect(plan.writes.map(([f]) => f)).not.toContain('.gitignore');
    expect(plan.note).toBe('');
  });
});
