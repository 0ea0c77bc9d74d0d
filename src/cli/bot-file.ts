import { readFileSync } from 'node:fs';
import { TactError } from '../errors.js';
import { safeLine } from '../report/safe-text.js';
import { type Bot, BotLoadError, loadBot } from '../runtime/index.js';

/**
 * Read a compiled bot file for a command (`chat`, `simulate`): unreadable, not JSON, not a bot this
 * runtime reads, or changed since it was compiled is exit 2 with what to do; with `allowChanged`
 * a changed file loads, with a warning on stderr.
 */
export function readBotFile(file: string, options: { allowChanged?: boolean; command: string }): Bot {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new TactError(
      `cannot read the bot file ${file}: ${e.code ?? e.message.replace(/\s+/g, ' ')}`,
      2,
      'give a file written by `tact compile`, or the folder of your flows',
    );
  }
  try {
    const bot = loadBot(json, { allowChanged: options.allowChanged });
    for (const w of bot.warnings) process.stderr.write(`tact: warning: ${safeLine(w)}\n`);
    return bot;
  } catch (err) {
    if (err instanceof BotLoadError)
      throw new TactError(
        err.message.replace(/ Compile it again, or load it with allowChanged\.$/, ''),
        2,
        err.found === 'a changed file'
          ? `compile it again with \`tact compile\`, or ${options.command} with it anyway with --allow-changed`
          : 'compile it again with `tact compile`',
      );
    throw err;
  }
}
