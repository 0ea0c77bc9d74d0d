import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { fsReason, TactError } from '../errors.js';
import type { Channel } from '../flow/types.js';
import { safeLine } from '../report/safe-text.js';
import {
  CHANNELS,
  GITIGNORE_LINES,
  INDUSTRIES,
  type Industry,
  STARTER_SCRIPTS,
  type StarterChoices,
  starterFiles,
  TACT_DEPENDENCY,
} from './init-templates.js';
import { liveTerminal, writeOutput } from './io.js';
import { oneOf } from './options.js';
import { loadScreen } from './screens.js';

interface InitOptions {
  name?: string;
  channel?: Channel;
  industry?: Industry;
  yes?: boolean;
  force?: boolean;
  quiet?: boolean;
}

const CHANNEL_IDS = CHANNELS.map((c) => c.id);
const INDUSTRY_IDS = INDUSTRIES.map((i) => i.id);
const NAME = /^[a-z][a-z0-9_-]*$/;

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter project: config, one flow, two personas and a CI workflow')
    .argument('[dir]', 'the folder to write it in (created if missing)', '.')
    .option('--name <id>', "the bot's name, its id in the compiled file (default: the folder's name)")
    .option(`--channel <${CHANNEL_IDS.join('|')}>`, 'where customers talk to the bot', oneOf(CHANNEL_IDS))
    .option(
      `--industry <${INDUSTRY_IDS.join('|')}>`,
      'which starter flow: ' + INDUSTRIES.map((i) => `${i.id} (${i.about})`).join(', '),
      oneOf(INDUSTRY_IDS),
    )
    .option('-y, --yes', 'ask nothing: the defaults for what no option gives')
    .option('--force', 'overwrite files that already exist, and scripts of the same name in package.json')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      `
Writes, in DIR:
  package.json                 tact as a devDependency ("${TACT_DEPENDENCY[0]}": "${TACT_DEPENDENCY[1]}"), and the scripts
                               lint, simulate and compile the workflow runs
  tact.config.yaml             the bot's name, channel, entry, handlers and fallback
  flows/help.flow.yaml         the starter flow of the industry
  personas/*.persona.yaml      two simulated customers: a calm one served by the bot, an angry
                               one who wants a person
  .github/workflows/tact.yml   GitHub Actions: install, lint with the findings in code scanning
                               (SARIF), simulate with the scripted player, keep junit.xml and
                               report.html as artifacts, compile and keep the bot
  .gitignore                   node_modules/, dist/, sim-report/, tact.sarif

Every starter lints clean under every rule and its personas pass.

On a terminal it asks for the bot's name, the channel and the industry. With --name, --channel,
--industry or --yes, in CI (CI or CONTINUOUS_INTEGRATION set), or when input or output is not a
terminal (a pipe), it asks nothing and takes the defaults (the folder's name, ${CHANNEL_IDS[0]},
${INDUSTRY_IDS[0]}) for what no option gives.

Files that exist are left alone unless --force: nothing is written and they are listed. An
existing package.json is kept and only gets what it lacks (the scripts, and tact in
devDependencies); a script of the same name that runs something else is listed as a conflict
(--force replaces that script only). An existing .gitignore gets the lines it lacks.

The workflow installs with npm ci once package-lock.json is committed, and with npm install until
then: run npm install once and commit the lock file it writes.

Exit codes: 0 written, 2 could not write (a file exists, package.json is not valid JSON, the
folder is not writable, or the questions were left with Esc), 130 left with Ctrl-C.
Examples:
  tact init my-bot && cd my-bot && npm install && npm run lint && npm run simulate
  tact init . --name acme-support --industry banking --channel sms
  tact init my-bot --yes`,
    )
    .action(async (dir: string, opts: InitOptions) => {
      const root = path.resolve(dir);
      // The folder as the user wrote it, for what init says; control characters never reach the terminal.
      const where = safeLine(dir);
      const defaults: StarterChoices = {
        name: opts.name ?? slug(path.basename(root)),
        channel: opts.channel ?? CHANNEL_IDS[0],
        industry: opts.industry ?? INDUSTRY_IDS[0],
      };
      const flagged = [opts.name, opts.channel, opts.industry, opts.yes].some((o) => o !== undefined);
      const terminal = liveTerminal({ keys: true });
      const choices = !flagged && terminal ? await ask(where, defaults) : defaults;
      const why = nameProblem(choices.name);
      if (why) throw new TactError(why, 2, 'give one with --name, e.g. --name acme-support');

      const plan = planFiles(root, choices, opts.force === true);
      for (const [file, text] of plan.writes) writeOutput(path.join(root, file), text);
      if (!opts.quiet) {
        const industry = INDUSTRIES.find((i) => i.id === choices.industry)?.label.toLowerCase();
        const cd = where === '.' ? '' : `cd ${where} && `;
        process.stdout.write(
          `✓ wrote ${plan.writes.length} files in ${where} (a ${industry} bot on ${choices.channel}${plan.note})\n` +
            `  next: ${cd}npm install   then: npm run lint   npm run simulate   npx tact chat\n`,
        );
      }
    });
}

