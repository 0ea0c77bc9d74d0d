import path from 'node:path';
import { compile } from '../../../src/compile/index.js';
import { lint } from '../../../src/lint.js';
import { loadBot } from '../../../src/runtime/index.js';
import { scriptedEngine } from '../../../src/simulate/engines/scripted.js';
import { simulate } from '../../../src/simulate/run.js';
import { type SimReport, summarize } from '../../../src/simulate/summary.js';
import type { ConversationResult } from '../../../src/simulate/types.js';
import { REPO_ROOT } from '../schemas.js';

export const EXAMPLE = path.join(REPO_ROOT, 'flows');
export const HOSTILE = path.join(REPO_ROOT, 'fixtures', 'sim-hostile', 'flows');

/** Simulate a project in-process with the scripted player, as `tact simulate` does. */
export async function simulateProject(
  dir: string,
  options: { runs?: number; seed?: number; showPersonal?: boolean; persona?: string[] } = {},
): Promise<SimReport> {
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    const linted = compile([path.relative(REPO_ROOT, dir)], { force: true });
    const personas = linted.project.personas.filter(
      (p) => !options.persona || options.persona.includes(p.id),
    );
    const run = await simulate(loadBot(linted.bot), personas, scriptedEngine(), {
      runs: options.runs,
      seed: options.seed,
      showPersonal: options.showPersonal,
      workers: 1,
    } as Parameters<typeof simulate>[3]);
    return run.report;
  } finally {
    process.chdir(cwd);
  }
}

/**
 * A report that holds every field the schema allows: an engine error, a judge's rating with
 * reasons, a handoff with a queue, a tone mismatch, a repeated ask, an action outside the world,
 * expectations passed, failed (with a turn) and not checked, shards, and a persona with no
 * conversation. Built from a real run of the example and completed by hand, then summarised again.
 */
export async function kitchenSinkReport(): Promise<SimReport> {
  const base = await simulateProject(EXAMPLE, {
    persona: ['angry-damaged-item', 'angry-wants-person', 'calm-late-parcel'],
  });
  const conversations = structuredClone(base.conversations);
  const damaged = conversations.find((c) => c.persona === 'angry-damaged-item')!;
  const wants = conversations.find((c) => c.persona === 'angry-wants-person')!;

  damaged.judge = { score: 2, reasons: ['It thanked an angry customer cheerfully.', 'No apology.'] };
  damaged.expectations.push({
    name: 'min_empathy',
    expected: 'empathy at least 3 of 5',
    actual: '2 of 5',
    passed: false,
    message: 'expected empathy at least 3, the judge gave 2: It thanked an angry customer cheerfully.',
  });
  damaged.passed = false;
  const ask = damaged.transcript.find((l) => l.from === 'bot' && l.step === 'retail/ask_email')!;
  ask.repeatedAsk = true;
  damaged.repeatedAsks.push({ turn: ask.turn, step: ask.step, data: 'retail/email' });
  const after = damaged.transcript.find((l) => l.from === 'customer' && l.sentiment)!;
  const upbeat = damaged.transcript.find(
    (l, i) => l.from === 'bot' && i > damaged.transcript.indexOf(after),
  )!;
  upbeat.toneMismatch = true;
  upbeat.tone = 'upbeat';
  damaged.toneMismatches.push({
    turn: upbeat.turn,
    step: upbeat.step,
    text: upbeat.text,
    after: { text: after.text, label: after.sentiment!.label },
    evidence: ['great'],
  });
  const last = damaged.transcript[damaged.transcript.length - 1];
  damaged.transcript.push({
    from: 'bot',
    text: '',
    step: last.step,
    turn: last.turn,
    action: { name: 'send_survey', result: {}, inWorld: false },
  });

  const error: ConversationResult = {
    ...structuredClone(wants),
    id: 'angry-wants-person#2',
    run: 2,
    seed: 1,
    outcome: 'error',
    endReason: 'error',
    error: 'the model answered with malformed JSON twice',
    turns: 1,
    transcript: wants.transcript.filter((l) => l.turn <= 1),
    judge: undefined,
    passed: false,
    expectations: [
      {
        name: 'outcome',
        expected: 'handoff',
        actual: 'error',
        passed: false,
        turn: 1,
        message: 'expected outcome handoff, got error: the model answered with malformed JSON twice',
      },
      {
        name: 'min_empathy',
        expected: 'empathy at least 3 of 5',
        actual: 'no rating',
        passed: null,
        message: 'not checked: the judge gave no rating (the model did not answer)',
      },
    ],
  };
  delete error.judge;
  delete error.handoff;
  delete error.handoffAt;
  delete error.botTurnsToHuman;
  conversations.push(error);

  return summarize({
    bot: base.bot,
    engine: { name: 'ollama', model: 'llama3.2:3b', judge: 'qwen2.5:7b' },
    settings: { ...base.settings, runs: 2, judge: true, shards: [{ index: 1, total: 2 }] },
    personas: [
      ...base.personas,
      {
        id: 'sad-no-rooms',
        mood: 'sad',
        file: 'flows/personas/sad-no-rooms.persona.yaml',
        goal: 'Move my booking.',
        traits: [],
      },
    ],
    conversations,
  });
}

