import { projectGraph, type StepGraph } from '../analysis/graph.js';
import { leadsStraightToPerson } from '../analysis/paths.js';
import type { DataDef, Pos, Project, Target } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** Situations in which a customer needs a person, whatever the bot could do: by topic. */
const SITUATIONS: [topic: string, words: RegExp][] = [
  [
    'fraud',
    /\b(?:fraud\w*|scam\w*|hacked|phishing|unauthori[sz]ed|(?:did ?n['’]?o?t|never) (?:make|authori[sz]e)|someone (?:else )?(?:used|took|has|accessed|is using)|identity theft|stolen identity)\b/iu,
  ],
  [
    'a death',
    /\b(?:passed away|died|death|deceased|bereave\w*|funeral|widow(?:ed|er)?|lost my (?:husband|wife|partner|mother|father|mum|mom|dad|son|daughter))\b/iu,
  ],
  [
    'a safety risk',
    /\b(?:abuse\w*|violen\w*|threat\w*|unsafe|in danger|harass\w*|stalk\w*|suicid\w*|self[- ]harm|hurt myself|kill myself|emergency|gas leak|smell gas|carbon monoxide|on fire|injur\w*)\b/iu,
  ],
  [
    'financial hardship',
    /\b(?:financial hardship|can['’]?no?t (?:afford|pay)|struggling to pay|lost my job|bankrupt\w*|in debt)\b/iu,
  ],
];

/** The topic a text reveals, if any. */
function topicOf(text: string): string | undefined {
  return SITUATIONS.find(([, re]) => re.test(text))?.[0];
}

/** Every place a choice's value is compared in a condition: `reason == "fraud"` → its target. */
function valueRoutes(project: Project, data: DataDef): Map<string, Target[]> {
  const out = new Map<string, Target[]>();
  const visit = (logic: unknown, goto: Target) => {
    if (!logic || typeof logic !== 'object') return;
    if (Array.isArray(logic)) {
      for (const l of logic) visit(l, goto);
      return;
    }
    for (const [op, args] of Object.entries(logic)) {
      if ((op === '==' || op === '===') && Array.isArray(args)) {
        const v = args.find((a) => typeof a === 'string');
        const reads = args.some(
          (a) => a && typeof a === 'object' && (a as { var?: unknown }).var === data.qid,
        );
        if (reads && typeof v === 'string')
          out.set(v.toLowerCase(), [...(out.get(v.toLowerCase()) ?? []), goto]);
      } else visit(args, goto);
    }
  };
  for (const flow of project.flows.values())
    for (const step of flow.steps.values()) {
      for (const c of step.branch ?? []) visit(c.if.logic, c.goto);
      for (const r of step.routes ?? []) if ('if' in r.when) visit(r.when.if.logic, r.goto);
    }
  return out;
}

/**
 * A customer who reveals a sensitive situation (fraud, someone else used their card, a death, a
 * safety risk, financial hardship) reaches a person straight away, however they reveal it: by
 * picking an option, by an answer the bot collects (a `choice` value), or by an intent most of
 * whose examples say so but which is not marked `sensitive` (sensitive-intent checks those that are).
 */
export default defineRule({
  id: 'sensitive-answer',
  category: 'empathy',
  severity: 'error',
  description: 'A sensitive situation revealed by an answer or an option goes straight to a person.',
  messages: {
    option:
      'option "{label}" of `{step}` tells the bot about {topic}, but leads to `{target}`, not straight to a person: send it to a handoff (at most messages before it, no question)',
    value:
      'the answer "{value}" to `{step}` tells the bot about {topic}, but no branch or route sends it straight to a person: add `if: {name} == "{value}"` leading to a handoff',
    intent:
      'intent `{intent}` is about {topic} (its examples say so), but it is not marked `sensitive` and goes to `{target}`, not straight to a person: mark it `sensitive: true` and route it to a handoff',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    const straight = (t: Target) => !graph.steps.has(t.qid) || leadsStraightToPerson(graph, t.qid);
    for (const step of graph.steps.values()) {
      for (const o of step.options ?? []) {
        const topic = topicOf(o.label);
        if (topic && !straight(o.goto))
          reports.push({
            messageId: 'option',
            data: { label: o.label, step: step.id, topic, target: o.goto.raw },
            at: o.pos,
          });
      }
      if (step.kind === 'ask' && step.collect) {
        const def = project.flows.get(step.flow)?.data.get(step.collect.name);
        if (def?.type !== 'choice') continue;
        const routes = valueRoutes(project, def);
        for (const value of def.values ?? []) {
          const topic = topicOf(value.replace(/[_-]+/g, ' '));
          if (!topic) continue;
          if ((routes.get(value.toLowerCase()) ?? []).some(straight)) continue;
          reports.push({
            messageId: 'value',
            data: { value, step: step.id, topic, name: def.name },
            at: step.collect.pos,
          });
        }
      }
    }
    reportIntents(project, graph, straight, reports);
    return reports;
  },
});

function reportIntents(
  project: Project,
  graph: StepGraph,
  straight: (t: Target) => boolean,
  reports: Report[],
): void {
  const routed = new Map<string, { goto: Target; at: Pos }[]>();
  const add = (intent: string | undefined, goto: Target) => {
    if (intent) routed.set(intent, [...(routed.get(intent) ?? []), { goto, at: goto.pos }]);
  };
  for (const r of project.config.handlers) if ('intent' in r.when) add(r.when.intent, r.goto);
  for (const flow of project.flows.values()) {
    for (const r of flow.handlers) if ('intent' in r.when) add(r.when.intent, r.goto);
    for (const step of flow.steps.values()) {
      for (const r of step.routes ?? []) if ('intent' in r.when) add(r.when.intent, r.goto);
      for (const o of step.options ?? []) add(o.intent, o.goto);
    }
  }
  for (const intent of project.intents.values()) {
    if (intent.sensitive || intent.builtin || intent.examples.length === 0) continue;
    const topics = intent.examples.map(topicOf).filter((t) => t !== undefined);
    // About a sensitive situation: most of its examples say so.
    if (topics.length * 2 <= intent.examples.length) continue;
    for (const { goto, at } of routed.get(intent.qid) ?? []) {
      if (straight(goto) || !graph.steps.has(goto.qid)) continue;
      reports.push({
        messageId: 'intent',
        data: { intent: intent.name, topic: topics[0]!, target: goto.raw },
        at,
      });
    }
  }
}
