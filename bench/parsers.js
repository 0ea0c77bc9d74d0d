#!/usr/bin/env node
// The parser floor: each YAML parser candidate over the 100k-step corpus (1,000 files), in its own
// process, median of 3 runs after a warm-up. Candidates that are not dependencies of tact are
// installed for this script only, under bench/.work/parsers (git-ignored). Not part of
// `npm run bench`; the figures are in bench/README.md.
//
//   npm run build && node bench/parsers.js
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'bench/.work');
const dir = path.join(work, 'parsers');
const corpus = path.join(work, 'corpus-100k');
if (!existsSync(path.join(corpus, '.complete'))) {
  writeCorpus(corpus, { files: 1000, steps: 100 });
  writeFileSync(path.join(corpus, '.complete'), '');
}
if (!existsSync(path.join(dir, 'node_modules/js-yaml5'))) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private": true}\n');
  const r = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      'js-yaml@4',
      'js-yaml5@npm:js-yaml@5',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(2);
}

const runner = `
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const req = createRequire(${JSON.stringify(`${dir}/package.json`)});
const tact = createRequire(${JSON.stringify(`${root}/package.json`)});
const flows = ${JSON.stringify(path.join(corpus, 'flows'))};
const texts = readdirSync(flows).map((f) => [f, readFileSync(flows + '/' + f, 'utf8')]);
const yaml = tact('yaml');
const sap = tact('@stoplight/yaml-ast-parser');
const { parseYamlFile, parseWithYaml } = await import(${JSON.stringify(`${root}/dist/flow/yaml.js`)});
const c = {
  'yaml parseDocument + toJS (tact before)': ([, t]) => yaml.parseDocument(t, { lineCounter: new yaml.LineCounter(), uniqueKeys: false, strict: true }).toJS({ maxAliasCount: 100 }),
  'yaml parseDocument (no toJS)': ([, t]) => yaml.parseDocument(t, { uniqueKeys: false, strict: true }),
  'yaml Parser (CST only)': ([, t]) => { for (const _ of new yaml.Parser().parse(t)); },
  'yaml Lexer (tokens only)': ([, t]) => { for (const _ of new yaml.Lexer().lex(t)); },
  'js-yaml 4 load (no positions)': ([, t]) => req('js-yaml').load(t),
  'js-yaml 4 load + listener (offsets of each node)': ([, t]) => { let n = 0; req('js-yaml').load(t, { listener: (e, s) => { n += s.position; } }); },
  'js-yaml 5 load': ([, t]) => req('js-yaml5').load(t),
  'js-yaml 5 parseEvents (offsets)': ([, t]) => req('js-yaml5').parseEvents(t, {}),
  '@stoplight/yaml-ast-parser load (AST with offsets)': ([, t]) => sap.load(t, { ignoreDuplicateKeys: true }),
  'tact yaml path (yaml: data, positions, problems)': ([f, t]) => parseWithYaml(f, t).posAt(['steps', 'b5_menu']),
  'tact fast path (stoplight: data, positions, problems)': ([f, t]) => parseYamlFile(f, t).posAt(['steps', 'b5_menu']),
}[process.argv[2]];
const times = [];
for (let r = 0; r < 4; r++) { const s = performance.now(); for (const x of texts) c(x); times.push(performance.now() - s); }
const m = times.slice(1).sort((a, b) => a - b)[1];
console.log(JSON.stringify({ median: m / 1000, runs: times.slice(1).map((x) => x / 1000) }));
`;
writeFileSync(path.join(dir, 'run.mjs'), runner);
const names = [
  'yaml parseDocument + toJS (tact before)',
  'yaml parseDocument (no toJS)',
  'yaml Parser (CST only)',
  'yaml Lexer (tokens only)',
  'js-yaml 4 load (no positions)',
  'js-yaml 4 load + listener (offsets of each node)',
  'js-yaml 5 load',
  'js-yaml 5 parseEvents (offsets)',
  '@stoplight/yaml-ast-parser load (AST with offsets)',
  'tact yaml path (yaml: data, positions, problems)',
  'tact fast path (stoplight: data, positions, problems)',
];
console.log('| parser (100k steps, 1,000 files) | median s | runs |\n|---|---|---|');
for (const name of names) {
  const r = spawnSync('node', [path.join(dir, 'run.mjs'), name], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`| ${name} | failed | ${r.stderr.split('\n')[0]} |`);
    continue;
  }
  const { median, runs } = JSON.parse(r.stdout);
  console.log(`| ${name} | ${median.toFixed(2)} | ${runs.map((x) => x.toFixed(2)).join(', ')} |`);
}
