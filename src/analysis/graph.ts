import type { DataDef, Message, Pos, Project, Route, Step } from '../flow/types.js';
import {
  type AskRouting,
  askCandidates,
  type Candidate,
  canFail,
  isBuiltinUrgent,
  liveCandidates,
  type RouteCondition,
} from '../runtime/routing.js';
import { type RouteKind, routeKey } from '../runtime/state.js';
import { perProject } from './memo.js';

export type EdgeKind = 'next' | 'branch' | 'else' | 'option' | 'route' | 'handler' | 'global' | 'fallback';

/** One way the conversation can move from a step to another. */
export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Where the edge is written (the target's node). */
  pos: Pos;
  /** For route, handler and global edges: the route. */
  route?: Route;
  /** For option edges: the option's label and intent. */
  option?: { label: string; intent?: string };
  /** How the runtime records this move (`routeKey(from, to, move)` is its key in `State.routes`). */
  move: RouteKind;
}

/** The step graph of a whole project, across flows, with the config's global handlers. */
export interface StepGraph {
  steps: Map<string, Step>;
  out: Map<string, Edge[]>;
  /** Where conversations start: the bot's entry, or (no entry) every flow's start. */
  roots: string[];
}

/** All steps of the project by qualified id. */
export function allSteps(project: Project): Map<string, Step> {
  const steps = new Map<string, Step>();
  for (const f of project.flows.values()) for (const s of f.steps.values()) steps.set(s.qid, s);
  return steps;
}

/**
 * Where each route reachable at an ask step comes from: the step's own routes, then its flow's
 * handlers, then the global handlers (the list `AskRouting.handlers` indexes after the step's).
 */
export function routesAt(project: Project, step: Step): Route[] {
  if (step.kind !== 'ask') return [];
  const flow = project.flows.get(step.flow);
  return [...(step.routes ?? []), ...(flow?.handlers ?? []), ...project.config.handlers];
}

/** `askCandidates` of an ask step of the project model: how the runtime routes its replies. */
export function stepCandidates(project: Project, step: Step): readonly Candidate[] {
  return askCandidates(askRoutingOfStep(project, step));
}

/** The routing view (runtime/routing.ts) of an ask step of the project model. */
export function askRoutingOfStep(project: Project, step: Step): AskRouting {
  const flow = project.flows.get(step.flow);
  const handlers = [...(flow?.handlers ?? []), ...project.config.handlers];
  const collected = step.collect ? dataRef(project, step.flow, step.collect.name) : undefined;
  return {
    options: (step.options ?? []).map((o) => ({ label: o.label, intent: o.intent, goto: o.goto.qid })),
    collect: step.collect ? { freeText: collected?.type === 'text' && !collected.pattern } : undefined,
    routes: (step.routes ?? []).map(routeCondition),
    handlers: handlers.map(routeCondition),
    next: step.next?.qid,
    urgent: (intent) => isBuiltinUrgent(intent) || project.intents.get(intent)?.sensitive === true,
  };
}

function routeCondition(r: Route): { when: RouteCondition; goto: string } {
  const w = r.when;
  const when: RouteCondition =
    'intent' in w
      ? { intent: w.intent }
      : 'sentiment' in w
        ? { sentiment: w.sentiment }
        : { if: w.if.logic ?? false };
  return { when, goto: r.goto.qid };
}

/**
 * The edges leaving one step, in the order the runtime tries them, as runtime/routing.ts decides:
 * at an ask step only the routes that can take some reply (not those behind a free-text collect
 * or an accept-any question), and the fallback's `then` only where a reply can fail.
 */
