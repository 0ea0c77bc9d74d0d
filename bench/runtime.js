// Time per customer reply through the whole runtime (sanitise, sentiment, intent among 77, routing,
// messages) on a 77-intent bot built from Banking77's first 10 examples per intent; side by side
// with matchIntent alone, so the cost of the rest of a turn shows.
//
//   npm run build && node bench/runtime.js    (TACT_DATA_DIR overrides the data folder)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataDir as sharedDataDir } from '../scripts/data-dir.js';
import { fewShot, parseCsv } from '../scripts/eval-intents.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const percentile99 = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))];
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A bot of one question whose routes cover every intent, each answered and asked again. */
function botFor(intents, buildNlu) {
  const ids = Object.keys(intents).map((name) => `bank/${name.replace(/[^a-z0-9_-]/g, '_')}`);
  const steps = {
    'bank/ask': {
      kind: 'ask',
      ask: ['How can I help?'],
      routes: ids.map((id) => ({ when: { intent: id }, goto: 'bank/answer' })),
      fallback: { say: ['Sorry, could you say that another way?'], max: 1000 },
      handlers: 'bank',
    },
    'bank/answer': { kind: 'message', say: ['Here is what I found.'], next: 'bank/ask' },
  };
  const botIntents = Object.fromEntries(ids.map((id, i) => [id, Object.values(intents)[i]]));
  return {
    format: 'tact-bot',
    version: 1,
    name: 'bench',
    hash: 'sha256-bench',
    entry: 'bank/ask',
    channel: 'chat',
    bot: {},
    sentiment: { positive: 0.25, negative: -0.25, very_negative: -0.6 },
    intents: botIntents,
    data: {},
    steps,
    handlers: { bank: [], '*': [] },
    nlu: buildNlu(botIntents),
    source: {},
  };
}

/** Median time per reply of a whole runtime turn and of matchIntent alone. */
export async function benchRuntime({ dataDir, replies = 5000, warmup = 2000 } = {}) {
  const dir = resolve(dataDir ?? sharedDataDir());
  const file = join(dir, 'intents/banking77-train.csv');
  if (!existsSync(file)) return { text: `skip runtime bench: ${file} not found` };
  const { matchIntent } = await import(pathToFileURL(join(root, 'dist/runtime/nlu.js')).href);
  const { buildNlu } = await import(pathToFileURL(join(root, 'dist/compile/nlu-train.js')).href);
  const { botHash, loadBot } = await import(pathToFileURL(join(root, 'dist/runtime/index.js')).href);
  const rows = parseCsv(readFileSync(file, 'utf8')).map((r) => [r.text, r.category]);
  const { intents, rest } = fewShot(rows);
  const json = JSON.parse(JSON.stringify(botFor(intents, buildNlu)));
  // The hash of its content, as `tact compile` writes it: loadBot refuses a bot edited after compile.
  json.hash = botHash(json);
  const bot = loadBot(json);
  // Conversations of 10 replies each, as customers have them (state grows with the transcript).
  let session;
  const texts = rest.slice(0, replies).map(([text]) => text);
  // Warm up on other replies (the runtime remembers readings of replies it has seen, so these must
  // not be the measured ones): p99 is of a running bot, not of V8 compiling its first calls. The
  // first 1,000 of the warm-up are timed too, and shown beside it, with no target.
  const warm = rest.slice(replies, replies + warmup).map(([text]) => text);
  const timeReplies = async (list) => {
    const times = [];
    for (const [i, text] of list.entries()) {
      if (i % 10 === 0) {
        session = bot.session();
        await session.start();
      }
      const t = performance.now();
      await session.reply(text);
      times.push(performance.now() - t);
    }
    return times;
  };
  const cold = await timeReplies(warm);
  const turn = await timeReplies(texts);
  const match = [];
  for (const text of texts) {
    const t = performance.now();
    matchIntent(bot.file.nlu, text);
    match.push(performance.now() - t);
  }
  const p99 = percentile99(turn);
  const coldP99 = percentile99(cold.slice(0, 1000));
  const text = [
    `runtime bench: ${Object.keys(intents).length}-intent bot, ${texts.length} replies after ${warm.length} of warm-up (median per reply, conversations of 10 replies)`,
    `  whole turn (session.reply)  ${median(turn).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`,
    `  first 1,000 replies of a new process: p99 ${coldP99.toFixed(3)} ms`,
    `  matchIntent alone           ${median(match).toFixed(3)} ms`,
  ].join('\n');
  return {
    text,
    turnMs: median(turn),
    p99Ms: p99,
    coldP99Ms: coldP99,
    warmup: warm.length,
    matchMs: median(match),
    intents: Object.keys(intents).length,
    replies: texts.length,
  };
}

/** The rows of the runtime section (skipped without the shared data). */
/**
 * The shared analyzer scores every customer message at run time: the median of 15 timings of
 * 1,000 calls on a long complaint, per call.
 */
export async function benchSentiment() {
  const { analyzeSentiment } = await import(
    pathToFileURL(join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist/analysis/sentiment.js'))
      .href
  );
  const text = 'I have been on hold for 2 hours and still nobody has fixed my refund, this is ridiculous!!';
  analyzeSentiment(text);
  const times = [];
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    for (let i = 0; i < 1000; i++) analyzeSentiment(text);
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[7];
}

export async function benchRuntimeRows(opts = {}) {
  const ms = (x) => Number(x.toFixed(3));
  const sentiment = await benchSentiment();
  const sentimentRow = {
    figure: 'analyzeSentiment of one customer message, median',
    value: ms(sentiment),
    unit: 'ms',
    target: '< 1',
    ok: sentiment < 1,
  };
  const r = await benchRuntime(opts);
  if (r.turnMs === undefined)
    return [
      { figure: 'runtime reply', value: 'skipped', unit: '', target: '', ok: undefined, note: r.text },
      sentimentRow,
    ];
  const what = `${r.intents}-intent bot, ${r.replies} replies after ${r.warmup}`;
  return [
    { figure: `runtime reply p50 (${what})`, value: ms(r.turnMs), unit: 'ms', target: '', ok: undefined },
    {
      figure: `runtime reply p99 (${what})`,
      value: ms(r.p99Ms),
      unit: 'ms',
      target: '≤ 1',
      ok: r.p99Ms <= 1,
    },
    {
      figure: 'runtime reply p99, first 1,000 replies of a new process (V8 still compiling)',
      value: ms(r.coldP99Ms),
      unit: 'ms',
      target: '',
      ok: undefined,
    },
    { figure: 'matchIntent alone, p50', value: ms(r.matchMs), unit: 'ms', target: '', ok: undefined },
    sentimentRow,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.log((await benchRuntime()).text);
