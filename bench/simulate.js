// Simulation figures for `npm run bench`:
// - scripted throughput: conversations a second of the built-in player on a bot whose conversations
//   take ten customer turns (bench/fixtures/ten-turn), over every core, median of several runs;
// - mood fidelity: how the scripted player's lines read to the shared analyzer, per mood (angry and
//   frustrated lines should read negative, calm and happy ones not);
// - the simulator's own CPU per model turn with --engine ollama, against an instant stub
//   (bench/simulate-ollama.js).
//
//   npm run build && node bench/simulate.js
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchSimulateOllama } from './simulate-ollama.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Conversations a second of the scripted player, all cores, on the ten-turn bot. */
export async function benchThroughput({ conversations = 4000, repeats = 3 } = {}) {
  const { compile } = await dist('index.js');
  const { loadBot } = await dist('runtime/index.js');
  const { simulate } = await dist('simulate/run.js');
  const { scriptedEngine } = await dist('simulate/engines/scripted.js');
  const { bot, project } = compile([join(root, 'bench/fixtures/ten-turn')], { cwd: root });
  const personas = project.personas;
  const runs = Math.ceil(conversations / personas.length);
  const workers = availableParallelism();
  const rates = [];
  let turns = 0;
  let total = 0;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    const { report } = await simulate(loadBot(bot), personas, scriptedEngine(), {
      runs,
      workers,
      seed: r * runs,
    });
    const s = (performance.now() - t) / 1000;
    total = report.summary.conversations;
    turns = report.conversations.reduce((n, c) => n + c.turns, 0) / total;
    rates.push(total / s);
  }
  return { rate: median(rates), turns, total, workers };
}

/**
 * What the customer means, said bare. Only content that reads neutral on its own is used, so what
 * is measured is the mood the player adds, not the content ("I lost my card" reads negative from
 * anyone).
 */
const CONTENT = {
  goal: [
    'I want to return something',
    'change my booking',
    'move my hotel stay',
    'change my phone plan',
    'open a new account',
    'book a table for two',
  ],
  value: ['AB123456', '42.50', 'K7Q2ZD', 'Plus', '2027-03-14'],
  person: ['talk to a human', 'I want a real person', 'speak to a representative'],
};
const TRAITS = [[], ['terse'], ['verbose'], ['typos'], ['non-native'], ['elderly'], ['terse', 'typos']];

/** How the scripted player's lines read to the shared analyzer, per mood. */
export async function benchMoodFidelity({ perMood = 420 } = {}) {
  const { phrase } = await dist('simulate/engines/phrasing.js');
  const { Rng } = await dist('simulate/engines/rng.js');
  const { analyzeSentiment } = await dist('analysis/sentiment.js');
  const { MOODS } = await dist('flow/types.js');
  const out = {};
  for (const list of Object.values(CONTENT))
    for (const text of list)
      if (analyzeSentiment(text).label !== 'neutral')
        throw new Error(`bench content is not neutral: ${text}`);
  for (const mood of MOODS) {
    const rng = new Rng(7);
    let negative = 0;
    let positive = 0;
    for (let i = 0; i < perMood; i++) {
      const kind = ['goal', 'value', 'person'][i % 3];
      const text = CONTENT[kind][i % CONTENT[kind].length];
      const traits = TRAITS[i % TRAITS.length];
      const line = phrase({ mood, traits, rng, content: [{ text, keep: kind === 'value' }] });
      const label = analyzeSentiment(line).label;
      if (label === 'negative' || label === 'very_negative') negative++;
      else if (process.env.SHOW_MOOD === mood) console.log(`  ${label}: ${line}`);
      if (label === 'positive') positive++;
    }
    out[mood] = { negative: negative / perMood, positive: positive / perMood, lines: perMood };
  }
  return out;
}

/** The rows of the bench table, with targets. */
export async function benchSimulate() {
  const t = await benchThroughput();
  const tenTurn = (t.rate * t.turns) / 10;
  const moods = await benchMoodFidelity();
  const rows = [
    {
      figure: `scripted throughput (ten-turn bot, ${t.workers} workers, ${t.total} conversations of ${t.turns.toFixed(1)} turns)`,
      value: Math.round(tenTurn),
      unit: 'ten-turn conversations/s',
      target: '≥ 1000',
      ok: tenTurn >= 1000,
    },
  ];
  const want = {
    angry: ['negative', 0.9],
    frustrated: ['negative', 0.9],
    calm: ['not negative', 0.95],
    happy: ['not negative', 0.95],
  };
  for (const [mood, m] of Object.entries(moods)) {
    const w = want[mood];
    const share = w?.[0] === 'not negative' ? 1 - m.negative : m.negative;
    rows.push({
      figure: `mood fidelity: ${mood} lines that read ${w?.[0] ?? 'negative'} (${m.lines} lines)`,
      value: Math.round(share * 1000) / 1000,
      unit: 'share',
      // The moods with no target (confused, anxious, impatient, sad) are shown for what they are.
      target: w ? `≥ ${w[1]}` : '',
      ok: w ? share >= w[1] : undefined,
    });
  }
  rows.push(...(await benchSimulateOllama()).rows);
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchSimulate())
    console.log(
      `${r.ok === undefined ? ' ' : r.ok ? '✓' : '✗'} ${r.figure}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`,
    );
}