export function edgesOf(project: Project, step: Step): Edge[] {
  const out: Edge[] = [];
  const add = (
    to: string | undefined,
    kind: EdgeKind,
    move: RouteKind,
    pos: Pos | undefined,
    extra: Partial<Edge> = {},
  ) => {
    if (!to) return;
    const at = pos ?? step.pos;
    // Written out rather than spread: a spread into a literal makes a much larger object.
    out.push(
      extra.route
        ? { from: step.qid, to, kind, move, pos: at, route: extra.route }
        : extra.option
          ? { from: step.qid, to, kind, move, pos: at, option: extra.option }
          : { from: step.qid, to, kind, move, pos: at },
    );
  };
  switch (step.kind) {
    case 'message':
    case 'action':
      add(step.next?.qid, 'next', 'next', step.next?.pos);
      break;
    case 'branch':
      for (const c of step.branch ?? []) add(c.goto.qid, 'branch', 'branch', c.goto.pos);
      add(step.else?.qid, 'else', 'else', step.else?.pos);
      break;
    case 'ask': {
      const candidates = stepCandidates(project, step);
      const routes = routesAt(project, step);
      const own = step.routes?.length ?? 0;
      const done = new Set<string>();
      for (const c of liveCandidates(candidates)) {
        // One edge per thing written (an option, a route, the collect): an option taken by its
        // label and by its intent is one edge.
        const key = `${c.source}:${c.index}`;
        if (c.source === 'answer' || done.has(key)) continue;
        done.add(key);
        if (c.source === 'option') {
          const o = step.options![c.index];
          add(o.goto.qid, 'option', c.kind, o.goto.pos, { option: { label: o.label, intent: o.intent } });
        } else if (c.source === 'route' || c.source === 'handler') {
          const r = routes[c.source === 'route' ? c.index : own + c.index];
          const kind: EdgeKind = r.scope === 'step' ? 'route' : r.scope === 'flow' ? 'handler' : 'global';
          add(r.goto.qid, kind, c.kind, r.goto.pos, { route: r });
        } else add(step.next?.qid, 'next', c.kind, step.next?.pos);
      }
      if (canFail(candidates) && step.fallback?.then)
        add(step.fallback.then.qid, 'fallback', 'fallback', step.fallback.then.pos);
      break;
    }
    default:
      break;
  }
  return out;
}

/** Can a reply at this ask step be a failed try (so its fallback matters)? Not when the step takes every reply. */
export function replyCanFail(project: Project, step: Step): boolean {
  return step.kind === 'ask' && canFail(stepCandidates(project, step));
}

/** Every move of the project's bot as route keys (`routeKey`), each once: what `botMoves` gives for its compiled bot. */
export function graphMoves(graph: StepGraph): string[] {
  const keys = new Set<string>();
  for (const edges of graph.out.values()) for (const e of edges) keys.add(routeKey(e.from, e.to, e.move));
  return [...keys];
}

/**
 * The data a name written in `flow` refers to: a local name, or `other/name` for another flow's
 * data. Without a flow (tact.config.yaml) only qualified names resolve.
 */
export function dataRef(project: Project, flow: string | undefined, name: string): DataDef | undefined {
  const slash = name.indexOf('/');
  if (slash >= 0) return project.flows.get(name.slice(0, slash))?.data.get(name.slice(slash + 1));
  return flow === undefined ? undefined : project.flows.get(flow)?.data.get(name);
}

/** Build the step graph of a project. Edges to steps that do not exist are kept out. */
export function buildGraph(project: Project): StepGraph {
  const steps = allSteps(project);
  const out = new Map<string, Edge[]>();
  for (const s of steps.values())
    out.set(
      s.qid,
      edgesOf(project, s).filter((e) => steps.has(e.to)),
    );
  const roots =
    project.entry && steps.has(project.entry)
      ? [project.entry]
      : [...project.flows.values()].map((f) => `${f.id}/${f.start}`).filter((q) => steps.has(q));
  return { steps, out, roots };
}

/** The step graph of a project, built once and shared by every rule (read-only). */
export function projectGraph(project: Project): StepGraph {
  return perProject(project, 'graph', () => buildGraph(project));
}

/** `searchFrom` the graph's roots, following every edge: computed once per project (read-only). */
export function entryTree(project: Project): Map<string, Edge | undefined> {
  return perProject(project, 'entryTree', () => searchFrom(projectGraph(project)));
}

/**
 * The steps of a graph numbered in the order of `graph.steps`, with the edges out of and into each
 * as ranges of flat arrays: the walks below follow numbers and arrays instead of looking every
 * step up by its id in a Map or Set (at 100k steps those lookups were most of a walk's time).
 * Built once per graph, which is not changed after it is built.
 */
