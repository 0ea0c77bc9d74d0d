#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
// `npm run bench`: every speed figure in one table, with its target, medians of several runs, and
// bench/results.json. Not a test: machines are noisy (see bench/README.md).
//
// Each section is a module whose function returns rows {figure, value, unit, target, ok}; to add
// a section, add it to SECTIONS.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLintRows } from './lint.js';
import { PEAK_METHOD } from './measure.js';
import { benchNluRows } from './nlu.js';
import { benchRuntimeRows } from './runtime.js';
import { benchScale } from './scale.js';
import { benchSimulate } from './simulate.js';
import { benchStartup } from './startup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (s) => process.stderr.write(`bench: ${s}\n`);

const SECTIONS = [
  ['start-up', benchStartup],
  ['lint at scale', benchScale],
  ['lint in process', benchLintRows],
  ['runtime', benchRuntimeRows],
  ['intent matcher', benchNluRows],
  ['simulation', benchSimulate],
];

const only = process.argv.slice(2);
const started = Date.now();
const load = [loadavg()[0]];
const sections = [];
for (const [name, run] of SECTIONS) {
  if (only.length > 0 && !only.includes(name)) continue;
  log(`${name}...`);
  const t = Date.now();
  let rows;
  try {
    rows = await run({ log });
  } catch (err) {
    rows = [
      { figure: name, value: 'failed', unit: '', target: '', ok: false, note: String(err?.message ?? err) },
    ];
  }
  load.push(loadavg()[0]);
  sections.push({ name, seconds: Math.round((Date.now() - t) / 1000), rows });
}

const fmt = (v) => (typeof v === 'number' ? String(v) : v);
// A figure taken from several runs says how many (its median); one run says so too.
const shown = (r) =>
  `${fmt(r.value)} ${r.unit}${r.runs === undefined ? '' : r.runs === 1 ? ' (1 run)' : ` (median of ${r.runs})`}`;
const lines = [];
const w = {
  figure: Math.max(...sections.flatMap((s) => s.rows.map((r) => r.figure.length))),
  value: Math.max(...sections.flatMap((s) => s.rows.map((r) => shown(r).length))),
};
for (const s of sections) {
  lines.push(`${s.name} (${s.seconds} s)`);
  for (const r of s.rows) {
    const mark = r.ok === true ? '✓' : r.ok === false ? '✗' : ' ';
    const value = shown(r).padEnd(w.value);
    lines.push(
      `  ${mark} ${r.figure.padEnd(w.figure)}  ${value}  ${r.target ? `target ${r.target}` : ''}`.trimEnd(),
    );
  }
}
const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverage: load.map((x) => Number(x.toFixed(2))),
  peakMemory: PEAK_METHOD,
};
lines.push(
  '',
  `${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}; load average ${machine.loadAverage.join(' → ')}; peak memory by ${machine.peakMemory}; ${Math.round((Date.now() - started) / 1000)} s in all`,
);
console.log(lines.join('\n'));
writeFileSync(
  path.join(root, 'bench/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, seconds: Math.round((Date.now() - started) / 1000), sections }, null, 2)}\n`,
);
log('wrote bench/results.json');
