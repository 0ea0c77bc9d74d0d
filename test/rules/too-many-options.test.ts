import rule from '../../src/rules/too-many-options.js';
import { testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** An ask step with `n` options; the `options` key is at line 6, column 5. */
const menu = (n: number, channel = 'chat') =>
  lines(
    'flow: main',
    `channel: ${channel}`,
    'steps:',
    '  menu:',
    '    ask: What can I help you with?',
    '    options:',
    ...Array.from({ length: n }, (_, i) => `      - {label: Topic ${i + 1}, goto: done}`),
    '    next: done',
    '  done:',
    '    end: resolved',
  );

testRule(rule, {
  valid: [
    { name: 'five options in chat', flow: menu(5) },
    { name: 'three options on voice', flow: menu(3, 'voice') },
    {
      name: 'an ask without options',
      flow: lines(
        'flow: main',
        'steps:',
        '  a:',
        '    ask: Anything else?',
        '    next: done',
        '  done:',
        '    end: resolved',
      ),
    },
    { name: 'a higher max', flow: menu(7), options: { max: 7 } },
  ],
  invalid: [
    {
      name: 'six options in chat, at the options key',
      flow: menu(6),
      errors: [
        {
          messageId: 'tooMany',
          line: 6,
          column: 5,
          message: '6 options, more than the 5 a customer can take in: group them, or ask an open question',
        },
      ],
    },
    {
      name: 'four options on voice',
      flow: menu(4, 'voice'),
      errors: [
        {
          messageId: 'tooMany',
          line: 6,
          column: 5,
          message:
            '4 options, more than the 3 a customer can take in by ear: group them, or ask an open question',
        },
      ],
    },
    {
      name: 'a lower voice_max',
      flow: menu(3, 'voice'),
      options: { voice_max: 2 },
      errors: [
        {
          messageId: 'tooMany',
          line: 6,
          column: 5,
          message:
            '3 options, more than the 2 a customer can take in by ear: group them, or ask an open question',
        },
      ],
    },
    {
      name: 'options written in flow style, after other keys',
      flow: lines(
        'flow: main',
        'steps:',
        '  menu:',
        '    ask: Pick one',
        '    next: done',
        '    options: [{label: A, goto: done}, {label: B, goto: done}, {label: C, goto: done}, {label: D, goto: done}, {label: E, goto: done}, {label: F, goto: done}]',
        '  done:',
        '    end: resolved',
      ),
      errors: [
        {
          messageId: 'tooMany',
          line: 6,
          column: 5,
          message: '6 options, more than the 5 a customer can take in: group them, or ask an open question',
        },
      ],
    },
  ],
});