interface Numbering {
  ids: string[];
  index: Map<string, number>;
  /** The edges out of step `i` are `outEdges[outStart[i] .. outStart[i + 1]]`, to `outTo[...]`. */
  outStart: Int32Array;
  outTo: Int32Array;
  outEdges: Edge[];
  /** The edges into step `i`, in the order of `graph.out`: `inEdges[inStart[i] .. inStart[i + 1]]`, from `inFrom[...]`. */
  inStart: Int32Array;
  inFrom: Int32Array;
  inEdges: Edge[];
  /** Marks of the walk in progress (`marks[i] === stamp`): one array for all walks, not one each. */
  marks?: Uint32Array;
  stamp: number;
  walking: boolean;
}

/**
 * Run `walk` with marks for the steps, all unmarked at the start: step `i` is marked when
 * `marks[i] === stamp`. A graph keeps one array of marks for its walks (many rules walk a few steps
 * of a large graph, many times); a walk inside a walk gets its own.
 */
function withMarks<T>(n: Numbering, walk: (marks: Uint32Array, stamp: number) => T): T {
  if (n.walking) return walk(new Uint32Array(n.ids.length), 1);
  if (!n.marks || n.stamp === 0xffffffff) {
    n.marks = new Uint32Array(n.ids.length);
    n.stamp = 0;
  }
  n.stamp += 1;
  n.walking = true;
  try {
    return walk(n.marks, n.stamp);
  } finally {
    n.walking = false;
  }
}

const numberings = new WeakMap<StepGraph, Numbering>();

function numbering(graph: StepGraph): Numbering {
  let n = numberings.get(graph);
  if (n) return n;
  const ids = [...graph.steps.keys()];
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  const outStart = new Int32Array(ids.length + 1);
  const outEdges: Edge[] = [];
  const toOf: number[] = [];
  const fromOf: number[] = [];
  // Whether `graph.out` lists the steps in the order of `graph.steps`, each step's edges from it
  // (as buildGraph makes it): then the edges into each step come in the order of the edges out.
  let inStepOrder = graph.out.size === ids.length;
  for (let i = 0; i < ids.length; i++) {
    outStart[i] = outEdges.length;
    for (const e of graph.out.get(ids[i]) ?? []) {
      if (e.from !== ids[i]) inStepOrder = false;
      const to = index.get(e.to);
      if (to === undefined) continue;
      outEdges.push(e);
      toOf.push(to);
      fromOf.push(i);
    }
  }
  outStart[ids.length] = outEdges.length;
  const outTo = Int32Array.from(toOf);
  if (inStepOrder) {
    let i = 0;
    for (const qid of graph.out.keys()) if (qid !== ids[i++]) inStepOrder = false;
  }
  // Edges into each step, grouped by step in the order they come in `graph.out` (counted, then placed).
  let inOrder = outEdges;
  let inFromOf = fromOf;
  let inToOf = toOf;
  if (!inStepOrder) {
    inOrder = [];
    inFromOf = [];
    inToOf = [];
    for (const edges of graph.out.values())
      for (const e of edges) {
        const to = index.get(e.to);
        const from = index.get(e.from);
        if (to === undefined || from === undefined) continue;
        inOrder.push(e);
        inFromOf.push(from);
        inToOf.push(to);
      }
  }
  const inStart = new Int32Array(ids.length + 1);
  for (const to of inToOf) inStart[to + 1]++;
  for (let i = 0; i < ids.length; i++) inStart[i + 1] += inStart[i];
  const fill = inStart.slice(0, ids.length);
  const inFrom = new Int32Array(inOrder.length);
  const inEdges: Edge[] = new Array(inOrder.length);
  for (let k = 0; k < inOrder.length; k++) {
    const at = fill[inToOf[k]]++;
    inFrom[at] = inFromOf[k];
    inEdges[at] = inOrder[k];
  }
  n = { ids, index, outStart, outTo, outEdges, inStart, inFrom, inEdges, stamp: 0, walking: false };
  numberings.set(graph, n);
  return n;
}

/**
 * Breadth-first search from the roots. Returns, for every reachable step, the edge it was first
 * reached by (undefined for a root), so `pathTo` gives a shortest path.
 */
