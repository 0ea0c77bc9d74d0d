// Every ```yaml example of every page in docs/rules/ is linted through the library, in process, in
// a small project, and checked against the page's rule. One test per page.
//
// What an example is, the page says as a reader reads it:
// - after a paragraph that begins "Bad", the bad example (one per page). Each line it reports ends
//   with a comment naming the rule: `# human-exit`, `# fallback-escalates ×2` for two findings
//   there, and after a colon a note for the reader; a note that is a path (`a → b`, or `… a → b`
//   for its end) is the finding's path. The rule's findings must be exactly on those lines.
// - after a paragraph that begins "Fixed", a fix: with it, the rule finds nothing, and the project
//   loads with no YAML or schema problem.
// - a block with `# tact-disable-next-line RULE -- reason`: the rule finds nothing and
//   `unused-disable` nothing (the comment silences a real finding).
// - any other block is a config (tact.config.yaml, e.g. under "Options"): it loads, nothing is
//   found in it, and the rule still finds nothing in the fixed project; one that turns the rule
//   off silences the bad example.
//
// Where an example goes: a whole flow (`flow:` and `steps:`) or persona is a file of its own, a
// first line `# flows/x.flow.yaml` or `# tact.config.yaml` names its file, and a fragment is merged
// into its file: steps at two spaces (a fragment always starts at a step key or a top-level key)
// and top-level keys replace the step, data, intent or rule of the same name, or are added. The
// bad example is merged into the page's context (CONTEXTS below: the flows and config its fragments
// need, each with nothing the rule reports), a fix into the bad example, a silenced example into
// the bad example with its first fix in a flow or persona, a config into the fixed project.
// RULE_PAGES_DEBUG=1 prints each project and all its findings.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/rules/types.js';
import { ROOT } from '../e2e/helpers.js';
import { config as personaConfig, flow as personaFlow } from '../rules/persona-refs-project.js';
import {
  contextLines,
  type Example,
  type Files,
  isWholeFlow,
  kindOf,
  type Linted,
  linesOf,
  lintFiles,
  merge,
  pageExamples,
  removeTemp,
} from './rule-pages.js';

afterAll(removeTemp);

const SUPPORT = `flow: support
steps:
  handoff:
    say: I'm connecting you with a person now. They'll see this conversation.
    handoff: true
`;

interface Context {
  files: Record<string, string>;
}

/**
 * A small project for a page whose examples are fragments: the steps, data, intents and handlers
 * (each a YAML text at column 0, without its key) are those of flow `main`; the config starts
 * the bot at `main`, whose first step is the first step of the bad example.
 */
function project(
  main: { steps?: string; data?: string; intents?: string; handlers?: string; channel?: string },
  config = '',
): Context {
  const section = (key: string, body?: string) =>
    body ? `${key}:\n${body.replace(/\n$/, '').replace(/^/gm, '  ')}\n` : '';
  return {
    files: {
      'flows/main.flow.yaml': `flow: main\n${main.channel ? `channel: ${main.channel}\n` : ''}${section('data', main.data)}${section('intents', main.intents)}${section('handlers', main.handlers)}${section('steps', main.steps ?? HANDOFF)}`,
      'flows/support.flow.yaml': SUPPORT,
      'tact.config.yaml': `bot: {name: Ava, company: Acme}\nentry: main\n${config}`,
    },
  };
}

const HANDOFF = `handoff:
  say: I'm connecting you with a person now. They'll see this conversation.
  handoff: true
`;
const ORDER_ID = `order_id:
  type: text
  pattern: "^[A-Z]{2}[0-9]{6}$"
`;
const EMAIL = `email:
  type: email
  purpose: to send your receipt
`;
const step = (id: string, body: string) => `${id}:\n${body.replace(/\n$/, '').replace(/^/gm, '  ')}\n`;
const say = (id: string, text: string, then = 'end: resolved') => step(id, `say: ${text}\n${then}`);

/** Lint a whole flow alone, as the only file of a project. */
const ALONE: Context = { files: {} };

