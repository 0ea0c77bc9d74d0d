import { testRule, throughLint } from '../helpers/rule-tester.js';

// The `unused-disable` findings: a `# tact-disable-next-line` comment that silences nothing, or
// names a rule that does not exist. Each flow below is clean but for what the comment is about.

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** A clean flow whose `greet` step is at line 3; `comment` goes above `next` (line 5). */
const flow = (comment: string, next = 'agent') =>
  lines(
    'flow: main',
    'steps:',
    '  greet:',
    "    say: Hi, I'm the Acme virtual assistant. Ask for a person at any time.",
    ...(comment ? [`    ${comment}`] : []),
    `    next: ${next}`,
    '  agent:',
    "    say: I'm passing you to a person now.",
    '    handoff:',
    '      queue: general',
  );

testRule(throughLint('unused-disable'), {
  valid: [
    { name: 'no comment', flow: flow('') },
    {
      name: 'a comment that silences the finding on the next line',
      flow: flow('# tact-disable-next-line unknown-target -- billing ships next release', 'billing/start'),
    },
    {
      name: 'a comment naming two rules, both used',
      flow: lines(
        'flow: main',
        'steps:',
        '  greet:',
        '    # tact-disable-next-line internal-text, blame-language -- the text shows both findings',
        '    say: "TODO: You entered the wrong order number."',
        '    next: agent',
        '  agent:',
        "    say: I'm passing you to a person now.",
        '    handoff:',
        '      queue: general',
      ),
    },
    {
      name: 'a comment for a rule that is off in the config',
      flow: flow('# tact-disable-next-line readability -- a long legal sentence'),
      config: lines('rules:', '  readability: off'),
    },
    {
      name: 'unused-disable itself off in the config',
      flow: flow('# tact-disable-next-line unknown-target -- nothing to silence'),
      config: lines('rules:', '  unused-disable: off'),
    },
  ],
  invalid: [
    {
      name: 'a comment over a line with no finding',
      flow: flow('# tact-disable-next-line unknown-target -- nothing to silence'),
      errors: [
        {
          messageId: 'unused',
          line: 5,
          column: 5,
          message: 'this disable comment silences nothing: no `unknown-target` finding on the next line',
        },
      ],
    },
    {
      name: 'a comment naming a rule that does not exist, with the rule it likely means',
      flow: flow('# tact-disable-next-line unknown-targets -- a typo'),
      errors: [
        {
          messageId: 'unknownRuleSuggest',
          line: 5,
          column: 5,
          message: 'unknown rule `unknown-targets` in a disable comment: did you mean `unknown-target`?',
        },
      ],
    },
    {
      name: 'a comment naming a rule like none there is',
      flow: flow('# tact-disable-next-line politeness -- no such rule'),
      errors: [
        {
          messageId: 'unknownRule',
          line: 5,
          column: 5,
          message: 'unknown rule `politeness` in a disable comment',
        },
      ],
    },
    {
      name: 'a comment naming two rules, one used',
      flow: flow(
        '# tact-disable-next-line unknown-target, dead-end -- billing ships next release',
        'billing/start',
      ),
      errors: [
        {
          messageId: 'unused',
          line: 5,
          column: 5,
          message: 'this disable comment silences nothing: no `dead-end` finding on the next line',
        },
      ],
    },
    {
      name: 'a comment at the end of the file, over nothing',
      flow: `${flow('')}# tact-disable-next-line unknown-target -- left over\n`,
      errors: [
        {
          messageId: 'unused',
          line: 10,
          column: 1,
          message: 'this disable comment silences nothing: no `unknown-target` finding on the next line',
        },
      ],
    },
  ],
});
