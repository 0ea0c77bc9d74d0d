#!/usr/bin/env node
// A generated project in the real flow format, for the speed figures: `files` flow files of
// `steps` steps each (1,000 × 100 = 100k steps), a tact.config.yaml and a shared support flow.
// Each flow is ten blocks of ten steps: a message, a menu (options, routes, a fallback), two
// answers (sentiment and list variants), a question that collects data, an action, a branch on
// a condition, two outcomes and a handoff. Texts come from a fixed pool of a few hundred strings,
// as in a real bot where the same sentences recur; fallbacks share one anchored message; a few
// steps carry `# tact-disable-next-line` comments. Deterministic: the same arguments give the same
// bytes.
//
//   node bench/corpus.js DIR [FILES] [STEPS]      (defaults: 1000 files, 100 steps)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The project's one seeded random source (mulberry32), so every run writes the same corpus.
import { random as rng } from '../dist/random.js';

const TOPICS = [
  'your order',
  'your booking',
  'your plan',
  'your card',
  'the delivery',
  'your refund',
  'the repair',
  'your account',
];
const OPENERS = [
  'I can help with {t}.',
  "Let's sort out {t} together.",
  'Thanks for waiting. Here is where {t} stands.',
  "I'm sorry about the trouble with {t}.",
  'Good news: {t} is nearly done.',
  'One moment while I look at {t}.',
  'Here is what I found about {t}.',
  'I understand how frustrating {t} can be.',
];
const QUESTIONS = [
  'What would you like to do about {t}?',
  'Which of these fits best?',
  'How can I help with {t} today?',
  'Do you want to change {t} or keep it as it is?',
  'What went wrong with {t}?',
  'Would you like me to check {t} now?',
];
const DETAILS = [
  'Could you tell me a little more about it?',
  'What should I note down for the team?',
  'Is there anything else I should know?',
  'Please describe it in a few words.',
];
const ENDINGS = [
  "That's all done. Thanks for your patience.",
  'All set. Anything else, just ask.',
  "Done. You'll get a confirmation shortly.",
  'It is sorted. Have a good day.',
];
// Texts that some rules speak about, used now and then, as real flows have a few slips.
const SLIPS = [
  'You failed to enter a valid reference, so please try again.',
  'Hey guys, your request for {t} is in the queue.',
  'Notwithstanding the aforementioned contractual stipulations, reimbursement eligibility determinations necessitate comprehensive documentation verification procedures.',
];

function pool() {
  const fill = (xs) => TOPICS.flatMap((t) => xs.map((x) => x.replace('{t}', t)));
  return {
    opener: fill(OPENERS),
    question: fill(QUESTIONS),
    detail: DETAILS,
    ending: ENDINGS,
    slip: fill(SLIPS),
  };
}

const q = (s) => JSON.stringify(s);