const CONTEXTS: Record<string, Context> = {
  'bad-condition': ALONE,
  'blame-language': project({ data: ORDER_ID }),
  'bot-disclosure': project({}),
  'bot-honesty': project({ data: ORDER_ID }),
  'confirm-before-acting': project({ steps: say('done', 'Your subscription is cancelled.') }),
  contradiction: project({}),
  'data-disclosure': project({ data: EMAIL }),
  'data-purpose': project({}),
  'dead-end': ALONE,
  'duplicate-flow': {
    files: {
      'flows/orders.flow.yaml': `flow: orders
steps:
  greet:
    say: Hi, I'm Ava, Acme's virtual assistant. I can help you track an order.
    end: resolved
`,
    },
  },
  'fallback-escalates': project(
    {
      data: ORDER_ID + EMAIL,
      steps:
        say('goodbye', "Sorry I couldn't help. Goodbye.", 'end: unresolved') +
        step('ask_email', 'ask: What email should I send the receipt to?\ncollect: email\nnext: goodbye'),
    },
    'fallback: {say: "Sorry, I didn\'t catch that.", max: 2, then: support/handoff}\n',
  ),
  'human-exit': { files: { 'flows/support.flow.yaml': SUPPORT } },
  'inclusive-language': project({}),
  'internal-text': project({}),
  'message-length': project({ channel: 'sms' }),
  'person-promise': project({}),
  'persona-refs': { files: { 'tact.config.yaml': personaConfig, 'flows/orders.flow.yaml': personaFlow } },
  'personal-data-unmarked': project({}),
  readability: project({}),
  // The bad example elides `ask_email`. The payment flow collects the card digits that the
  // silenced example's `recheck_card` asks for again.
  'repeated-ask': (() => {
    const c = project({
      data: ORDER_ID + EMAIL,
      steps:
        step(
          'ask_email',
          'ask: What email should I send the receipt to?\ncollect: email\nnext: payment/ask_card',
        ) + HANDOFF,
    });
    c.files['flows/payment.flow.yaml'] = `flow: payment
data:
  card_last4:
    type: text
    pattern: "^[0-9]{4}$"
    personal: true
    purpose: to check it is your card
steps:
  ask_card:
    ask: What are the last 4 digits of your card?
    collect: card_last4
    next: recheck_card
  pay:
    action: take_payment
    next: done
  done:
    say: Thanks, you'll have your receipt in a minute.
    end: resolved
`;
    return c;
  })(),
  schema: ALONE,
  'sensitive-answer': project({
    steps:
      step('menu_card', 'ask: Would you like to freeze your card?\nnext: handoff') +
      HANDOFF.replace('handoff:', 'fraud_team:'),
  }),
  'sensitive-intent': project(
    {
      steps:
        step('ask_account', "ask: What's your account number?\nnext: handoff") +
        step('crisis_action', 'action: start_crisis_line\nnext: handoff') +
        HANDOFF,
    },
    `intents:
  bereavement:
    sensitive: true
    examples: [my husband passed away, the account holder died]
  self_harm:
    sensitive: true
    examples: [I want to hurt myself, I don't want to be here any more]
handlers:
  - intent: bereavement
    goto: support/handoff
  - intent: self_harm
    goto: support/handoff
`,
  ),
  'tone-declared': project({}),
  'tone-flippant': project({
    steps: say('billing', 'Your bill is in the app.') + say('delivery', 'Your parcel is on its way.'),
  }),
  'tone-sentiment': project({ data: ORDER_ID, steps: say('confirm', 'Thanks, your refund is on its way.') }),
  'too-many-options': project({
    channel: 'voice',
    steps: ['bills', 'payments', 'refunds', 'plans', 'ask_topic']
      .map((s) => say(s, 'Let me help with that.'))
      .join(''),
  }),
  'unknown-data': ALONE,
  'unknown-intent': ALONE,
  'unknown-target': ALONE,
  'unreachable-step': ALONE,
  'unresolved-end': project({ data: ORDER_ID }),
  'unset-placeholder': project({
    data: ORDER_ID,
    steps: step('ask_order', "ask: What's your order number?\ncollect: order_id\nnext: status"),
  }),
  'unused-data': ALONE,
  'unused-disable': ALONE,
  'unused-intent': ALONE,
  yaml: ALONE,
  'yes-no-question': project({}),
};

