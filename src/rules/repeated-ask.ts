import {
  type Edge,
  entryTree,
  pathTo,
  projectGraph,
  type StepGraph,
  searchFrom,
  toPathSteps,
} from '../analysis/graph.js';
import { conditionReads, dataRef, stepTexts } from '../analysis/paths.js';
import type { DataDef, Project, Step } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** An ask step with the data it collects. */
interface Collector {
  step: Step;
  data: DataDef;
}

/**
 * Does this step check the value? Any action (the host may have looked it up), a branch reading
 * it, or a question that reads it back (`Is {email} right?`): after that, asking again is a correction.
 */
function checksValue(step: Step, data: DataDef): boolean {
  if (step.kind === 'action') return true;
  if (step.branch?.some((c) => conditionReads(c.if).includes(data.qid))) return true;
  if (step.kind !== 'ask') return false;
  const placeholder = placeholderOf(data);
  return stepTexts(step).some((t) => placeholder.test(t));
}

const placeholders = new WeakMap<DataDef, RegExp>();
/** `{name}` or `{flow/name}` of this data in a message. */
function placeholderOf(data: DataDef): RegExp {
  let re = placeholders.get(data);
  if (!re) {
    re = new RegExp(`\\{\\s*(?:${data.flow}/)?${data.name}\\s*\\}`);
    placeholders.set(data, re);
  }
  return re;
}

/**
 * Edges where the customer chose to give the value again, or that follow a check of it: a quick
 * reply or an intent ("I gave the wrong number") that leads straight (through messages only) to
 * a question for this same data, or a route whose condition reads the value. Choosing a topic
 * that later asks again (a menu option into another flow) is not a choice to give it again.
 */
function isDeliberate(graph: StepGraph, e: Edge, asksAgain: (s: Step) => boolean, data: DataDef): boolean {
  const when = e.route?.when;
  if (when && 'if' in when) return conditionReads(when.if).includes(data.qid);
  if (e.kind !== 'option' && !(when && 'intent' in when)) return false;
  const seen = new Set<string>();
  for (let s = graph.steps.get(e.to); s && !seen.has(s.qid); s = s.next && graph.steps.get(s.next.qid)) {
    if (asksAgain(s)) return true;
    if (s.kind !== 'message') return false;
    seen.add(s.qid);
  }
  return false;
}

/**
 * What a customer says to drop what they were doing: the whole reply is "cancel", "quit", "stop",
 * "start over", "never mind", "forget it", "main menu"... with no object ("cancel my order" is a
 * task, not a way out of one).
 */
