
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const req = createRequire("/work/wt/perf/bench/.work/parsers/package.json");
const tact = createRequire("/work/wt/perf/package.json");
const flows = "/work/wt/perf/bench/.work/corpus-100k/flows";
const texts = readdirSync(flows).map((f) => [f, readFileSync(flows + '/' + f, 'utf8')]);
const yaml = tact('yaml');
const sap = tact('@stoplight/yaml-ast-parser');
const { parseYamlFile, parseWithYaml } = await import("/work/wt/perf/dist/flow/yaml.js");
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