const MAIN = 'flows/main.flow.yaml';
const CONFIG = 'tact.config.yaml';
const PERSONA = 'personas/example.persona.yaml';
/** The rules whose findings are the loader's problems: their bad examples do not load. */
const LOAD_RULES = new Set(['yaml', 'schema', 'duplicate-flow']);

/** The file an example goes to: its `# path` line, else by what it is (a flow fragment to `flow`). */
function fileOf(e: Example, flow: string): string {
  if (e.marker) return e.marker;
  const kind = kindOf(e);
  return kind === 'config' ? CONFIG : kind === 'persona' ? PERSONA : flow;
}

/** Put an example into a project: a whole file replaces the file, a fragment is merged into it. */
function place(files: Files, e: Example, flow: string, mode: 'over' | 'under' = 'over'): Files {
  const file = fileOf(e, flow);
  const whole = isWholeFlow(e) || /^persona:/m.test(e.text);
  const lines = whole || !files[file] ? linesOf(e) : merge(files[file], linesOf(e), mode);
  expect(
    lines.filter((l) => l.from?.example === e.index).map((l) => l.from?.line),
    `example ${e.index}: all its lines are in ${file}`,
  ).toEqual(expect.arrayContaining(linesOf(e).map((l) => l.from?.line)));
  return { ...files, [file]: lines };
}

interface Mark {
  line: number;
  /** The path the note gives (`a → b`); `partial` after `…`: the end of the path. */
  path?: string[];
  partial: boolean;
}

/** The lines a bad example marks as reported by `rule`, once per finding. */
function marksOf(e: Example, rule: string): Mark[] {
  const re = new RegExp(`\\s#\\s*${rule}(?: ×(\\d+))?(?::\\s*(.*))?$`);
  return e.text.split('\n').flatMap((text, i) => {
    const m = re.exec(text);
    if (!m) return [];
    const note = (m[2] ?? '').trim();
    const partial = /^(…|\.\.\.)/.test(note);
    const steps = note.replace(/^(…|\.\.\.)\s*/, '');
    const path = steps.includes('→') ? steps.split('→').map((s) => s.trim()) : undefined;
    return Array.from({ length: Number(m[1] ?? 1) }, () => ({ line: i + 1, path, partial }));
  });
}

/** Where a finding is: a line of an example, or of the context (which should have none). */
function where(linted: Linted, f: Finding): string {
  const at = linted.exampleLine(f);
  return at ? `example ${at.example} line ${at.line}` : `${f.file}:${f.line} (context)`;
}

/** The finding's path as the mark writes it: qualified or not, whole or its end. */
function pathAsMarked(f: Finding, mark: Mark & { path: string[] }): string[] {
  const qualified = mark.path.some((s) => s.includes('/'));
  const steps = (f.path ?? []).map((p) => (qualified ? p.step : p.step.split('/').pop()!));
  return mark.partial ? steps.slice(-mark.path.length) : steps;
}

function lint(files: Files, label: string, file: string): Linted {
  const linted = lintFiles(files);
  if (process.env.RULE_PAGES_DEBUG) {
    console.log(`--- ${label}: ${file}\n${linted.files[file]}`);
    for (const f of linted.findings)
      console.log(
        `  ${f.ruleId} ${where(linted, f)} ${f.message} ${(f.path ?? []).map((p) => p.step).join(' → ')}`,
      );
    if (linted.problems.length) console.log(linted.problems);
  }
  return linted;
}

const list = (linted: Linted, fs: Finding[]) =>
  fs.map((f) => `${f.ruleId} ${where(linted, f)}: ${f.message}`);

