import { logicVars } from '../flow/conditions.js';
import type { Condition, DataDef, Message, Pos, Project, Step, Target } from '../flow/types.js';
import { type Edge, messageTexts, type StepGraph, stepsThatReach } from './graph.js';

/** The built-in intent of a customer asking for a person. */
export const HUMAN_INTENT = 'human';

/** Steps from which a handoff step can be reached (handoff steps included). */
export function stepsReachingPerson(graph: StepGraph): Set<string> {
  return stepsThatReach(graph, (s) => s.kind === 'handoff');
}

/** Where an intent is sent at one ask step, and by what. */
export interface IntentRouting {
  target: Target;
  via: 'route' | 'handler' | 'global' | 'option';
  /** The node that routes it (the route's `goto`, or the option's `goto`). */
  pos: Pos;
}

/**
 * Where the runtime sends a reply with this intent at an ask step. For the human intent and
 * sensitive intents flow-format.md (and runtime/step.ts) try the step's routes, then the flow's
 * handlers, then the global handlers, and only then the options; the first match wins.
 */
export function routeForIntent(project: Project, step: Step, intent: string): IntentRouting | undefined {
  if (step.kind !== 'ask') return undefined;
  const flow = project.flows.get(step.flow);
  const scopes: [IntentRouting['via'], typeof step.routes][] = [
    ['route', step.routes],
    ['handler', flow?.handlers],
    ['global', project.config.handlers],
  ];
  for (const [via, routes] of scopes) {
    const r = (routes ?? []).find((r) => 'intent' in r.when && r.when.intent === intent);
    if (r) return { target: r.goto, via, pos: r.goto.pos };
  }
  const o = (step.options ?? []).find((o) => o.intent === intent);
  return o ? { target: o.goto, via: 'option', pos: o.goto.pos } : undefined;
}

/** A node of a search over (step, state) pairs. */
interface StateNode<S> {
  step: string;
  state: S;
  prev?: string;
}

/**
 * Breadth-first search over pairs of a step and a small state, for questions a plain walk cannot
 * answer ("reached with the last question not offering a person"). `advance` gives the state after
 * an edge, or undefined to not follow it. Returns the shortest path to the first pair `goal` accepts.
 */
export function shortestStatePath<S>(
  graph: StepGraph,
  start: S,
  advance: (e: Edge, state: S) => S | undefined,
  goal: (step: string, state: S) => boolean,
  keyOf: (s: S) => string = (s) => JSON.stringify(s),
  roots: string[] = graph.roots,
): string[] | undefined {
  const nodes = new Map<string, StateNode<S>>();
  const queue: string[] = [];
  for (const r of roots) {
    const k = `${r}\u0000${keyOf(start)}`;
    if (!nodes.has(k)) {
      nodes.set(k, { step: r, state: start });
      queue.push(k);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const node = nodes.get(queue[i])!;
    if (goal(node.step, node.state)) {
      const ids: string[] = [];
      for (let n: StateNode<S> | undefined = node; n; n = n.prev ? nodes.get(n.prev) : undefined)
        ids.unshift(n.step);
      return ids;
    }
    for (const e of graph.out.get(node.step) ?? []) {
      const next = advance(e, node.state);
      if (next === undefined) continue;
      const k = `${e.to}\u0000${keyOf(next)}`;
      if (nodes.has(k)) continue;
      nodes.set(k, { step: e.to, state: next, prev: queue[i] });
      queue.push(k);
    }
  }
  return undefined;
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

/** Every text a step can say: `say`, `ask` and the fallback message. */
export function stepTexts(step: Step): string[] {
  return [step.say, step.ask, step.fallback?.say].flatMap((m: Message | undefined) => messageTexts(m));
}

/** Qualified data ids a condition reads. */
export function conditionReads(c: Condition | undefined): string[] {
  return c?.logic === undefined ? [] : logicVars(c.logic);
}
