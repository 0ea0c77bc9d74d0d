import type { Finding, LintReport, RuleMeta } from '../../src/rules/types.js';

export const REFUND_YAML = [
  'id: refund',
  'start: greet',
  'steps:',
  '  greet:',
  '    say: Hi! I am a virtual assistant.',
  '    next: ask_order',
  '  ask_order:',
  '    ask: What is your order number?',
  '    collect: order',
  '    next: ask_email',
  '  ask_email:',
  '    ask: Your email?',
  '    collect: email',
  '',
].join('\n');

export const BILLING_YAML = [
  'id: billing',
  'start: start',
  'steps:',
  '  start:',
  '    say: Great news!!!',
  '',
].join('\n');

function rule(
  id: string,
  category: RuleMeta['category'],
  severity: RuleMeta['severity'],
  description: string,
): RuleMeta {
  return {
    id,
    category,
    severity,
    description,
    docs: `docs/rules/${id}.md`,
    optionsSchema: {},
    defaultOptions: {},
    messages: {},
  };
}

export const RULES: RuleMeta[] = [
  rule('human-exit', 'empathy', 'error', 'The customer can always get to a person.'),
  rule('tone-sentiment', 'empathy', 'error', "The bot's tone matches the customer's feeling."),
  rule('unused-data', 'structure', 'info', 'Data nothing collects, sets or reads.'),
  rule('readability', 'language', 'warn', 'Messages are easy to read.'),
  rule('duplicate-flow', 'structure', 'error', 'Two files declare the same flow id.'),
];

/** In deliberately scrambled order: formatters must sort. */
export function sampleFindings(): Finding[] {
  return [
    {
      ruleId: 'tone-sentiment',
      messageId: 'upbeat',
      severity: 'error',
      message: 'This message is upbeat after a negative turn.',
      file: 'flows/billing.yaml',
      line: 5,
      column: 10,
      endLine: 5,
      endColumn: 24,
      evidence: ['Great news', '!!!'],
    },
    {
      ruleId: 'unused-data',
      messageId: 'unused',
      severity: 'info',
      message: 'Data "nickname" is never used.',
      file: 'flows/refund.yaml',
      line: 9,
      column: 14,
    },
    {
      ruleId: 'human-exit',
      messageId: 'noExit',
      severity: 'error',
      message: 'The customer cannot ask for a person at "ask_email".',
      file: 'flows/refund.yaml',
      line: 11,
      column: 3,
      endLine: 13,
      endColumn: 20,
      path: [
        { step: 'refund/greet', pos: { file: 'flows/refund.yaml', line: 4, column: 3 } },
        { step: 'refund/ask_order', pos: { file: 'flows/refund.yaml', line: 7, column: 3 } },
        { step: 'refund/ask_email', pos: { file: 'flows/refund.yaml', line: 11, column: 3 } },
      ],
    },
    {
      ruleId: 'readability',
      messageId: 'tooHard',
      severity: 'warn',
      message: 'Grade 11 is above 8.',
      file: 'flows/refund.yaml',
      line: 8,
      column: 10,
    },
    {
      ruleId: 'duplicate-flow',
      messageId: 'duplicate',
      severity: 'error',
      message: 'Flow "billing" is declared twice.',
      file: 'flows/billing.yaml',
      line: 1,
      column: 5,
      related: [
        { pos: { file: 'flows/old/billing.yaml', line: 1, column: 5 }, message: 'first declared here' },
      ],
    },
  ];
}

export function makeReport(
  findings: Finding[] = sampleFindings(),
  extra: Partial<LintReport> = {},
): LintReport {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return {
    cwd: '/home/dev/my bot',
    findings,
    sources: { 'flows/refund.yaml': REFUND_YAML, 'flows/billing.yaml': BILLING_YAML },
    files: ['flows/refund.yaml', 'flows/clean.yaml', 'flows/billing.yaml'],
    rules: RULES,
    counts,
    severities: {
      'human-exit': 'error',
      'tone-sentiment': 'error',
      'unused-data': 'info',
      readability: 'warn',
      'duplicate-flow': 'error',
    },
    ...extra,
  };
}

/** A finding with a path that crosses from one flow into another. */
export function crossFlowFinding(): Finding {
  return {
    ruleId: 'human-exit',
    messageId: 'noExit',
    severity: 'error',
    message: 'No way to a person.',
    file: 'flows/billing.yaml',
    line: 4,
    column: 3,
    path: [
      { step: 'refund/greet', pos: { file: 'flows/refund.yaml', line: 4, column: 3 } },
      { step: 'billing/start', pos: { file: 'flows/billing.yaml', line: 4, column: 3 } },
    ],
  };
}

export const ANSI = /\u001b\[/;
