import { projectGraph, type StepGraph } from '../analysis/graph.js';
import { perProject, perText } from '../analysis/memo.js';
import { analyzeSentiment } from '../analysis/sentiment.js';
import { analyzeTone } from '../analysis/tone.js';
import type { IntentDef, Message, Project, Target } from '../flow/types.js';
import { defineRule } from './define.js';
import { textsOf } from './texts.js';
import type { Report } from './types.js';

/** Jokes, sounds and shrugs: fine between friends, not to a customer who is stuck or hurting. */
const FLIPPANT =
  /\bbeep\b|\bboop\b|\blol\b|\blmao\b|\bha(?:ha)+\b|\bhe(?:he)+\b|\bwhoops\b|\boops(?:ie)?\b|\buh[- ]oh\b|\bmy bad\b|\byikes\b|\bwelp\b|\bmeh\b|\bsilly (?:me|human)\b|\bbe nice\b|\bnice to me\b|\bi['’]?m (?:just|only) a (?:bot|robot|computer|machine)\b|\bmy (?:circuits|wires|tiny brain)\b|\bdoes not compute\b|¯\\_\(ツ\)_\/¯|[🤖😜😂🤣🙃😅🤪😝🤷😛😆]/iu;
/** Intent names that say the customer is upset or grieving. */
const LOADED_NAME =
  /(?:^|_)(?:complain\w*|complaint|sad|upset|angry|anger|frustrat\w*|disappoint\w*|unhappy|bereave\w*|grief|grieving|death|died|passed_away|hurt|distress\w*|worried|anxious)(?:_|$)/;

/** An intent a customer says when upset: by its name, or by most of its examples sounding negative. */
function isLoaded(project: Project, intent: IntentDef): boolean {
  const memo = perProject(project, 'tone-flippant:loaded', () => new WeakMap<IntentDef, boolean>());
  let loaded = memo.get(intent);
  if (loaded === undefined) {
    loaded = intentSoundsLoaded(project, intent);
    memo.set(intent, loaded);
  }
  return loaded;
}

function intentSoundsLoaded(project: Project, intent: IntentDef): boolean {
  if (intent.builtin) return false;
  if (LOADED_NAME.test(intent.name)) return true;
  const xs = intent.examples;
  if (xs.length === 0) return false;
  const negative = xs.filter(
    (x) => analyzeSentiment(x, project.config.sentiment).score <= project.config.sentiment.negative,
  );
  return negative.length * 2 > xs.length;
}

/** The first message said from a step on, through steps that say nothing. */
function firstMessage(graph: StepGraph, from: string): Message | undefined {
  const seen = new Set<string>();
  for (let q: string | undefined = from; q && !seen.has(q); ) {
    seen.add(q);
    const s = graph.steps.get(q);
    if (!s) return undefined;
    const m = s.say ?? s.ask;
    if (m) return m;
    q = (graph.out.get(q) ?? [])[0]?.to;
  }
  return undefined;
}

const flippant = (text: string) => FLIPPANT.exec(text)?.[0];

/**
 * Tone beyond `sentiment:` routes: the bot's reply to an emotionally loaded intent (a complaint,
 * sadness, a bereavement) is neither upbeat nor flippant, and no fallback message is flippant
 * ("beep boop", "lol", "can you be nice to me?"). An upbeat fallback is tone-sentiment's.
 */
export default defineRule({
  id: 'tone-flippant',
  category: 'empathy',
  severity: 'warn',
  description: 'The reply to an upset customer, and every fallback message, is not flippant or upbeat.',
  messages: {
    loadedUpbeat:
      'a customer who says `{intent}` is upset, but the reply at `{target}` sounds upbeat ({evidence}): acknowledge how they feel first',
    loadedFlippant:
      'a customer who says `{intent}` is upset, but the reply at `{target}` is flippant ("{evidence}"): acknowledge how they feel first',
    fallbackFlippant:
      'a fallback message is flippant ("{evidence}"): a customer the bot keeps misunderstanding is already frustrated; apologise and say what to do',
  },
  check(project) {
    const graph = projectGraph(project);
    const reports: Report[] = [];
    const done = new Set<string>();
    const once = (p: { file: string; line: number; column: number }) => {
      const k = `${p.file}:${p.line}:${p.column}`;
      if (done.has(k)) return false;
      done.add(k);
      return true;
    };
    const routes: { intent: string; goto: Target }[] = [];
    const add = (intent: string | undefined, goto: Target) => {
      if (intent) routes.push({ intent, goto });
    };
    for (const r of project.config.handlers) if ('intent' in r.when) add(r.when.intent, r.goto);
    for (const flow of project.flows.values()) {
      for (const r of flow.handlers) if ('intent' in r.when) add(r.when.intent, r.goto);
      for (const step of flow.steps.values()) {
        for (const r of step.routes ?? []) if ('intent' in r.when) add(r.when.intent, r.goto);
        for (const o of step.options ?? []) add(o.intent, o.goto);
      }
    }
    for (const { intent, goto } of routes) {
      const def = project.intents.get(intent);
      if (!def || !isLoaded(project, def)) continue;
      for (const t of textsOf(firstMessage(graph, goto.qid))) {
        const f = perText(project, 'flippant', t.text, flippant);
        const tone = f ? undefined : perText(project, 'tone', t.text, analyzeTone);
        if (!f && tone?.tone !== 'upbeat') continue;
        if (!once(t.pos)) continue;
        reports.push({
          messageId: f ? 'loadedFlippant' : 'loadedUpbeat',
          data: { intent: def.name, target: goto.raw, evidence: f ?? tone!.evidence.join(', ') },
          at: t.pos,
          evidence: f ? [f] : tone!.evidence,
        });
      }
    }
    const fallbacks = [...graph.steps.values()].flatMap((s) =>
      s.fallback && !s.fallback.inherited ? [s.fallback.say] : [],
    );
    for (const m of [...fallbacks, project.config.fallback?.say])
      for (const t of textsOf(m)) {
        const f = perText(project, 'flippant', t.text, flippant);
        if (f && once(t.pos))
          reports.push({ messageId: 'fallbackFlippant', data: { evidence: f }, at: t.pos, evidence: [f] });
      }
    return reports;
  },
});
