import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../../src/flow/validate.js';
import { parseYamlFile } from '../../src/flow/yaml.js';

function problems(text: string) {
  return validateAgainstSchema('flow', parseYamlFile('f.flow.yaml', text)).map(
    (p) => `${p.pos.line}:${p.pos.column} ${p.message}`,
  );
}

describe('schema messages', () => {
  it('a step id that is not an id is reported once, at the key', () => {
    expect(problems('flow: a\nsteps:\n  Ask-Order:\n    say: hi\n')).toEqual([
      '3:3 key "Ask-Order" in `steps` is not an id: use lowercase letters, digits, _ or -, starting with a letter',
    ]);
  });

  it('a step of two kinds is reported once, at the second kind', () => {
    const got = problems('flow: a\nsteps:\n  s:\n    ask: Your email?\n    handoff: true\n');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^5:5 step `s` mixes `ask` and `handoff`: a step has exactly one kind/);
  });

  it('a message of the wrong shape gets one message naming the shapes allowed', () => {
    expect(problems('flow: a\nsteps:\n  s:\n    say: 42\n    next: s\n')).toEqual([
      '4:10 `say` in step `s` must be a message: a string, a list of strings (variants used in turn), or a map of sentiment variants with `default`',
    ]);
  });

  it('a misspelt key gets a suggestion', () => {
    const got = problems('flow: a\nsteps:\n  s:\n    sya: hi\n');
    expect(got).toEqual([
      '3:3 step `s` needs one of `say`, `ask`, `branch`, `action`, `handoff`, `end`',
      '4:5 unknown key `sya` in step `s`: did you mean `say`?',
    ]);
  });
});