export function searchFrom(
  graph: StepGraph,
  roots: string[] = graph.roots,
  follow: (e: Edge) => boolean = () => true,
): Map<string, Edge | undefined> {
  const n = numbering(graph);
  const { ids, index, outStart, outTo, outEdges } = n;
  return withMarks(n, (marks, stamp) => {
    const seen = new Map<string, Edge | undefined>();
    const queue: number[] = [];
    for (const r of roots) {
      const i = index.get(r);
      if (i === undefined) {
        // A root that is not a step is reached, and leads nowhere.
        if (!seen.has(r)) seen.set(r, undefined);
      } else if (marks[i] !== stamp) {
        marks[i] = stamp;
        seen.set(r, undefined);
        queue.push(i);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q];
      for (let k = outStart[i]; k < outStart[i + 1]; k++) {
        const to = outTo[k];
        if (marks[to] === stamp || !follow(outEdges[k])) continue;
        marks[to] = stamp;
        seen.set(ids[to], outEdges[k]);
        queue.push(to);
      }
    }
    return seen;
  });
}

/** Steps reachable from the roots. */
export function reachableSteps(graph: StepGraph, roots: string[] = graph.roots): Set<string> {
  return new Set(searchFrom(graph, roots).keys());
}

/** The shortest path (as found by `searchFrom`) from a root to `target`, as qualified ids. */
export function pathTo(tree: Map<string, Edge | undefined>, target: string): string[] {
  if (!tree.has(target)) return [];
  const ids = [target];
  let e = tree.get(target);
  const guard = new Set<string>([target]);
  while (e && !guard.has(e.from)) {
    ids.unshift(e.from);
    guard.add(e.from);
    e = tree.get(e.from);
  }
  return ids;
}

/** The steps, among all, from which some step matching `goal` can be reached (goal steps included). */
export function stepsThatReach(
  graph: StepGraph,
  goal: (s: Step) => boolean,
  follow?: (e: Edge) => boolean,
): Set<string> {
  const n = numbering(graph);
  const { ids, inStart, inFrom, inEdges } = n;
  return withMarks(n, (marks, stamp) => {
    const queue: number[] = [];
    let i = 0;
    for (const s of graph.steps.values()) {
      if (goal(s)) {
        marks[i] = stamp;
        queue.push(i);
      }
      i++;
    }
    for (let q = 0; q < queue.length; q++) {
      const at = queue[q];
      for (let k = inStart[at]; k < inStart[at + 1]; k++) {
        const from = inFrom[k];
        if (marks[from] !== stamp && (!follow || follow(inEdges[k]))) {
          marks[from] = stamp;
          queue.push(from);
        }
      }
    }
    return new Set(queue.map((n) => ids[n]));
  });
}

/** The edges into a step (every edge of the graph, as `graph.out` holds them). */
export function edgesInto(graph: StepGraph, qid: string): readonly Edge[] {
  const { index, inStart, inEdges } = numbering(graph);
  const i = index.get(qid);
  return i === undefined ? [] : inEdges.slice(inStart[i], inStart[i + 1]);
}

/** One step on a path that proves a finding (`greet → ask_order → ask_email`). */
export interface PathStep {
  /** Qualified step id (`refund/ask_order`). */
  step: string;
  pos: Pos;
}

/** Turn qualified ids into path steps with positions, for a finding's `path`. */
export function toPathSteps(graph: StepGraph, ids: string[]): PathStep[] {
  return ids.flatMap((id) => {
    const s = graph.steps.get(id);
    return s ? [{ step: id, pos: s.pos }] : [];
  });
}

/** Every text of a message, in order: its variants, or each sentiment variant. */
export function messageTexts(m: { value: { kind: string; variants: unknown } } | undefined): string[] {
  if (!m) return [];
  const v = m.value.variants;
  if (Array.isArray(v)) return v as string[];
  return Object.values(v as Record<string, string[]>).flat();
}

/**
 * The first messages said from the steps `from` on, following every way through steps that say
 * nothing (branches, actions, and with `throughAsks` an ask step with no text of its own).
 */
export function firstMessages(
  graph: StepGraph,
  from: Iterable<string>,
  { throughAsks }: { throughAsks: boolean },
): Message[] {
  const out: Message[] = [];
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const qid = stack.pop()!;
    if (seen.has(qid)) continue;
    seen.add(qid);
    const step = graph.steps.get(qid);
    if (!step) continue;
    const message = step.say ?? step.ask;
    if (message) out.push(message);
    else if (throughAsks || step.kind !== 'ask') for (const e of graph.out.get(qid) ?? []) stack.push(e.to);
  }
  return out;
}