/**
 * What a persona, a model or a flow could write to break a report: markup and a script that would
 * set a global and the title, the ends of CDATA and comments, a Markdown link, image, autolink and
 * HTML, backticks and fences, table pipes, entities, control characters, a bidirectional override,
 * a non-character and a lone surrogate.
 */
export const PAYLOAD =
  "<script>window.__pwned=1;document.title='pwned'</script>]]>--><!-- -- [x](javascript:alert(1)) ![i](http://127.0.0.1:9/i.png) <http://127.0.0.1:9/a> www.example.com <img src=x onerror=alert(1)> ``` ~~~ `tick` | pipe | &amp; &lt; \"quote\" 'apos' \u0000\u0007\u001b[31m\u007f\u0085\u202eRTL\u202c\ufffe\ud800 # *em* _em_";

/** Characters that must never reach any report file raw. */
export const RAW_CONTROLS =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields the schema gives a fixed set of values: the formatters may branch on them. */
const ENUMS = new Set(['format', 'from', 'mood', 'outcome', 'endReason', 'label', 'tone']);

/**
 * A copy of `report` with the payload added to every string in it. `typed` (the default) leaves
 * the fields the schema gives a fixed set of values (outcome, mood, sentiment label, an
 * expectation's or the engine's name…), so the report keeps its shape and only its text turns
 * hostile; `typed: false` spares nothing, as a hand-edited report.json could.
 */
export function hostile(report: SimReport, options: { typed?: boolean; payload?: string } = {}): SimReport {
  const typed = options.typed !== false;
  const payload = options.payload ?? PAYLOAD;
  const walk = (v: unknown, key = '', parent?: object): unknown => {
    if (typeof v === 'string') {
      const fixed =
        ENUMS.has(key) ||
        (key === 'name' && parent !== undefined && ('expected' in parent || parent === report.engine)) ||
        (key === 'name' && v === 'none'); // the intent matcher's "no match"
      return typed && fixed ? v : `${v}${payload}`;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key, parent));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k, v)]));
    return v;
  };
  return walk(report) as SimReport;
}

/** Every value a persona of the project knows for data the flows mark personal. */
export function knownPersonalValues(dir: string): string[] {
  const { project } = lint([path.relative(process.cwd(), dir) || '.'], {});
  const personal = new Set<string>();
  for (const flow of project.flows.values())
    for (const [name, def] of flow.data) if (def.personal) personal.add(name).add(`${flow.id}/${name}`);
  const values = new Set<string>();
  for (const p of project.personas)
    for (const [key, { value }] of p.knows) if (personal.has(key)) values.add(String(value));
  return [...values];
}
