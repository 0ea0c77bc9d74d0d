import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { TactError } from '../errors.js';
import { starterFiles } from './init-templates.js';
import { writeOutput } from './io.js';

interface InitOptions {
  name?: string;
  force?: boolean;
  quiet?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter project: config, one flow, two personas and a CI workflow')
    .argument('[dir]', 'the folder to write it in (created if missing)', '.')
    .option('--name <id>', "the bot's name in the compiled file (default: the folder's name)")
    .option('--force', 'overwrite files that already exist')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      `
Writes tact.config.yaml, flows/help.flow.yaml, personas/*.persona.yaml and
.github/workflows/tact.yml (lint with findings in code scanning, simulate the personas with
the reports kept, then compile). The starter lints clean under every rule and its personas pass. Existing files are left alone unless --force.
Exit codes: 0 written, 2 could not write (a file exists, or the folder is not writable).
Examples:
  tact init my-bot && cd my-bot && tact lint
  tact init . --name acme-support`,
    )
    .action((dir: string, opts: InitOptions) => {
      const root = path.resolve(dir);
      const name = opts.name ?? slug(path.basename(root));
      if (!/^[a-z][a-z0-9_-]*$/.test(name))
        throw new TactError(
          `"${name}" is not a usable bot name`,
          2,
          'give one with --name, e.g. --name acme-support',
        );
      const files = starterFiles(name);
      const existing = Object.keys(files).filter((f) => existsSync(path.join(root, f)));
      if (existing.length > 0 && !opts.force)
        throw new TactError(
          `these files exist already: ${existing.join(', ')}`,
          2,
          'nothing was written; use --force to overwrite them',
        );
      for (const [file, text] of Object.entries(files)) writeOutput(path.join(root, file), text);
      if (!opts.quiet) {
        const where = path.relative(process.cwd(), root) || '.';
        process.stdout.write(
          `✓ wrote ${Object.keys(files).length} files in ${where}\n  next: tact lint ${where}   then: tact simulate ${where}   and: tact chat ${where}\n`,
        );
      }
    });
}

function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return out || 'bot';
}
