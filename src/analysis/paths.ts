import { logicVars } from '../flow/conditions.js';
import type { Condition, Message, Pos, Project, Step, Target } from '../flow/types.js';
import { liveCandidates } from '../runtime/routing.js';
import {
  type Edge,
  messageTexts,
  projectGraph,
  routesAt,
  type StepGraph,
  stepCandidates,
  stepsThatReach,
} from './graph.js';
import { perProject } from './memo.js';

export { HUMAN_INTENT } from '../runtime/routing.js';
export { dataRef } from './graph.js';

/** Steps from which a handoff step can be reached (handoff steps included). */
export function stepsReachingPerson(graph: StepGraph): Set<string> {
  return stepsThatReach(graph, (s) => s.kind === 'handoff');
}

/**
 * Does the conversation reach a person from this step without another question: a handoff, or
 * messages and actions whose `next` leads to one? (A branch might not; a question asks first.)
 */
export function leadsStraightToPerson(graph: StepGraph, qid: string): boolean {
  const seen = new Set<string>();
  for (let s = graph.steps.get(qid); s && !seen.has(s.qid); s = s.next && graph.steps.get(s.next.qid)) {
    if (s.kind === 'handoff') return true;
    if (s.kind !== 'message' && s.kind !== 'action') return false;
    seen.add(s.qid);
  }
  return false;
}

/** `stepsReachingPerson` of the project's graph, computed once per project (read-only). */
export function projectPersonSteps(project: Project): Set<string> {
  return perProject(project, 'personSteps', () => stepsReachingPerson(projectGraph(project)));
}

/** Where an intent is sent at one ask step, and by what. */
export interface IntentRouting {
  target: Target;
  via: 'route' | 'handler' | 'global' | 'option';
  /** The node that routes it (the route's `goto`, or the option's `goto`). */
  pos: Pos;
}

/**
 * Where the runtime sends a reply with this intent at an ask step: the first live candidate of
 * runtime/routing.ts that tests the intent (for `human` and sensitive intents the step's routes,
 * then the flow's and the global handlers, and only then the options).
 */
export function routeForIntent(project: Project, step: Step, intent: string): IntentRouting | undefined {
  if (step.kind !== 'ask') return undefined;
  const c = liveCandidates(stepCandidates(project, step)).find(
    (c) => c.test.type === 'intent' && c.test.intent === intent,
  );
  if (!c) return undefined;
  if (c.source === 'option') {
    const o = step.options![c.index];
    return { target: o.goto, via: 'option', pos: o.goto.pos };
  }
  const routes = routesAt(project, step);
  const r = routes[c.source === 'route' ? c.index : (step.routes?.length ?? 0) + c.index];
  const via = r.scope === 'step' ? 'route' : r.scope === 'flow' ? 'handler' : 'global';
  return { target: r.goto, via, pos: r.goto.pos };
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

/** Every text a step can say: `say`, `ask` and the fallback message. */
export function stepTexts(step: Step): string[] {
  return [step.say, step.ask, step.fallback?.say].flatMap((m: Message | undefined) => messageTexts(m));
}

/** Qualified data ids a condition reads. */
export function conditionReads(c: Condition | undefined): string[] {
  return c?.logic === undefined ? [] : logicVars(c.logic);
}
