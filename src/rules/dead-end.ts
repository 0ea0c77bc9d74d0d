import { edgesOf, entryTree, pathTo, projectGraph, type StepGraph, toPathSteps } from '../analysis/graph.js';
import type { Project, Step } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** Steps that move on by themselves, without waiting for the customer or ending the conversation. */
const TALKING = new Set(['message', 'action', 'branch']);

/**
 * Groups of steps that lead only to each other (strongly connected components, Tarjan's algorithm,
 * written without recursion so a long chain of steps cannot overflow the stack).
 */
function components(ids: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; succ: string[]; i: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, succ: next(id), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.i < top.succ.length) {
        const w = top.succ[top.i++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(top.id, Math.min(low.get(top.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.id)!));
      }
      if (low.get(top.id) === index.get(top.id)) {
        const comp: string[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
          if (w === top.id) break;
        }
        out.push(comp);
      }
    }
  }
  return out;
}

/** The shortest way round a loop, from `head` back to it, inside `members`. */
function cycleFrom(graph: StepGraph, head: string, members: Set<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [head];
  for (let i = 0; i < queue.length; i++) {
    for (const e of graph.out.get(queue[i]) ?? []) {
      if (!members.has(e.to)) continue;
      if (e.to === head) {
        const ids = [head];
        for (let at = queue[i]; at !== head; at = prev.get(at)!) ids.splice(1, 0, at);
        return [...ids, head];
      }
      if (!prev.has(e.to)) {
        prev.set(e.to, queue[i]);
        queue.push(e.to);
      }
    }
  }
  return [head, head];
}

function name(step: Step, from: Step): string {
  return step.flow === from.flow ? step.id : step.qid;
}

export default defineRule({
  id: 'dead-end',
  category: 'structure',
  severity: 'error',
  description:
    'A reachable step that is not a handoff or an end has nowhere to go, or a loop of steps without a question can never be left.',
  messages: {
    noNext:
      'the conversation stops here: {kind} step `{step}` has no `next`, so the customer is left waiting; add a `next`, or make it a handoff or an end',
    collectNoNext:
      'step `{step}` collects `{data}` but has no `next`: a customer who answers is asked again instead of moving on',
    askNowhere:
      'no answer can move the conversation on from step `{step}`: give it a `next`, `options` or `routes`',
    loop: 'steps {loop} go round in a loop with no question and no way out: the bot would talk to itself forever; add an ask, or a branch that leaves',
  },
  check(project: Project) {
    const reports: Report[] = [];
    const graph = projectGraph(project);
    const tree = entryTree(project);
    const pathOf = (qid: string) => toPathSteps(graph, pathTo(tree, qid));

    for (const qid of tree.keys()) {
      const step = graph.steps.get(qid);
      if (!step) continue;
      if ((step.kind === 'message' || step.kind === 'action') && !step.next) {
        reports.push({
          messageId: 'noNext',
          data: { kind: step.kind === 'action' ? 'action' : 'message', step: step.id },
          at: step.pos,
          path: pathOf(qid),
        });
      } else if (step.kind === 'ask' && !step.next) {
        if (step.collect)
          reports.push({
            messageId: 'collectNoNext',
            data: { step: step.id, data: step.collect.name },
            at: step.pos,
            path: pathOf(qid),
          });
        else if (!step.options?.length && !step.routes?.length)
          reports.push({ messageId: 'askNowhere', data: { step: step.id }, at: step.pos, path: pathOf(qid) });
      }
    }

    // Loops of talking steps: a group that leads only to itself, with no question to wait on.
    const talking = [...tree.keys()].filter((q) => TALKING.has(graph.steps.get(q)?.kind ?? ''));
    const isTalking = new Set(talking);
    // The order steps are reached in, made only for a loop found (most groups are single steps).
    let order: Map<string, number> | undefined;
    const next = (id: string) => (graph.out.get(id) ?? []).map((e) => e.to).filter((to) => isTalking.has(to));
    for (const comp of components(talking, next)) {
      if (comp.length === 1 && !(graph.out.get(comp[0]) ?? []).some((e) => e.to === comp[0])) continue;
      const members = new Set(comp);
      // A way out, even one to a step that does not exist (unknown-target reports that one).
      const leaves = comp.some((id) => {
        const step = graph.steps.get(id)!;
        return edgesOf(project, step).some((e) => !members.has(e.to));
      });
      if (leaves) continue;
      order ??= new Map([...tree.keys()].map((q, i) => [q, i]));
      const rank = order;
      const head = [...comp].sort((a, b) => rank.get(a)! - rank.get(b)!)[0];
      const headStep = graph.steps.get(head)!;
      const loop = cycleFrom(graph, head, members)
        .map((q) => name(graph.steps.get(q)!, headStep))
        .join(' → ');
      reports.push({ messageId: 'loop', data: { loop }, at: headStep.pos, path: pathOf(head) });
    }
    return reports;
  },
});