/** The text of one flow file. */
export function flowText(index, steps = 100) {
  const random = rng(index * 7919 + 17);
  const p = pool();
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const id = `f${String(index).padStart(4, '0')}`;
  const blocks = Math.max(1, Math.ceil(steps / 10));
  const lines = [
    '# yaml-language-server: $schema=../schemas/flow.schema.json',
    `flow: ${id}`,
    `title: Generated flow ${index}`,
    '',
    'data:',
    '  order_id:',
    '    type: text',
    '    pattern: "^[A-Z]{2}[0-9]{6}$"',
    '  email:',
    '    type: email',
    '    personal: true',
    '    purpose: to send your confirmation',
    '    retention: 30 days',
    '  eligible:',
    '    type: boolean',
    '  plan:',
    '    type: choice',
    '    values: [basic, plus, premium]',
  ];
  for (let k = 2; k < blocks; k++) lines.push(`  note_${k}:`, '    type: text');
  lines.push(
    '',
    'intents:',
    '  damaged:',
    '    examples: [it arrived broken, the item is damaged, the box was crushed]',
    '  late:',
    '    examples: [it never arrived, my order is late, still waiting for my parcel]',
    '',
    'handlers:',
    '  - sentiment: very_negative',
    '    goto: b0_sorry',
    '',
    'steps:',
  );
  let written = 0;
  const step = (name, body) => {
    if (written >= steps) return;
    written++;
    lines.push(`  ${name}:`, ...body.map((l) => `    ${l}`));
  };
  for (let k = 0; k < blocks; k++) {
    const b = `b${k}_`;
    const nextBlock = k + 1 < blocks ? `b${k + 1}_intro` : undefined;
    const collect = k === 0 ? 'order_id' : k === 1 ? 'email' : `note_${k}`;
    const slip = k > 1 && random() < 0.08 ? pick(p.slip) : undefined;
    const intro =
      k === 0
        ? "Hi, I'm Ava, Acme's virtual assistant. You can ask for a person at any time."
        : k === 1
          ? "I'll need your email to send the confirmation. We use it only for this and delete it after 30 days."
          : (slip ?? pick(p.opener));
    // The legal wording is kept on purpose, half the time with a comment that says so.
    const keep =
      slip?.startsWith('Notwithstanding') && random() < 0.5
        ? ['# tact-disable-next-line readability -- legal wording']
        : [];
    step(`${b}intro`, [
      ...keep,
      `say: ${q(intro)}`,
      ...(k === 1 ? ['discloses: [email]'] : []),
      `next: ${b}menu`,
    ]);
    step(`${b}menu`, [
      `ask: ${q(pick(p.question))}`,
      'options:',
      `  - label: ${q(pick(['Change it', 'Check it', 'Fix it', 'Start again']))}`,
      '    intent: damaged',
      `    goto: ${b}a`,
      `  - label: ${q(pick(['Keep it', 'Something else', 'Not now']))}`,
      `    goto: ${b}b`,
      '  - label: Talk to a person',
      `    goto: ${b}person`,
      'routes:',
      '  - intent: late',
      `    goto: ${b}b`,
      `  - if: plan == "premium" and turn < 10`,
      `    goto: ${b}a`,
      'fallback:',
      k === 0 ? '  say: &sorry Sorry, I did not catch that. Could you say it another way?' : '  say: *sorry',
      '  max: 2',
      `  then: ${b}person`,
    ]);
    step(`${b}a`, [
      'say:',
      `  default: ${q(pick(p.opener))}`,
      `  negative: ${q(`I'm sorry. ${pick(p.opener)}`)}`,
      `next: ${b}ask`,
    ]);
    step(`${b}b`, ['say:', `  - ${q(pick(p.opener))}`, `  - ${q(pick(p.opener))}`, `next: ${b}ask`]);
    step(`${b}ask`, [
      `ask: ${q(k === 0 ? "What's your order number? It looks like AB123456." : k === 1 ? 'What email should I send it to?' : pick(p.detail))}`,
      `collect: ${collect}`,
      `next: ${b}act`,
    ]);
    step(`${b}act`, [`action: lookup_${k}`, 'sets: [eligible]', `next: ${b}decide`]);
    step(`${b}decide`, [
      'branch:',
      '  - if: eligible == true and sentiment > -0.5',
      `    goto: ${b}ok`,
      `  - else: ${b}sorry`,
    ]);
    step(
      `${b}ok`,
      nextBlock
        ? [`say: ${q(pick(p.opener))}`, `next: ${nextBlock}`]
        : [`say: ${q(pick(p.ending))}`, 'end: resolved'],
    );
    step(`${b}sorry`, [
      `say: ${q("I'm sorry, I can't do that here. Let me get you someone who can.")}`,
      'tone: empathetic',
      `next: ${b}person`,
    ]);
    step(`${b}person`, [
      `say: ${q("I'm passing you to our team now. They'll see what you've told me.")}`,
      'handoff:',
      `  queue: team_${k}`,
    ]);
  }
  return `${lines.join('\n')}\n`;
}

const CONFIG = `# yaml-language-server: $schema=../schemas/config.schema.json
name: bench
bot: {name: Ava, company: Acme}
channel: chat

intents:
  human:
    examples: [can I speak to someone, put me through to your team]

handlers:
  - intent: human
    goto: support/handoff

fallback:
  say: Sorry, I didn't catch that. Could you say it another way?
  max: 2
  then: support/handoff

sentiment: {positive: 0.25, negative: -0.25, very_negative: -0.6}

rules:
  readability: {severity: warn, max_grade: 8}
`;

const SUPPORT = `flow: support
steps:
  handoff:
    say: I'm Acme's virtual assistant, connecting you with a person now.
    handoff: {queue: general}
`;

/** Write the corpus into `dir` (replacing what is there); returns the number of steps written. */
export function writeCorpus(dir, { files = 1000, steps = 100 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'tact.config.yaml'), CONFIG);
  writeFileSync(path.join(dir, 'flows', 'support.flow.yaml'), SUPPORT);
  for (let i = 1; i <= files; i++)
    writeFileSync(path.join(dir, 'flows', `f${String(i).padStart(4, '0')}.flow.yaml`), flowText(i, steps));
  return files * steps;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, files, steps] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/corpus.js DIR [FILES] [STEPS]');
    process.exit(2);
  }
  const n = writeCorpus(path.resolve(dir), { files: Number(files ?? 1000), steps: Number(steps ?? 100) });
  console.log(`wrote ${n} steps in ${files ?? 1000} flow files under ${dir}`);
}
