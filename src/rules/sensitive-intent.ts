import { projectGraph } from '../analysis/graph.js';
import type { Pos, Route, Step, Target } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** A place that routes an intent: a route or handler, or an option with that intent. */
interface Routing {
  intent: string;
  goto: Target;
  at: Pos;
}

/**
 * Straight to a person: the target is a handoff, or one message step (no question, no branch)
 * whose `next` is a handoff, so the bot can say a word of care before passing the customer on.
 */
function straightToPerson(steps: Map<string, Step>, target: string): boolean {
  const t = steps.get(target);
  if (!t) return true; // unknown-target reports it
  if (t.kind === 'handoff') return true;
  return t.kind === 'message' && t.next !== undefined && steps.get(t.next.qid)?.kind === 'handoff';
}

export default defineRule({
  id: 'sensitive-intent',
  category: 'empathy',
  severity: 'error',
  description: 'A sensitive topic (an intent marked `sensitive`) goes straight to a person.',
  messages: {
    notStraight:
      'sensitive intent `{intent}` goes to `{target}`, not straight to a person: route it to a handoff step (at most one message step before it, no question)',
    unrouted:
      'sensitive intent `{intent}` is routed nowhere, so a customer who raises it gets no person: route it to a handoff in handlers (flow or tact.config.yaml)',
  },
  check(project) {
    const steps = projectGraph(project).steps;
    const routings: Routing[] = [];
    const fromRoute = (r: Route) => {
      if ('intent' in r.when) routings.push({ intent: r.when.intent, goto: r.goto, at: r.goto.pos });
    };
    project.config.handlers.forEach(fromRoute);
    for (const flow of project.flows.values()) {
      flow.handlers.forEach(fromRoute);
      for (const step of flow.steps.values()) {
        step.routes?.forEach(fromRoute);
        for (const o of step.options ?? [])
          if (o.intent) routings.push({ intent: o.intent, goto: o.goto, at: o.goto.pos });
      }
    }

    const reports: Report[] = [];
    for (const intent of project.intents.values()) {
      if (!intent.sensitive) continue;
      const mine = routings.filter((r) => r.intent === intent.qid);
      if (mine.length === 0) {
        const at = intent.pos ?? (intent.flow ? project.flows.get(intent.flow)?.pos : undefined);
        if (at) reports.push({ messageId: 'unrouted', data: { intent: intent.name }, at });
        continue;
      }
      for (const r of mine)
        if (!straightToPerson(steps, r.goto.qid))
          reports.push({
            messageId: 'notStraight',
            data: { intent: intent.name, target: r.goto.raw },
            at: r.at,
          });
    }
    return reports;
  },
});
