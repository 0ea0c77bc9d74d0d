import { testRule, throughLint } from '../helpers/rule-tester.js';

// The `yaml` findings: what the YAML parser and tact's limits say of a file, at the place it says.

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

const OK_STEPS = ['steps:', '  greet:', '    say: Hello, how can I help?', '    end: resolved'];

testRule(throughLint('yaml'), {
  valid: [
    { name: 'a plain flow', flow: lines('flow: main', ...OK_STEPS) },
    {
      name: 'quoted text with a colon and a hash, and a block scalar',
      flow: lines(
        'flow: main',
        'steps:',
        '  greet:',
        '    say: "Note: your order #12 is on its way."',
        '    next: bye',
        '  bye:',
        '    say: |',
        '      Thanks for waiting.',
        '      Goodbye: take care.',
        '    end: resolved',
      ),
    },
    {
      name: 'a few aliases of one anchor',
      flow: lines(
        'flow: main',
        'steps:',
        '  greet:',
        '    say: &hello Hello, how can I help?',
        '    next: again',
        '  again:',
        '    say: *hello',
        '    end: resolved',
      ),
    },
    {
      name: 'a config and a persona that are valid YAML',
      flow: lines('flow: main', ...OK_STEPS),
      config: lines('entry: main/greet'),
      files: {
        'personas/calm.persona.yaml': lines(
          'persona: calm',
          'goal: Find out where my parcel is',
          'mood: calm',
          'expect:',
          '  outcome: resolved',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a nested mapping on one line',
      flow: lines('flow: main', 'steps:', '  greet:', '    say: Hi: there: friend', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 10,
          message: 'YAML syntax: Nested mappings are not allowed in compact mappings',
        },
      ],
    },
    {
      name: 'an unclosed quote, at the quote that opens it',
      flow: lines('flow: main', 'steps:', '  greet:', '    say: "Hello', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 10,
          message:
            'YAML syntax: this " is never closed, so the text runs to the end of the file: add the closing "',
        },
      ],
    },
    {
      name: "an unclosed single quote after a closed one ('' is a quote inside)",
      flow: lines(
        'flow: main',
        'steps:',
        '  greet:',
        "    say: 'It''s here'",
        "    ask: 'Anything else",
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'problem',
          line: 5,
          column: 10,
          message:
            "YAML syntax: this ' is never closed, so the text runs to the end of the file: add the closing '",
        },
      ],
    },
    {
      name: 'a tab for indentation',
      flow: lines('flow: main', 'steps:', '  greet:', '\tsay: Hello', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 1,
          message: 'YAML syntax: Tabs are not allowed as indentation',
        },
      ],
    },
    {
      name: 'a key given twice, at the second',
      flow: lines(
        'flow: main',
        'steps:',
        '  greet:',
        '    say: Hello',
        '    say: Hi again',
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'problem',
          line: 5,
          column: 5,
          message:
            'duplicate key "say" (first at line 4): a later value would silently replace the first; keep one',
        },
      ],
    },
    {
      name: 'an alias of an anchor that does not exist',
      flow: lines('flow: main', 'steps:', '  greet:', '    say: *nothing', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 10,
          message:
            'alias `*nothing` names no anchor: mark the value it repeats with `&nothing` before it, or write the value out',
        },
      ],
    },
    {
      name: 'aliases that expand past the limit',
      flow: lines(
        'flow: main',
        'x0: &a0 [y, y, y, y, y, y, y, y, y, y]',
        'x1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]',
        'x2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]',
        ...OK_STEPS,
      ),
      errors: [
        {
          messageId: 'problem',
          line: 3,
          column: 10,
          message:
            'too many YAML aliases (more than 100 expansions): write the values out instead of nesting aliases',
        },
      ],
    },
    {
      name: 'a syntax error in the config file',
      flow: lines('flow: main', ...OK_STEPS),
      config: lines('entry: main/greet', 'rules: [unclosed'),
      errors: [
        {
          messageId: 'problem',
          file: 'tact.config.yaml',
          line: 3,
          column: 1,
          message:
            'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
        },
      ],
    },
    {
      name: 'a syntax error in a persona file',
      flow: lines('flow: main', ...OK_STEPS),
      files: { 'personas/bad.persona.yaml': lines('persona: bad', 'goal: "unclosed') },
      errors: [
        {
          messageId: 'problem',
          file: 'personas/bad.persona.yaml',
          line: 2,
          column: 7,
          message:
            'YAML syntax: this " is never closed, so the text runs to the end of the file: add the closing "',
        },
      ],
    },
    {
      name: 'a second document in one file',
      flow: lines('flow: main', ...OK_STEPS, '---', 'flow: other'),
      errors: [
        {
          messageId: 'problem',
          line: 6,
          column: 1,
          message:
            'a second YAML document: a tact file holds one, and this `---` starts another; remove the line, or move what follows into a file of its own',
        },
      ],
    },
  ],
});