function checkPage(rule: string): void {
  const examples = pageExamples(`docs/rules/${rule}.md`);
  const context = CONTEXTS[rule];
  expect(context, `a context for docs/rules/${rule}.md in CONTEXTS`).toBeDefined();
  const ctx: Files = Object.fromEntries(Object.entries(context.files).map(([k, v]) => [k, contextLines(v)]));
  const bads = examples.filter((e) => e.role === 'bad');
  expect(
    bads.map((e) => e.index),
    'one bad example',
  ).toHaveLength(1);

  for (const e of examples.filter((x) => x.role !== 'bad'))
    expect(marksOf(e, rule), `example ${e.index} (${e.role}) marks no line as reported`).toEqual([]);

  const [bad] = bads;
  const badFile = fileOf(bad, MAIN);
  const badProject = place(ctx, bad, MAIN, 'under');
  const linted = lint(badProject, `${rule}: bad example ${bad.index}`, badFile);
  if (!LOAD_RULES.has(rule)) expect(linted.problems, `example ${bad.index} (bad) loads`).toEqual([]);
  const marks = marksOf(bad, rule);
  expect(marks.length, `example ${bad.index} (bad) marks the lines ${rule} reports`).toBeGreaterThan(0);
  const found = linted.findings.filter((f) => f.ruleId === rule);
  expect(
    found.map((f) => where(linted, f)).sort(),
    `example ${bad.index} (bad): where ${rule} reports`,
  ).toEqual(marks.map((m) => `example ${bad.index} line ${m.line}`).sort());
  for (const m of marks) {
    if (!m.path) continue;
    const f = found.find((f) => linted.exampleLine(f)?.line === m.line)!;
    expect(
      pathAsMarked(f, { ...m, path: m.path }),
      `path of the finding at example ${bad.index} line ${m.line}`,
    ).toEqual(m.path);
  }

  const fixes = examples
    .filter((e) => e.role === 'fixed')
    .map((e) => ({ e, files: place(badProject, e, badFile) }));
  for (const { e, files } of fixes) {
    const linted = lint(files, `${rule}: fixed example ${e.index}`, fileOf(e, badFile));
    expect(linted.problems, `example ${e.index} (fixed) loads`).toEqual([]);
    expect(
      list(
        linted,
        linted.findings.filter((f) => f.ruleId === rule),
      ),
      `example ${e.index} (fixed): no ${rule} finding`,
    ).toEqual([]);
  }

  const flowFix = fixes.find((x) => kindOf(x.e) !== 'config');
  for (const e of examples.filter((x) => x.role === 'silenced')) {
    expect(e.text, `example ${e.index} silences ${rule}, with a reason`).toMatch(
      new RegExp(`# tact-disable-next-line ${rule} -- \\S`),
    );
    const into = flowFix?.files ?? badProject;
    const file = fileOf(e, flowFix ? fileOf(flowFix.e, badFile) : badFile);
    const linted = lint(place(into, e, file), `${rule}: silenced example ${e.index}`, file);
    if (!LOAD_RULES.has(rule)) expect(linted.problems, `example ${e.index} (silenced) loads`).toEqual([]);
    expect(
      list(
        linted,
        linted.findings.filter((f) => f.ruleId === rule || f.ruleId === 'unused-disable'),
      ),
      `example ${e.index} (silenced): no ${rule} finding, and the comment is used`,
    ).toEqual([]);
  }

  for (const e of examples.filter((x) => x.role === 'config')) {
    expect(kindOf(e), `example ${e.index} is a config (or say "Bad" or "Fixed" above it)`).toBe('config');
    const off = new RegExp(`^\\s*${rule}: off\\b`, 'm').test(e.text);
    const into = off ? badProject : (fixes[0]?.files ?? badProject);
    const linted = lint(place(into, e, badFile), `${rule}: config example ${e.index}`, CONFIG);
    expect(linted.problems, `example ${e.index} (config) loads`).toEqual([]);
    expect(
      list(
        linted,
        linted.findings.filter((f) => f.file === CONFIG || f.ruleId === rule),
      ),
      `example ${e.index} (config): ${off ? `turns ${rule} off` : `no finding in ${CONFIG}, and no ${rule} finding`}`,
    ).toEqual([]);
  }
}

const PAGES = readdirSync(path.join(ROOT, 'docs/rules'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort();

describe('the YAML examples of docs/rules/', () => {
  it('every page has a context and every context a page', () => {
    expect(Object.keys(CONTEXTS).sort()).toEqual(PAGES);
  });

  it.each(PAGES)('docs/rules/%s.md', (rule) => {
    checkPage(rule);
  });
});
