// Lint at 1k, 10k and 100k steps (generated corpora, bench/corpus.js), measured from outside the
// process; Spectral 6 on the same files in the same run, validating each flow against the project's
// own flow schema through its `schema` function; the ratio; the warm `--cache` run.
//
// Spectral is installed for the bench only, into bench/.work/spectral (git-ignored), from the npm
// registry, the first time the bench runs; nothing of it is in package.json.
//
//   npm run build && node bench/scale.js
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCorpus } from './corpus.js';
import { median, row, runMedian, runOnce } from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORK = path.join(root, 'bench/.work');
const BIN = path.join(root, 'bin/tact.js');
const SPECTRAL_VERSION = '6';

// How many runs of each command: tact's wall time is a median (of 5, 3 and 3: the 100k figure and
// the ratios are what the targets are about); Spectral, the slowest command of the bench by far, is
// run once per size (its figure only sets the scale of the ratio; under a load of 10 or more one
// 100k run took four minutes).
const SIZES = [
  { name: '1k', files: 10, runs: 5, peerRuns: 1 },
  { name: '10k', files: 100, runs: 3, peerRuns: 1 },
  { name: '100k', files: 1000, runs: 3, peerRuns: 1 },
];
/** Warm `--cache` runs at 100k (after the one cold run that fills the cache, which is measured too). */
const WARM_RUNS = 3;

/** The corpus of a size, written once (the same bytes every time: the generator is seeded). */
function corpus(size) {
  const dir = path.join(WORK, `corpus-${size.name}`);
  const stamp = path.join(dir, '.complete');
  if (!existsSync(stamp)) {
    writeCorpus(dir, { files: size.files, steps: 100 });
    writeFileSync(stamp, '');
  }
  return dir;
}

/** Spectral CLI 6 and a ruleset with the flow schema, installed under bench/.work/spectral. */
function spectral() {
  const dir = path.join(WORK, 'spectral');
  const bin = path.join(dir, 'node_modules/@stoplight/spectral-cli/dist/index.js');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"private": true}\n');
    const r = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        `@stoplight/spectral-cli@${SPECTRAL_VERSION}`,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('could not install @stoplight/spectral-cli for the bench');
  }
  const schema = readFileSync(path.join(root, 'schemas/flow.schema.json'), 'utf8');
  const ruleset = path.join(dir, 'flow-schema.ruleset.mjs');
  writeFileSync(
    ruleset,
    `// Written by bench/scale.js: every flow file against tact's flow schema, with Spectral's schema function.
import { schema } from '@stoplight/spectral-functions';
export default {
  rules: {
    'flow-schema': {
      given: '$',
      severity: 'error',
      then: { function: schema, functionOptions: { schema: ${schema.trim()} } },
    },
  },
};
`,
  );
  const version = JSON.parse(
    readFileSync(path.join(dir, 'node_modules/@stoplight/spectral-cli/package.json'), 'utf8'),
  ).version;
  return { bin, ruleset, version };
}

const mib = (bytes) => Math.round(bytes / 2 ** 20);
const secs = (s) => Number(s.toFixed(s < 10 ? 2 : 1));

/** The rows of the scale section. */
export async function benchScale({ log = () => {} } = {}) {
  mkdirSync(WORK, { recursive: true });
  const rows = [];
  const tact = {};
  const peer = {};
  const sp = spectral();
  for (const size of SIZES) {
    const dir = corpus(size);
    log(`lint ${size.name}`);
    const out = path.join(WORK, `lint-${size.name}.json`);
    // No warm-up run: the corpus was just written (or read by the run before), so it is in the page cache.
    tact[size.name] = await runMedian('node', [BIN, 'lint', dir, '--format', 'json', '-o', out], {
      runs: size.runs,
      warmup: 0,
    });
    log(`spectral ${size.name}`);
    peer[size.name] = await runMedian(
      'node',
      [
        sp.bin,
        'lint',
        '--ruleset',
        sp.ruleset,
        '--format',
        'json',
        '--output',
        path.join(WORK, `spectral-${size.name}.json`),
        '--quiet',
        path.join(dir, 'flows/*.flow.yaml'),
      ],
      { runs: size.peerRuns, warmup: 0, ok: [0, 1] },
    );
  }
  for (const size of SIZES) {
    const t = tact[size.name];
    rows.push(
      row(
        `lint ${size.name} steps (${size.files} files), wall`,
        secs(t.wall),
        's',
        size.name === '100k' ? '≤ 0.2 × Spectral' : '',
        undefined,
        { runs: t.runs },
      ),
      row(
        `lint ${size.name} steps, peak RSS`,
        mib(t.peak),
        'MiB',
        size.name === '100k' ? '≤ 400' : '',
        size.name === '100k' ? mib(t.peak) <= 400 : undefined,
        { runs: t.runs },
      ),
    );
  }
  const growth = tact['100k'].wall / tact['10k'].wall;
  rows.push(row('lint time(100k) / time(10k)', Number(growth.toFixed(2)), '×', '≤ 11', growth <= 11));
  for (const size of SIZES) {
    const p = peer[size.name];
    rows.push(
      row(
        `Spectral ${sp.version} ${size.name} steps, flow schema only, wall`,
        secs(p.wall),
        's',
        '',
        undefined,
        { runs: p.runs },
      ),
      row(`Spectral ${sp.version} ${size.name} steps, peak RSS`, mib(p.peak), 'MiB', '', undefined, {
        runs: p.runs,
      }),
    );
  }
  for (const size of SIZES) {
    const ratio = tact[size.name].wall / peer[size.name].wall;
    rows.push(
      row(`tact / Spectral, ${size.name} steps`, Number(ratio.toFixed(3)), '×', '≤ 0.2', ratio <= 0.2),
    );
  }
  // The 100k lint row's ok is the ratio's.
  rows.find((r) => r.figure.startsWith('lint 100k steps (')).ok =
    tact['100k'].wall / peer['100k'].wall <= 0.2;

  // --cache: one cold run fills the cache, then the warm runs.
  const big = corpus(SIZES[2]);
  const cacheFile = path.join(WORK, 'lint-cache.json');
  rmSync(cacheFile, { force: true });
  const args = [
    BIN,
    'lint',
    big,
    '--format',
    'json',
    '-o',
    path.join(WORK, 'lint-cached.json'),
    '--cache',
    '--cache-location',
    cacheFile,
  ];
  log('lint 100k with --cache, cold then warm');
  const cold = await runOnce('node', args);
  const warm = await runMedian('node', args, { runs: WARM_RUNS, warmup: 0 });
  const cold100k = tact['100k'];
  rows.push(
    row('lint 100k steps with --cache, cold (fills the cache), wall', secs(cold.wall), 's', '', undefined, {
      runs: 1,
    }),
    row('lint 100k steps with --cache, warm (nothing changed), wall', secs(warm.wall), 's', '', undefined, {
      runs: warm.runs,
    }),
    row(
      'lint 100k steps, warm --cache / no cache',
      Number((warm.wall / cold100k.wall).toFixed(2)),
      '×',
      '< 1',
      warm.wall < cold100k.wall,
    ),
    row(
      'lint 100k steps with --cache, warm, peak RSS',
      mib(warm.peak),
      'MiB',
      `≤ no cache (${mib(cold100k.peak)})`,
      warm.peak <= cold100k.peak,
      { runs: warm.runs },
    ),
  );
  return rows;
}

export { median };

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  for (const r of await benchScale({ log: (s) => process.stderr.write(`${s}\n`) }))
    console.log(
      `${r.ok === false ? '✗' : r.ok ? '✓' : ' '} ${r.figure}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`,
    );