/** Why a bot name cannot be used, or undefined. */
function nameProblem(name: string): string | undefined {
  return NAME.test(name)
    ? undefined
    : `"${name}" is not a usable bot name: it starts with a letter and has only lower case letters, digits, - and _`;
}

/** The questions on a terminal (ink); resolves with the answers, or throws when the user left. */
async function ask(where: string, defaults: StarterChoices): Promise<StarterChoices> {
  // Loaded only here, so runs without a terminal (CI) never start React.
  const {
    ink: { render },
    react: { createElement },
    screen: { InitApp },
  } = await loadScreen('init');
  let result: StarterChoices | undefined;
  let interrupted = false;
  const app = render(
    createElement(InitApp, {
      where,
      defaults,
      channels: CHANNELS,
      industries: INDUSTRIES,
      checkName: nameProblem,
      onDone: (answers, byCtrlC) => {
        result = answers as StarterChoices | undefined;
        interrupted = byCtrlC;
      },
    }),
    { exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  if (!result)
    throw new TactError(
      'nothing was written',
      interrupted ? 130 : 2,
      'tact init was left before the last question',
    );
  return result;
}

export interface Plan {
  /** Files to write (path in the project → content), in the order of starterFiles. */
  writes: [string, string][];
  /** What is said after the count, e.g. that package.json was kept and added to. */
  note: string;
}

/**
 * What init writes in root, checked before anything is written: a file that exists is a conflict
 * (unless force), except package.json and .gitignore, which are merged.
 */
export function planFiles(root: string, choices: StarterChoices, force: boolean): Plan {
  const files = starterFiles(choices);
  const conflicts: string[] = [];
  const writes: [string, string][] = [];
  const notes: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const abs = path.join(root, file);
    if (!existsSync(abs)) {
      writes.push([file, text]);
      continue;
    }
    if (file === 'package.json') {
      const merged = mergePackageJson(readText(abs, file), file, force);
      conflicts.push(...merged.conflicts);
      if (merged.text !== undefined) {
        writes.push([file, merged.text]);
        notes.push('package.json kept, with what it lacked added');
      }
    } else if (file === '.gitignore') {
      const current = readText(abs, file);
      const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
      const missing = GITIGNORE_LINES.filter((l) => !have.has(l));
      if (missing.length > 0)
        writes.push([
          file,
          `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`,
        ]);
    } else if (force) writes.push([file, text]);
    else conflicts.push(file);
  }
  if (conflicts.length > 0)
    throw new TactError(
      `these files exist already: ${conflicts.join(', ')}`,
      2,
      'nothing was written; use --force to overwrite them',
    );
  return { writes, note: notes.length > 0 ? `; ${notes.join('; ')}` : '' };
}

function readText(abs: string, file: string): string {
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    throw new TactError(`cannot read ${file}: ${fsReason(err)}`, 2, 'nothing was written; check the file');
  }
}

/**
 * An existing package.json with the starter's scripts and tact added where missing. A script of the
 * same name that runs something else is a conflict, named `package.json (script "lint")`, unless
 * force replaces it. `text` is undefined when nothing needs to change.
 */
function mergePackageJson(
  current: string,
  file: string,
  force: boolean,
): { text?: string; conflicts: string[] } {
  let pkg: unknown;
  try {
    pkg = JSON.parse(current);
  } catch (err) {
    throw new TactError(
      `${file} is not valid JSON (${(err as Error).message})`,
      2,
      'nothing was written; fix it, or move it away and run tact init again',
    );
  }
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg))
    throw new TactError(
      `${file} does not hold a JSON object`,
      2,
      'nothing was written; fix it, or move it away',
    );
  const out = pkg as Record<string, unknown>;
  const conflicts: string[] = [];
  let changed = false;
  const section = (key: string): Record<string, unknown> => {
    const v = out[key];
    if (v === undefined) return {};
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw new TactError(
        `${file}: "${key}" is not an object`,
        2,
        'nothing was written; fix it, or move it away',
      );
    return v as Record<string, unknown>;
  };
  const scripts = { ...section('scripts') };
  for (const [name, command] of Object.entries(STARTER_SCRIPTS)) {
    if (scripts[name] === command) continue;
    if (scripts[name] !== undefined && !force) {
      conflicts.push(`${file} (script "${name}")`);
      continue;
    }
    scripts[name] = command;
    changed = true;
  }
  out.scripts = scripts;
  const [dep, range] = TACT_DEPENDENCY;
  if (section('dependencies')[dep] === undefined && section('devDependencies')[dep] === undefined) {
    out.devDependencies = { ...section('devDependencies'), [dep]: range };
    changed = true;
  }
  if (!changed) return { conflicts };
  const indent = /^[ \t]+(?=")/m.exec(current)?.[0] ?? 2;
  return { text: `${JSON.stringify(out, null, indent)}\n`, conflicts };
}

function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return out || 'bot';
}
