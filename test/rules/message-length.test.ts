import rule from '../../src/rules/message-length.js';
import { testRule } from '../helpers/rule-tester.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** A flow on `channel` with one message; the text at line 5, column 10. */
const on = (channel: string, text: string) =>
  lines('flow: main', `channel: ${channel}`, 'steps:', '  s:', `    say: ${text}`, '    end: resolved');

const words = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'Okay' : 'okay')).join(' ');
const chars = (n: number) => 'a'.repeat(n);

testRule(rule, {
  valid: [
    { name: 'sms at exactly 160 characters', flow: on('sms', chars(160)) },
    { name: 'chat at 320 characters', flow: on('chat', chars(320)) },
    { name: 'voice at 35 words', flow: on('voice', words(35)) },
    { name: 'emoji count as one character each', flow: on('sms', `${chars(159)}🙂`) },
    { name: 'a longer sms limit in the options', flow: on('sms', chars(200)), options: { sms: 300 } },
    {
      name: 'the channel defaults to the config',
      config: 'channel: chat\n',
      flow: lines('flow: main', 'steps:', '  s:', `    say: ${chars(300)}`, '    end: resolved'),
    },
  ],
  invalid: [
    {
      name: 'sms over 160 characters',
      flow: on('sms', chars(161)),
      errors: [
        {
          messageId: 'tooLong',
          line: 5,
          column: 10,
          message: '161 characters, over the 160 a sms message should take: split it or cut it down',
        },
      ],
    },
    {
      name: 'chat over 320 characters',
      flow: on('chat', chars(321)),
      errors: [
        {
          messageId: 'tooLong',
          line: 5,
          column: 10,
          message: '321 characters, over the 320 a chat message should take: split it or cut it down',
        },
      ],
    },
    {
      name: 'voice over 35 words',
      flow: on('voice', words(36)),
      errors: [
        {
          messageId: 'tooLong',
          line: 5,
          column: 10,
          message: '36 words, over the 35 a voice message should take: split it or cut it down',
        },
      ],
    },
    {
      name: 'the channel from tact.config.yaml, and a lower voice limit',
      config: 'channel: voice\n',
      options: { voice: 10 },
      flow: lines(
        'flow: main',
        'steps:',
        '  s:',
        `    ask: ${words(11)}?`,
        '    fallback:',
        '      say:',
        `        default: ${words(3)}`,
        `        negative: ${words(12)}`,
        '      then: s',
        '    next: s',
      ),
      errors: [
        {
          messageId: 'tooLong',
          line: 4,
          column: 10,
          message: '11 words, over the 10 a voice message should take: split it or cut it down',
        },
        {
          messageId: 'tooLong',
          line: 8,
          column: 19,
          message: '12 words, over the 10 a voice message should take: split it or cut it down',
        },
      ],
    },
  ],
});
