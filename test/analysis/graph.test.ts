import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, type Edge, pathTo, searchFrom, stepsThatReach } from '../../src/analysis/graph.js';
import { loadProject } from '../../src/flow/load.js';

// The walks every graph rule builds on: a breadth-first tree from the roots (each step with the edge
// it was first reached by) and the steps that can reach a goal, with an edge filter. A rule may walk
// the graph again from inside a walk (in its filter): each walk must see only its own marks.

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-graph-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FLOW = `flow: main
steps:
  greet:
    say: Hi, I am a virtual assistant.
    next: menu
  menu:
    ask: Track an order or talk to a person?
    options:
      - label: Track an order
        goto: track
      - label: A person
        goto: person
  track:
    say: Your order is on its way.
    next: done
  person:
    say: I will put you through.
    handoff:
      queue: support
  done:
    say: Anything else?
    next: menu
`;

function graph() {
  const dir = mkdtempSync(path.join(tmp, 'p-'));
  writeFileSync(path.join(dir, 'main.flow.yaml'), FLOW);
  return buildGraph(loadProject([dir], { cwd: dir }));
}

const ids = (tree: Map<string, Edge | undefined>) => [...tree.keys()];

describe('graph walks', () => {
  it('searchFrom gives every reachable step in breadth-first order, with shortest paths', () => {
    const g = graph();
    const tree = searchFrom(g);
    expect(ids(tree)).toEqual(['main/greet', 'main/menu', 'main/track', 'main/person', 'main/done']);
    expect(pathTo(tree, 'main/done')).toEqual(['main/greet', 'main/menu', 'main/track', 'main/done']);
  });

  it('an edge the filter refuses leaves its step to be reached another way, or not at all', () => {
    const g = graph();
    const tree = searchFrom(g, g.roots, (e) => e.to !== 'main/track');
    expect(ids(tree)).toEqual(['main/greet', 'main/menu', 'main/person']);
    // A root that is not a step is in the tree, and leads nowhere.
    expect(ids(searchFrom(g, ['main/nowhere', 'main/done']))).toEqual([
      'main/nowhere',
      'main/done',
      'main/menu',
      'main/track',
      'main/person',
    ]);
  });

  it('a walk started inside another walk gives both the trees they give alone', () => {
    const g = graph();
    const alone = ids(searchFrom(g));
    const fromTrack = ids(searchFrom(g, ['main/track']));
    const inner: string[][] = [];
    const outer = searchFrom(g, g.roots, () => {
      inner.push(ids(searchFrom(g, ['main/track'])));
      return true;
    });
    expect(ids(outer)).toEqual(alone);
    expect(inner.length).toBeGreaterThan(0);
    for (const t of inner) expect(t).toEqual(fromTrack);
    const reach = stepsThatReach(
      g,
      (s) => s.kind === 'handoff',
      (e) => ids(searchFrom(g, [e.from])).length > 0,
    );
    expect([...reach]).toEqual(['main/person', 'main/menu', 'main/greet', 'main/done', 'main/track']);
  });
});
