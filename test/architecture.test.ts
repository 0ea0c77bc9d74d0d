// The import table of docs/architecture.md against the code: each row's imports are what its files
// import (no more, no fewer), and a row imports only rows above it (lower layers): nothing imports
// upward (STYLE.md). The imports are read by TypeScript's own pre-processor, dynamic imports too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(REPO, 'src');

/** One row of the table: the paths it holds (relative to src/, a folder ends in `/`) and what it imports. */
interface Row {
  holds: string[];
  imports: string[];
  /** The imports cell says `everything` (below it). */
  everything: boolean;
}

/** The rows of the import table, top (lowest layer) first. */
export function parseTable(markdown: string): Row[] {
  const rows: Row[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 4 || !cells[1].startsWith('`src/')) continue;
    const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({
      holds: ticked(cells[1]).map((p) => p.replace(/^src\//, '')),
      imports: ticked(cells[3]).filter((p) => /^[a-z][\w./-]*$/.test(p)),
      everything: cells[3] === 'everything below',
    });
  }
  return rows;
}

/** Every file under src/ (relative, forward slashes) with the project files it imports. */
export function importGraph(): Map<string, Set<string>> {
  const files = (readdirSync(SRC, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const out = new Set<string>();
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(SRC, file), 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
      const ts_ = target.replace(/\.js$/, '.ts');
      const resolved = [ts_, `${ts_}x`].find((c) => known.has(c));
      if (resolved) out.add(resolved);
    }
    graph.set(file, out);
  }
  return graph;
}

/** The entry of `entries` (a file, or a folder ending in `/`) that covers `file` most closely. */
function closest(file: string, entries: string[]): string | undefined {
  let best: string | undefined;
  for (const e of entries) {
    const covers = e.endsWith('/') ? file.startsWith(e) : file === e;
    if (covers && (best === undefined || e.length > best.length)) best = e;
  }
  return best;
}

const name = (row: Row) => row.holds.map((h) => `src/${h}`).join(', ');

/** An import entry of the table (`flow`, `runtime/routing.ts`) as a path: a bare name is a folder. */
const asPath = (entry: string) => (/\.tsx?$/.test(entry) ? entry : `${entry.replace(/\/$/, '')}/`);

/** What is wrong between a table and a graph: one line a problem, none when they agree. */
export function checkLayers(rows: Row[], graph: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  const allHolds = rows.flatMap((r) => r.holds);
  const rowOf = (file: string) => {
    const at = closest(file, allHolds);
    return at === undefined ? -1 : rows.findIndex((r) => r.holds.includes(at));
  };
  for (const file of graph.keys())
    if (rowOf(file) < 0) problems.push(`src/${file} is in no row of the table: add it to one`);
  rows.forEach((row, i) => {
    // `everything` (the command line and the public API): any row below, none listed one by one.
    const everything = row.imports.length === 0 && row.everything;
    const listed = row.imports.map(asPath);
    const used = new Set<string>();
    for (const [file, targets] of graph) {
      if (rowOf(file) !== i) continue;
      for (const target of targets) {
        const j = rowOf(target);
        if (j === i || j < 0) continue;
        if (j > i)
          problems.push(
            `src/${file} imports src/${target}, a layer above it (row ${name(rows[j])}): nothing imports upward`,
          );
        if (everything) continue;
        const entry = closest(target, listed);
        if (entry === undefined)
          problems.push(`src/${file} imports src/${target}, which its row (${name(row)}) does not list`);
        else used.add(entry);
      }
    }
    for (const entry of listed)
      if (!used.has(entry))
        problems.push(`the row ${name(row)} lists \`${entry}\`, which none of its files imports`);
  });
  return problems;
}

const table = parseTable(readFileSync(path.join(REPO, 'docs/architecture.md'), 'utf8'));

describe("docs/architecture.md's import table", () => {
  it('is there, one row a layer', () => {
    expect(table.length).toBeGreaterThan(10);
  });

  it('matches the imports of the code, and no file imports a layer above its own', () => {
    expect(checkLayers(table, importGraph())).toEqual([]);
  });

  it('the runtime imports nothing of the project but the shared text analyzer (STYLE.md)', () => {
    const runtime = table.find((r) => r.holds.includes('runtime/'));
    expect(runtime?.imports.every((i) => i.startsWith('analysis/'))).toBe(true);
    const graph = importGraph();
    const outside = [...graph]
      .filter(([f]) => f.startsWith('runtime/'))
      .flatMap(([, t]) => [...t].filter((x) => !x.startsWith('runtime/')));
    expect([...new Set(outside)].sort()).toEqual(['analysis/sentiment.ts', 'analysis/text-distance.ts']);
  });

  it('the runtime ships inference only: no training code in src/runtime', () => {
    const graph = importGraph();
    for (const file of [...graph.keys()].filter((f) => f.startsWith('runtime/')))
      expect(readFileSync(path.join(SRC, file), 'utf8')).not.toMatch(/function (buildNlu|trainSoftmax)\b/);
  });

  it('the check fails on an upward import and on an import the table does not list', () => {
    const graph = importGraph();
    const withUpward = new Map(graph);
    withUpward.set('flow/yaml.ts', new Set([...(graph.get('flow/yaml.ts') ?? []), 'rules/registry.ts']));
    const problems = checkLayers(table, withUpward);
    expect(problems).toContain(
      'src/flow/yaml.ts imports src/rules/registry.ts, a layer above it (row src/rules/): nothing imports upward',
    );
    expect(problems).toContain(
      'src/flow/yaml.ts imports src/rules/registry.ts, which its row (src/flow/) does not list',
    );
  });
});
