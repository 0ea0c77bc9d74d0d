import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandOf } from '../../src/cli/main.js';

describe('the list of commands', () => {
  it.each(COMMANDS.map((c) => [c.name, c]))(
    '%s: the name, usage and description the module registers',
    async (_, entry) => {
      const program = new Command();
      (await entry.load())(program);
      expect(program.commands).toHaveLength(1);
      const command = program.commands[0];
      expect(command.name()).toBe(entry.name);
      expect(command.description()).toBe(entry.description);
      expect(new Help().subcommandTerm(command)).toBe(`${entry.name} ${entry.usage}`);
    },
  );

  it('finds the command a command line runs', () => {
    expect(commandOf(['lint', 'flows', '--format', 'json'])).toBe('lint');
    expect(commandOf(['--debug', 'compile', 'flows'])).toBe('compile');
    expect(commandOf(['help', 'rules'])).toBe('rules');
    expect(commandOf(['--version'])).toBeUndefined();
    expect(commandOf([])).toBeUndefined();
  });
});