const ABANDON =
  /^(?:(?:no\s*,?\s*|ok\s*,?\s*|please\s+|just\s+|i\s+want\s+to\s+|let'?s\s+)*)(?:cancel(?:\s+(?:that|this|it|everything))?|quit|stop|exit|abort|reset|restart|start\s+(?:over|again)|begin\s+again|never\s*mind|forget\s+(?:it|that|about\s+it)|go\s+back(?:\s+to\s+(?:the\s+)?(?:start|beginning|menu|main\s+menu))?|(?:back\s+to\s+)?(?:the\s+)?main\s+menu)(?:\s+please)?[\s.!]*$/i;

/** Does this intent (its name or an example) or this option label mean dropping the task? */
function meansAbandon(project: Project, e: Edge): boolean {
  if (e.option && ABANDON.test(e.option.label)) return true;
  const intent = e.route && 'intent' in e.route.when ? e.route.when.intent : e.option?.intent;
  if (!intent) return false;
  const def = project.intents.get(intent);
  const name = (def?.name ?? intent.slice(intent.indexOf('/') + 1)).replace(/[_-]+/g, ' ');
  return ABANDON.test(name) || (def?.examples ?? []).some((x) => ABANDON.test(x));
}

export default defineRule<{ across_flows: boolean }>({
  id: 'repeated-ask',
  category: 'empathy',
  severity: 'warn',
  description: 'The bot does not ask again for data the customer already gave.',
  messages: {
    repeated:
      'the customer can be asked for `{data}` again at `{step}` after giving it at `{first}`: skip the question when it is known, or read the value back and ask only if it is wrong',
  },
  options: { across_flows: { type: 'boolean' } },
  defaults: { across_flows: true },
  check(project, options) {
    const graph = projectGraph(project);
    const fromEntry = entryTree(project);
    const collectors = collectorsOf(project, graph);
    // The collectors of the same data as a first ask, in their order: the same definition, or
    // (across flows) data of the same name and type.
    const across = options.across_flows !== false;
    const sameKey = (d: DataDef) => (across ? `${d.name}\u0000${d.type}` : d.qid);
    const sameAs = new Map<string, Collector[]>();
    const asking = new Map<string, Set<string>>();
    const collectorAt = new Map<string, Collector>();
    for (const c of collectors) {
      collectorAt.set(c.step.qid, c);
      const list = sameAs.get(sameKey(c.data)) ?? [];
      list.push(c);
      sameAs.set(sameKey(c.data), list);
      const data = asking.get(c.step.qid) ?? new Set();
      data.add(c.data.qid);
      asking.set(c.step.qid, data);
    }

    // For each second ask, the shortest entry → first ask → … → second ask over all first asks.
    const best = new Map<string, { ids: string[]; first: Collector; second: Collector }>();
    for (const first of collectors) {
      if (!fromEntry.has(first.step.qid)) continue;
      const next = first.step.next?.qid;
      if (!next || !graph.steps.has(next)) continue;
      // Only a question for this very data counts as a choice to give it again; another flow's
      // question for the same thing, reached through a menu, should reuse the value instead.
      const asksAgain = (s: Step) => asking.get(s.qid)?.has(first.data.qid) === true;
      // After the value was stored: walk on from `next`, not past a check of the value, and not
      // past the customer dropping the task ("cancel", "start over"): asking again then is right.
      const checks = new Map<string, boolean>();
      const checked = (qid: string) => {
        let c = checks.get(qid);
        if (c === undefined) {
          c = checksValue(graph.steps.get(qid)!, first.data);
          checks.set(qid, c);
        }
        return c;
      };
      const tree = searchFrom(
        graph,
        [next],
        (e) =>
          !checked(e.from) && !isDeliberate(graph, e, asksAgain, first.data) && !meansAbandon(project, e),
      );
      // The second asks among the steps walked: from whichever list is the shorter (a corpus of
      // many flows collecting `email` would otherwise look at every pair of them).
      const wanted = sameKey(first.data);
      const same = sameAs.get(wanted) ?? [];
      const seconds =
        same.length <= tree.size
          ? same.filter((c) => tree.has(c.step.qid))
          : [...tree.keys()].flatMap((qid) => {
              const c = collectorAt.get(qid);
              return c && sameKey(c.data) === wanted ? [c] : [];
            });
      for (const second of seconds) {
        if (checksValue(second.step, first.data)) continue;
        const ids = [...pathTo(fromEntry, first.step.qid), ...pathTo(tree, second.step.qid)];
        const key = `${second.data.qid}|${second.step.qid}`;
        const had = best.get(key);
        if (!had || ids.length < had.ids.length) best.set(key, { ids, first, second });
      }
    }

    const reports: Report[] = [];
    for (const { ids, first, second } of best.values())
      reports.push({
        messageId: 'repeated',
        data: {
          data: second.data.name,
          step: second.step.id,
          first: first.step.flow === second.step.flow ? first.step.id : first.step.qid,
        },
        at: second.step.collect!.pos,
        path: toPathSteps(graph, ids),
      });
    return reports;
  },
});

function collectorsOf(project: Project, graph: StepGraph): Collector[] {
  const out: Collector[] = [];
  for (const step of graph.steps.values()) {
    if (step.kind !== 'ask' || !step.collect) continue;
    const data = dataRef(project, step.flow, step.collect.name);
    if (data) out.push({ step, data });
  }
  return out;
}
