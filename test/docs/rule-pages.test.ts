import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/rules/types.js';
import { ROOT } from '../e2e/helpers.js';
import {
  contextLines,
  type Example,
  type Files,
  isWholeFlow,
  kindOf,
  type Line,
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
  'persona-refs': {
    files: {
      'tact.config.yaml': `entry: orders/greet
handlers:
  - intent: human
    goto: orders/handoff
`,
      'flows/orders.flow.yaml': `flow: orders
data:
  order_id:
    type: text
  shipped:
    type: boolean
steps:
  greet:
    say: Hi, I'm Sam, a virtual assistant.
    next: ask_order
  ask_order:
    ask: What's your order number?
    collect: order_id
    next: lookup
  lookup:
    action: find_order
    sets: [shipped]
    next: decide
  decide:
    branch:
      - if: shipped == true
        goto: done
      - else: handoff
  done:
    say: It's on its way.
    end: resolved
  handoff:
    say: Connecting you with a person.
    handoff: true
`,
    },
  },
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

function fileOf(e: Example, flowFile: string): string {
  if (e.marker) return e.marker;
  const kind = kindOf(e);
  return kind === 'config' ? CONFIG : kind === 'persona' ? PERSONA : flowFile;
}

const isWhole = (e: Example) => isWholeFlow(e) || /^persona:/m.test(e.text);

/** Put an example into a project: a whole file replaces the file, a fragment is merged into it. */
function place(files: Files, e: Example, flowFile: string, mode: 'over' | 'under'): Files {
  const file = fileOf(e, flowFile);
  const base = files[file];
  const lines = isWhole(e) || !base ? linesOf(e) : merge(base, linesOf(e), mode);
  // Every line of the example is in the file (its sections may come in another order).
  expect(
    lines.filter((l) => l.from?.example === e.index).map((l) => l.from?.line),
    `example ${e.index} is all in ${file}`,
  ).toEqual(expect.arrayContaining(linesOf(e).map((l) => l.from?.line)));
  return { ...files, [file]: lines };
}

interface Mark {
  line: number;
  /** The path the note gives (`a → b`); after `…`, the end of the path. */
  path?: string[];
  partial?: boolean;
}

/**
 * The lines a bad example says are reported: a trailing `# RULE` comment, `# RULE ×2` for two
 * findings on the line, and after a colon a note; a note that is a path (`a → b`, or `… a → b` for
 * its end) is the path of the finding.
 */
function marksOf(e: Example, rule: string): Mark[] {
  const re = new RegExp(`\\s#\\s*${rule}(?: ×(\\d+))?(?::\\s*(.*))?\\s*$`);
  return e.text.split('\n').flatMap((text, i) => {
    const m = re.exec(text);
    if (!m) return [];
    let note = (m[2] ?? '').trim();
    const partial = /^(…|\.\.\.)/.test(note);
    note = note.replace(/^(…|\.\.\.)\s*/, '');
    const path = note.includes('→') ? note.split('→').map((s) => s.trim()) : undefined;
    return Array.from({ length: Number(m[1] ?? 1) }, () => ({ line: i + 1, path, partial }));
  });
}

const show = (linted: ReturnType<typeof lintFiles>, f: Finding) => {
  const at = linted.exampleLine(f);
  return at ? `example ${at.example} line ${at.line}` : `${f.file}:${f.line} (context)`;
};

/** The finding's path as the mark writes it: qualified or not, whole or its end. */
function pathAsMarked(f: Finding, mark: Mark & { path: string[] }): string[] {
  const qualified = mark.path.some((s) => s.includes('/'));
  const steps = (f.path ?? []).map((p) => (qualified ? p.step : p.step.split('/').pop()!));
  return mark.partial ? steps.slice(-mark.path.length) : steps;
}

const PAGES = readdirSync(path.join(ROOT, 'docs/rules'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort();

function checkPage(rule: string) {
  const examples = pageExamples(`docs/rules/${rule}.md`);
  const context = CONTEXTS[rule];
  expect(context, `a context for docs/rules/${rule}.md in CONTEXTS`).toBeDefined();
  const ctx: Files = Object.fromEntries(Object.entries(context.files).map(([k, v]) => [k, contextLines(v)]));
  const bads = examples.filter((e) => e.role === 'bad');
  const fixes = examples.filter((e) => e.role === 'fixed');
  const loadRule = ['yaml', 'schema', 'duplicate-flow'].includes(rule);
  const log: string[] = [];
  const dump = process.env.PAGES_DUMP;

  const badFile = (e: Example) => fileOf(e, MAIN);
  const badProjects = bads.map((e) => ({ e, files: place(ctx, e, MAIN, 'under') }));
  const base = badProjects[0];
  for (const { e, files } of badProjects) {
    const linted = lintFiles(files);
    const mine = linted.findings.filter((f) => f.ruleId === rule);
    if (dump) {
      console.log(`--- ${rule} bad #${e.index}\n${linted.files[badFile(e)]}`);
      for (const f of linted.findings)
        console.log(
          `  ${f.ruleId} ${show(linted, f)} ${f.message} ${(f.path ?? []).map((p) => p.step).join(' → ')}`,
        );
      console.log(linted.problems);
    }
    if (!loadRule) expect(linted.problems, `example ${e.index} (bad) loads`).toEqual([]);
    const marks = marksOf(e, rule);
    expect(marks.length, `example ${e.index} (bad) marks the lines reported`).toBeGreaterThan(0);
    expect(mine.map((f) => show(linted, f)).sort(), `example ${e.index} (bad): the ${rule} findings`).toEqual(
      marks.map((m) => `example ${e.index} line ${m.line}`).sort(),
    );
    for (const m of marks) {
      if (!m.path) continue;
      const f = mine.find((f) => linted.exampleLine(f)?.line === m.line)!;
      expect(
        pathAsMarked(f, { ...m, path: m.path }),
        `path of the finding at example ${e.index} line ${m.line}`,
      ).toEqual(m.path);
    }
  }
  const fixedProjects = fixes.map((e) => ({
    e,
    files: place(base?.files ?? ctx, e, base ? badFile(base.e) : MAIN, 'over'),
  }));
  for (const { e, files } of fixedProjects) {
    const linted = lintFiles(files);
    if (dump) {
      console.log(`--- ${rule} fixed #${e.index}\n${linted.files[fileOf(e, MAIN)]}`);
      for (const f of linted.findings) console.log(`  ${f.ruleId} ${show(linted, f)} ${f.message}`);
      console.log(linted.problems);
    }
    expect(linted.problems, `example ${e.index} (fixed) loads`).toEqual([]);
    expect(
      linted.findings.filter((f) => f.ruleId === rule).map((f) => `${show(linted, f)}: ${f.message}`),
      `example ${e.index} (fixed): no ${rule} finding`,
    ).toEqual([]);
  }
  const clean = fixedProjects[0]?.files ?? base?.files ?? ctx;
  for (const e of examples.filter((x) => x.role === 'silenced')) {
    expect(e.text, `example ${e.index} silences ${rule}`).toMatch(
      new RegExp(`# tact-disable-next-line ${rule} -- \\S`),
    );
    // Into the bad example with its first fix in a flow or persona (a fix in tact.config.yaml
    // applies everywhere, so the comment is shown on the bad example alone).
    const fixed = fixedProjects.find((p) => kindOf(p.e) !== 'config');
    const into = fixed?.files ?? base?.files ?? ctx;
    const cleanFile = fileOf(e, fixed ? fileOf(fixed.e, badFile(base.e)) : base ? badFile(base.e) : MAIN);
    const linted = lintFiles(place(into, e, cleanFile, 'over'));
    if (dump) {
      console.log(`--- ${rule} silenced #${e.index}\n${linted.files[fileOf(e, cleanFile)]}`);
      for (const f of linted.findings) console.log(`  ${f.ruleId} ${show(linted, f)} ${f.message}`);
      console.log(linted.problems);
    }
    if (!loadRule) expect(linted.problems, `example ${e.index} (silenced) loads`).toEqual([]);
    expect(
      linted.findings
        .filter((f) => f.ruleId === rule || f.ruleId === 'unused-disable')
        .map((f) => `${f.ruleId} ${show(linted, f)}: ${f.message}`),
      `example ${e.index} (silenced): no ${rule} finding, the comment is used`,
    ).toEqual([]);
  }
  for (const e of examples.filter((x) => x.role === 'config')) {
    expect(kindOf(e), `example ${e.index} is a config (no Bad/Fixed paragraph above it)`).toBe('config');
    const off = new RegExp(`^\\s*${rule}: off\\b`, 'm').test(e.text);
    const linted = lintFiles(place(off ? base.files : clean, e, MAIN, 'over'));
    if (dump) {
      console.log(`--- ${rule} config #${e.index}\n${linted.files[CONFIG]}`);
      for (const f of linted.findings) console.log(`  ${f.ruleId} ${show(linted, f)} ${f.message}`);
      console.log(linted.problems);
    }
    expect(linted.problems, `example ${e.index} (config) loads`).toEqual([]);
    expect(
      linted.findings
        .filter((f) => f.file === CONFIG || (off && f.ruleId === rule))
        .map((f) => `${f.ruleId} ${f.file}:${f.line}: ${f.message}`),
      `example ${e.index} (config): ${off ? `turns ${rule} off` : 'no finding in tact.config.yaml'}`,
    ).toEqual([]);
  }
  return log;
}

describe('the YAML examples of docs/rules/', () => {
  it.each(PAGES)('docs/rules/%s.md', (rule) => {
    checkPage(rule);
  });
});

export type { Line };
