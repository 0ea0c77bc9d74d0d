import { projectGraph, type StepGraph, toPathSteps } from '../analysis/graph.js';
import { perText } from '../analysis/memo.js';
import { analyzeTone, type ToneResult } from '../analysis/tone.js';
import type { Message, Route, SentimentLabel, Step } from '../flow/types.js';
import { defineRule } from './define.js';
import { type MessageText, textsOf } from './texts.js';
import type { Report } from './types.js';

type Variant = 'default' | SentimentLabel;

const UPSET: ReadonlySet<string> = new Set(['negative', 'very_negative']);

/**
 * The sentiment variants a customer with this label hears: the runtime falls back from
 * `very_negative` to `negative` to `default`.
 */
function variantFor(m: Message, label: 'negative' | 'very_negative'): Variant {
  if (m.value.kind !== 'sentiment') return 'default';
  const v = m.value.variants;
  if (label === 'very_negative' && v.very_negative?.length) return 'very_negative';
  if (v.negative?.length) return 'negative';
  return 'default';
}

/** What the customer hears first on arriving at a step: its `say`, or else its `ask`. */
const firstMessage = (s: Step): Message | undefined => s.say ?? s.ask;

/**
 * From a route's target, follow steps that say nothing (branch, action) to the first steps that
 * say something. Returns, for each, the qualified ids from the target to it.
 */
function firstSpeakers(graph: StepGraph, target: string): string[][] {
  const parent = new Map<string, string | undefined>([[target, undefined]]);
  const queue = [target];
  const found: string[][] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const step = graph.steps.get(id);
    if (!step) continue;
    if (firstMessage(step)) {
      const path = [id];
      for (let p = parent.get(id); p !== undefined; p = parent.get(p)) path.unshift(p);
      found.push(path);
      continue;
    }
    for (const e of graph.out.get(id) ?? []) {
      if (!parent.has(e.to)) {
        parent.set(e.to, id);
        queue.push(e.to);
      }
    }
  }
  return found;
}

const quote = (r: ToneResult): string =>
  r.evidence.length > 0
    ? r.evidence.map((e) => `"${e}"`).join(', ')
    : 'no words that acknowledge how the customer feels';

const labelText = (l: string) => (l === 'very_negative' ? 'very-negative' : l);

export default defineRule({
  id: 'tone-sentiment',
  category: 'empathy',
  severity: 'error',
  description:
    "The bot's tone does not fit the customer's feeling: not empathetic (or upbeat) to an upset customer, or upbeat when something went wrong.",
  messages: {
    routeUpbeat:
      'upbeat ({evidence}) right after a {label}-sentiment {via}: the customer is upset, so acknowledge the problem before anything cheerful',
    routeNotEmpathetic:
      '{tone} ({evidence}) right after a {label}-sentiment {via}: the customer is upset, so the first thing the bot says should acknowledge it (e.g. "I\'m sorry this has been frustrating")',
    variantUpbeat:
      'upbeat ({evidence}) in the `{variant}` variant, which only an upset customer hears: acknowledge the problem instead',
    variantNotEmpathetic:
      '{tone} ({evidence}) in the `{variant}` variant, which only an upset customer hears: it should acknowledge how they feel',
    fallbackUpbeat:
      'upbeat ({evidence}) in a fallback message: the bot has just failed to understand the customer, so sound sorry and calm, not cheerful',
    handoffUpbeat:
      'upbeat ({evidence}) in a handoff message: customers are passed to a person when something went wrong, so sound calm and reassuring',
    unresolvedUpbeat:
      'upbeat ({evidence}) in an `end: unresolved` message: the customer leaves without a fix, so do not sound pleased',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports = new Map<string, Report>();
    const toneCache = new Map<string, ToneResult>();
    const toneOf = (text: string): ToneResult => {
      let r = toneCache.get(text);
      if (!r) {
        r = perText(project, 'tone', text, analyzeTone);
        toneCache.set(text, r);
      }
      return r;
    };
    // One finding per text: the first reason found (a route's, with its path) wins.
    const report = (t: MessageText, r: Report) => {
      const key = `${t.pos.file}:${t.pos.line}:${t.pos.column}`;
      if (!reports.has(key)) reports.set(key, r);
    };

    // (a) the first message after a route or handler on a negative sentiment
    const checkRoute = (route: Route, from: Step | undefined) => {
      if (!('sentiment' in route.when) || !UPSET.has(route.when.sentiment)) return;
      const label = route.when.sentiment as 'negative' | 'very_negative';
      const via =
        route.scope === 'step' ? 'route' : route.scope === 'flow' ? 'flow handler' : 'global handler';
      // A route on `negative` also takes very negative replies, which hear the very_negative variant.
      const labels: ('negative' | 'very_negative')[] =
        label === 'negative' ? ['negative', 'very_negative'] : ['very_negative'];
      for (const ids of firstSpeakers(graph, route.goto.qid)) {
        const speaker = graph.steps.get(ids[ids.length - 1])!;
        const message = firstMessage(speaker)!;
        const heard = new Set(labels.map((l) => variantFor(message, l)));
        const path = toPathSteps(graph, from ? [from.qid, ...ids] : ids);
        for (const t of textsOf(message)) {
          if (t.variant && !heard.has(t.variant)) continue;
          const r = toneOf(t.text);
          if (r.tone === 'empathetic') continue;
          report(t, {
            messageId: r.tone === 'upbeat' ? 'routeUpbeat' : 'routeNotEmpathetic',
            data: { tone: r.tone, evidence: quote(r), label: labelText(label), via },
            at: t.pos,
            path,
            evidence: r.evidence,
          });
        }
      }
    };
    const steps = [...graph.steps.values()];
    for (const s of steps) for (const route of s.routes ?? []) checkRoute(route, s);
    for (const f of project.flows.values()) for (const route of f.handlers) checkRoute(route, undefined);
    for (const route of project.config.handlers) checkRoute(route, undefined);

    // (b) negative and very negative variants of any message
    const fallbacks = [...steps.map((s) => s.fallback?.say), project.config.fallback?.say];
    const messages = [...steps.flatMap((s) => [s.say, s.ask]), ...fallbacks];
    for (const m of messages) {
      for (const t of textsOf(m)) {
        if (!t.variant || !UPSET.has(t.variant)) continue;
        const r = toneOf(t.text);
        if (r.tone === 'empathetic') continue;
        report(t, {
          messageId: r.tone === 'upbeat' ? 'variantUpbeat' : 'variantNotEmpathetic',
          data: { tone: r.tone, evidence: quote(r), variant: t.variant },
          at: t.pos,
          evidence: r.evidence,
        });
      }
    }

    // (c) cheerfulness where something went wrong
    const noUpbeat = (m: Message | undefined, messageId: string) => {
      for (const t of textsOf(m)) {
        const r = toneOf(t.text);
        if (r.tone === 'upbeat')
          report(t, { messageId, data: { evidence: quote(r) }, at: t.pos, evidence: r.evidence });
      }
    };
    for (const m of fallbacks) noUpbeat(m, 'fallbackUpbeat');
    for (const s of steps) {
      if (s.kind === 'handoff') noUpbeat(s.say, 'handoffUpbeat');
      if (s.kind === 'end' && s.end?.outcome === 'unresolved') noUpbeat(s.say, 'unresolvedUpbeat');
    }

    return [...reports.values()];
  },
});
