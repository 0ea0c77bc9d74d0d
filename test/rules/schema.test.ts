import { testRule, throughLint } from '../helpers/rule-tester.js';

// The `schema` findings: a flow, config or persona file that does not match its JSON Schema, and
// rule settings in tact.config.yaml that name no rule or give a rule an option it does not have.

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

const OK_STEPS = ['steps:', '  greet:', '    say: Hello, how can I help?', '    end: resolved'];
const OK_FLOW = lines('flow: main', ...OK_STEPS);

testRule(throughLint('schema'), {
  valid: [
    { name: 'a minimal flow', flow: OK_FLOW },
    {
      name: 'a config with rule settings and a persona',
      flow: OK_FLOW,
      config: lines(
        'entry: main/greet',
        'rules:',
        '  readability: off',
        '  too-many-options: {severity: warn, max: 6}',
      ),
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
      name: 'an unknown top-level key, with a suggestion',
      flow: lines('flow: main', 'tittle: Orders', ...OK_STEPS),
      errors: [
        {
          messageId: 'problem',
          line: 2,
          column: 1,
          message: 'unknown key `tittle` in the file: did you mean `title`?',
        },
      ],
    },
    {
      name: 'a flow file that is not a map',
      flow: lines('- flow: main'),
      errors: [
        {
          messageId: 'problem',
          line: 1,
          column: 1,
          message: 'a flow file must be a map with `flow` and `steps`',
        },
      ],
    },
    {
      name: 'a flow without steps',
      flow: lines('flow: main', 'title: Orders'),
      errors: [{ messageId: 'problem', line: 1, column: 1, message: 'the file is missing `steps`' }],
    },
    {
      name: 'a step that mixes two kinds',
      flow: lines('flow: main', 'steps:', '  a:', '    ask: Anything else?', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 5,
          column: 5,
          message:
            'step `a` mixes `ask` and `end`: a step has exactly one kind (ask, branch, action, handoff, end, or a message); split it into two steps',
        },
      ],
    },
    {
      name: 'an unknown key in a step',
      flow: lines('flow: main', 'steps:', '  greet:', '    sya: Hello', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 5,
          message: 'unknown key `sya` in step `greet`: did you mean `say`?',
        },
      ],
    },
    {
      name: 'a value of the wrong type',
      flow: lines('flow: main', 'steps:', '  greet:', '    say: 42', '    end: resolved'),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 10,
          message:
            '`say` in step `greet` must be a message: a string, a list of strings (variants used in turn), or a map of sentiment variants with `default`',
        },
      ],
    },
    {
      name: 'a flow id that is not an id',
      flow: lines('flow: Main Flow', ...OK_STEPS),
      errors: [
        {
          messageId: 'problem',
          line: 1,
          column: 7,
          message:
            '`flow` "Main Flow" is not an id: lowercase letters, digits, _ or -, starting with a letter',
        },
      ],
    },
    {
      name: 'an unknown rule in the config, with a suggestion',
      flow: OK_FLOW,
      config: lines('rules:', '  human-exits: off'),
      errors: [
        {
          messageId: 'problem',
          file: 'tact.config.yaml',
          line: 2,
          column: 3,
          message: 'unknown rule `human-exits`: did you mean `human-exit`?',
        },
      ],
    },
    {
      name: 'an unknown option of a rule',
      flow: OK_FLOW,
      config: lines('rules:', '  too-many-options: {maximum: 6}'),
      errors: [
        {
          messageId: 'problem',
          file: 'tact.config.yaml',
          line: 2,
          column: 3,
          message: 'unknown option `maximum` for rule too-many-options; options: max, voice_max',
        },
      ],
    },
    {
      name: 'an option of the wrong type',
      flow: OK_FLOW,
      config: lines('rules:', '  too-many-options: {max: lots}'),
      errors: [
        {
          messageId: 'problem',
          file: 'tact.config.yaml',
          line: 2,
          column: 3,
          message: 'option `max` of rule too-many-options must be integer',
        },
      ],
    },
    {
      name: 'an unknown key in the config',
      flow: OK_FLOW,
      config: lines('entry: main/greet', 'rulez: {}'),
      errors: [
        {
          messageId: 'problem',
          file: 'tact.config.yaml',
          line: 2,
          column: 1,
          message: 'unknown key `rulez` in the file: did you mean `rules`?',
        },
      ],
    },
    {
      name: 'a persona without a goal',
      flow: OK_FLOW,
      files: {
        'personas/calm.persona.yaml': lines('persona: calm', 'mood: calm', 'expect:', '  outcome: resolved'),
      },
      errors: [
        {
          messageId: 'problem',
          file: 'personas/calm.persona.yaml',
          line: 1,
          column: 1,
          message: 'the file is missing `goal`',
        },
      ],
    },
    {
      name: 'several problems in one file, one finding each',
      flow: lines(
        'flow: main',
        'steps:',
        '  greet:',
        '    sya: Hello',
        '    end: resolved',
        '  bye:',
        '    say: Bye.',
        '    end: someday',
        '    nxt: greet',
      ),
      errors: [
        {
          messageId: 'problem',
          line: 4,
          column: 5,
          message: 'unknown key `sya` in step `greet`: did you mean `say`?',
        },
        {
          messageId: 'problem',
          line: 8,
          column: 10,
          message: '`end` in step `bye` must be one of: resolved, unresolved',
        },
        {
          messageId: 'problem',
          line: 9,
          column: 5,
          message: 'unknown key `nxt` in step `bye`: did you mean `next`?',
        },
      ],
    },
  ],
});
