// Lint and compile timings on the example project (medians of repeated runs, in process).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../dist/lint.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median time to lint the example project, after one warm-up run. */
export async function benchLint({ runs = 15 } = {}) {
  const flows = path.join(ROOT, 'flows');
  lint([flows], { cwd: ROOT });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    lint([flows], { cwd: ROOT });
    times.push(performance.now() - t);
  }
  const text = [
    'lint (example project, in process)',
    `  runs ${runs}, median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms`,
  ].join('\n');
  return { text, medianMs: median(times) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await benchLint()).text);

/** The rows of the in-process lint section. */
export async function benchLintRows(opts = {}) {
  const { medianMs } = await benchLint(opts);
  return [
    {
      figure: 'lint of the example project, in process (warm)',
      value: Number(medianMs.toFixed(1)),
      unit: 'ms',
      target: '',
      ok: undefined,
    },
  ];
}
