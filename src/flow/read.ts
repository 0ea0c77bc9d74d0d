// Small readers of parsed YAML values that never throw on unexpected shapes: the schema reports
// those, and the model leaves them out. The readers of model parts (messages, targets, conditions,
// routes, intents) are shared by flow files and the config.
import { type ParsedCondition, parseCondition } from './conditions.js';
import type {
  Condition,
  IntentDef,
  Message,
  MessageValue,
  Pos,
  Route,
  SentimentLabel,
  Target,
} from './types.js';
import type { ParsedYaml, PathKey } from './yaml.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function readMessage(p: ParsedYaml, at: PathKey[], v: unknown): Message | undefined {
  const pos = p.posAt(at);
  if (typeof v === 'string') return { value: { kind: 'text', variants: [v] }, pos, textPos: [pos] };
  if (Array.isArray(v)) {
    const texts = v.map((t, i) => [t, i] as const).filter(([t]) => typeof t === 'string');
    return {
      value: { kind: 'text', variants: texts.map(([t]) => t as string) },
      pos,
      textPos: texts.map(([, i]) => p.posAt([...at, i])),
    };
  }
  if (isObj(v)) {
    const variants: Extract<MessageValue, { kind: 'sentiment' }>['variants'] = {};
    const textPos: Pos[] = [];
    for (const key of ['default', 'positive', 'neutral', 'negative', 'very_negative'] as const) {
      const inner = v[key];
      if (typeof inner === 'string') {
        variants[key] = [inner];
        textPos.push(p.posAt([...at, key]));
      } else if (Array.isArray(inner)) {
        const ok = inner.map((t, i) => [t, i] as const).filter(([t]) => typeof t === 'string');
        variants[key] = ok.map(([t]) => t as string);
        for (const [, i] of ok) textPos.push(p.posAt([...at, key, i]));
      }
    }
    return { value: { kind: 'sentiment', variants }, pos, textPos };
  }
  return undefined;
}

// The qualified names of the flow being built, each made once: a step's id and every target that
// names it share one string (at 100k steps, 260k names became 100k).
let namesOf: string | undefined;
let names = new Map<string, string>();

export function qualifyTarget(raw: string, flow: string | undefined): string {
  return raw.includes('/') || !flow ? raw : qualifiedName(flow, raw);
}

/** `flow/name`, the same string for the same name while one flow is built. */
export function qualifiedName(flow: string, raw: string): string {
  if (flow !== namesOf) {
    namesOf = flow;
    names = new Map();
  }
  let qid = names.get(raw);
  if (qid === undefined) {
    qid = `${flow}/${raw}`;
    names.set(raw, qid);
  }
  return qid;
}

export function readTarget(
  p: ParsedYaml,
  at: PathKey[],
  v: unknown,
  flow: string | undefined,
): Target | undefined {
  const raw = str(v);
  if (!raw) return undefined;
  return { raw, qid: qualifyTarget(raw, flow), pos: p.posAt(at) };
}

// The conditions of the flow being built, each source parsed once: a flow says `tries > 2` in many
// branches. The parse is read-only data, shared by the conditions of the same source.
let conditionsOf: string | undefined;
let conditions = new Map<string, ParsedCondition>();

export function readCondition(p: ParsedYaml, at: PathKey[], v: unknown, flow: string | undefined): Condition {
  const pos = p.posAt(at);
  if (typeof v === 'string') {
    if (flow !== conditionsOf) {
      conditionsOf = flow;
      conditions = new Map();
    }
    let parsed = conditions.get(v);
    if (!parsed) {
      parsed = parseCondition(v, (n: string) => (flow ? `${flow}/${n}` : n));
      conditions.set(v, parsed);
    }
    if (parsed.error !== undefined) return { source: v, error: parsed.error, pos };
    return { source: v, logic: parsed.logic, names: parsed.names, comparisons: parsed.comparisons, pos };
  }
  if (isObj(v)) return { source: JSON.stringify(v), logic: v, pos };
  return { source: String(v), error: 'a condition must be an expression string or a JSON Logic object', pos };
}

export function readRoute(
  p: ParsedYaml,
  at: PathKey[],
  v: unknown,
  flow: string | undefined,
  scope: Route['scope'],
): Route | undefined {
  if (!isObj(v)) return undefined;
  const goto = readTarget(p, [...at, 'goto'], v.goto, flow);
  if (!goto) return undefined;
  const pos = p.posAt(at);
  if (typeof v.intent === 'string')
    return { when: { intent: v.intent, intentPos: p.posAt([...at, 'intent']) }, goto, pos, scope, flow };
  if (typeof v.sentiment === 'string')
    return { when: { sentiment: v.sentiment as SentimentLabel }, goto, pos, scope, flow };
  if (v.if !== undefined)
    return { when: { if: readCondition(p, [...at, 'if'], v.if, flow) }, goto, pos, scope, flow };
  return undefined;
}

export function readIntents(
  p: ParsedYaml,
  at: PathKey[],
  v: unknown,
  flow: string | undefined,
): Map<string, IntentDef> {
  const out = new Map<string, IntentDef>();
  for (const [name, def] of entries(v)) {
    const d = isObj(def) ? def : {};
    out.set(name, {
      name,
      qid: flow ? `${flow}/${name}` : name,
      flow,
      examples: list(d.examples).filter((e): e is string => typeof e === 'string'),
      sensitive: d.sensitive === true,
      description: str(d.description),
      builtin: false,
      pos: p.posAt([...at, name], { key: true }),
    });
  }
  return out;
}
