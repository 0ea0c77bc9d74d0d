// Start-up: `tact --version` and `tact lint` of one small flow, each against `node -e 0`, in turn
// (A B A B ...) with the ratio taken pair by pair, medians. bin/tact.js keeps V8's code cache of
// each command (written after its first run, in the temp folder): the warm-up runs write it, as a
// user's first run does, and the figures with a target are of the runs after. The same lint with
// no cache (NODE_DISABLE_COMPILE_CACHE=1: every run as a first run) is shown beside them.
//
//   npm run build && node bench/startup.js
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCorpus } from './corpus.js';
import { row, runPaired } from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin/tact.js');

/** The rows of the start-up section. */
export async function benchStartup({ work = path.join(root, 'bench/.work'), runs = 15 } = {}) {
  const small = path.join(work, 'small-flow');
  writeCorpus(small, { files: 1, steps: 10 });
  const node = ['node', '-e', '0'];
  const lintSmall = ['node', BIN, 'lint', path.join(small, 'flows/f0001.flow.yaml')];
  const version = await runPaired(['node', BIN, '--version'], node, { runs });
  const lint = await runPaired(lintSmall, node, { runs });
  const cold = await runPaired(lintSmall, node, { runs, env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
  const ms = (s) => Math.round(s * 1000);
  /** A command's time, and its ratio to `node -e 0` with the target (none: shown without). */
  const rows = (what, r, target, limit) => [
    row(what, ms(r.a), 'ms', '', undefined),
    row(
      `${what} / node -e 0`,
      Number(r.ratio.toFixed(2)),
      '×',
      target,
      limit ? r.ratio <= limit : undefined,
      {
        spread: r.spread,
      },
    ),
  ];
  return [
    row('node -e 0 (the yardstick)', ms(version.b), 'ms', '', undefined),
    ...rows('tact --version', version, '≤ 2', 2),
    ...rows('tact lint of one small flow (10 steps)', lint, '≤ 3', 3),
    ...rows('tact lint of one small flow, no code cache (a first run)', cold, '', undefined),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  for (const r of await benchStartup()) console.log(`${r.figure}: ${r.value} ${r.unit}`);
