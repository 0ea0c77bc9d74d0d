// Flow files: parse, validate and build the flow model of one `*.flow.yaml`.
import { BIRTH_DATE_NAME, DEFAULT_FALLBACK_MAX, PERSONAL_TYPES } from './builtins.js';
import {
  entries,
  isObj,
  list,
  type Obj,
  qualifiedName,
  readCondition,
  readIntents,
  readMessage,
  readRoute,
  readTarget,
  str,
} from './read.js';
import type {
  BranchCase,
  Channel,
  Config,
  DataDef,
  DataType,
  FallbackDef,
  Flow,
  LoadProblem,
  OptionDef,
  Route,
  Step,
  StepKind,
  Tone,
} from './types.js';
import { validateAgainstSchema } from './validate.js';
import type { ParsedYaml, PathKey } from './yaml.js';
import { parseYamlFile } from './yaml-limits.js';

/** Parse, validate and build one flow file: the flow (if it can be built) and the file's problems. */
export function readFlowFile(
  file: string,
  text: string,
  config: Config,
): { flow?: Flow; problems: LoadProblem[] } {
  const parsed = parseYamlFile(file, text);
  const problems = [...parsed.problems];
  if (parsed.value === undefined) return { problems };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    problems.push({
      rule: 'schema',
      message: 'a flow file must be a map with `flow` and `steps`',
      pos: parsed.posAt([]),
    });
    return { problems };
  }
  problems.push(...validateAgainstSchema('flow', parsed));
  return { flow: buildFlow(parsed, config), problems };
}

function stepKind(s: Obj): StepKind {
  if ('ask' in s) return 'ask';
  if ('branch' in s) return 'branch';
  if ('action' in s) return 'action';
  if ('handoff' in s) return 'handoff';
  if ('end' in s) return 'end';
  return 'message';
}

function buildFlow(p: ParsedYaml, config: Config): Flow | undefined {
  const v = p.value as Obj;
  const id = str(v.flow);
  if (!id || !/^[a-z][a-z0-9_-]*$/.test(id)) return undefined;
  const stepsObj = isObj(v.steps) ? v.steps : {};
  const stepIds = Object.keys(stepsObj);
  const flow: Flow = {
    id,
    file: p.file,
    pos: p.posAt([]),
    idPos: p.posAt(['flow']),
    title: str(v.title),
    channel: (['chat', 'sms', 'voice'].includes(v.channel as string) ? v.channel : config.channel) as Channel,
    start: str(v.start) ?? stepIds[0] ?? '',
    startPos: v.start !== undefined ? p.posAt(['start']) : undefined,
    data: new Map(),
    intents: readIntents(p, ['intents'], v.intents, id),
    handlers: [],
    steps: new Map(),
  };
  for (const [name, raw] of entries(v.data)) {
    const d = isObj(raw) ? raw : {};
    const type = (str(d.type) ?? 'text') as DataType;
    const personalWritten = typeof d.personal === 'boolean' ? d.personal : undefined;
    const sensitive = d.sensitive === true;
    const def: DataDef = {
      name,
      qid: `${id}/${name}`,
      flow: id,
      type,
      personalWritten,
      personal:
        personalWritten ??
        (PERSONAL_TYPES.has(type) || (type === 'date' && BIRTH_DATE_NAME.test(name)) || sensitive),
      sensitive,
      purpose: str(d.purpose),
      retention: str(d.retention),
      pattern: str(d.pattern),
      values: Array.isArray(d.values)
        ? d.values.filter((x): x is string => typeof x === 'string')
        : undefined,
      pos: p.posAt(['data', name], { key: true }),
    };
    flow.data.set(name, def);
  }
  flow.handlers = list(v.handlers)
    .map((h, i) => readRoute(p, ['handlers', i], h, id, 'flow'))
    .filter((r): r is Route => r !== undefined);

  for (const [sid, raw] of Object.entries(stepsObj)) {
    if (!isObj(raw)) continue;
    const at: PathKey[] = ['steps', sid];
    const s = raw;
    const step: Step = {
      id: sid,
      qid: qualifiedName(id, sid),
      flow: id,
      kind: stepKind(s),
      pos: p.posAt(at, { key: true }),
    };
    if (s.say !== undefined) step.say = readMessage(p, [...at, 'say'], s.say);
    if (s.ask !== undefined) step.ask = readMessage(p, [...at, 'ask'], s.ask);
    if (typeof s.collect === 'string') step.collect = { name: s.collect, pos: p.posAt([...at, 'collect']) };
    if (Array.isArray(s.options)) {
      step.optionsPos = p.posAt([...at, 'options'], { key: true });
      step.options = s.options
        .map((o, i): OptionDef | undefined => {
          if (!isObj(o) || typeof o.label !== 'string') return undefined;
          const goto = readTarget(p, [...at, 'options', i, 'goto'], o.goto, id);
          if (!goto) return undefined;
          return {
            label: o.label,
            goto,
            intent: str(o.intent),
            intentPos: o.intent !== undefined ? p.posAt([...at, 'options', i, 'intent']) : undefined,
            pos: p.posAt([...at, 'options', i]),
          };
        })
        .filter((o): o is OptionDef => o !== undefined);
    }
    if (Array.isArray(s.routes)) {
      step.routes = s.routes
        .map((r, i) => readRoute(p, [...at, 'routes', i], r, id, 'step'))
        .filter((r): r is Route => r !== undefined);
    }
    if (step.kind === 'ask') {
      if (isObj(s.fallback)) {
        step.fallback = {
          say:
            s.fallback.say !== undefined
              ? readMessage(p, [...at, 'fallback', 'say'], s.fallback.say)
              : undefined,
          max:
            typeof s.fallback.max === 'number'
              ? s.fallback.max
              : (config.fallback?.max ?? DEFAULT_FALLBACK_MAX),
          then: readTarget(p, [...at, 'fallback', 'then'], s.fallback.then, id),
          pos: p.posAt([...at, 'fallback'], { key: true }),
          inherited: false,
        } satisfies FallbackDef;
        if (!step.fallback.say && config.fallback?.say) step.fallback.say = config.fallback.say;
        if (!step.fallback.then && s.fallback.then === undefined && config.fallback?.then)
          step.fallback.then = { ...config.fallback.then };
      } else if (config.fallback) {
        step.fallback = {
          ...config.fallback,
          then: config.fallback.then && { ...config.fallback.then },
          inherited: true,
        };
      }
    }
    step.next = readTarget(p, [...at, 'next'], s.next, id);
    if (Array.isArray(s.branch)) {
      const cases: BranchCase[] = [];
      s.branch.forEach((c, i) => {
        if (!isObj(c)) return;
        if (c.else !== undefined) step.else = readTarget(p, [...at, 'branch', i, 'else'], c.else, id);
        else if (c.if !== undefined) {
          const goto = readTarget(p, [...at, 'branch', i, 'goto'], c.goto, id);
          if (goto)
            cases.push({
              if: readCondition(p, [...at, 'branch', i, 'if'], c.if, id),
              goto,
              pos: p.posAt([...at, 'branch', i]),
            });
        }
      });
      step.branch = cases;
    }
    if (typeof s.action === 'string') step.action = { name: s.action, pos: p.posAt([...at, 'action']) };
    if (Array.isArray(s.sets))
      step.sets = s.sets
        .map((n, i) => ({ n, i }))
        .filter(({ n }) => typeof n === 'string')
        .map(({ n, i }) => ({ name: n as string, pos: p.posAt([...at, 'sets', i]) }));
    if (s.handoff !== undefined) {
      const h = isObj(s.handoff) ? s.handoff : {};
      step.handoff = {
        queue: str(h.queue),
        reason: str(h.reason),
        pos: p.posAt([...at, 'handoff'], { key: true }),
      };
    }
    if (s.end === 'resolved' || s.end === 'unresolved')
      step.end = { outcome: s.end, pos: p.posAt([...at, 'end']) };
    if (typeof s.tone === 'string') step.tone = { value: s.tone as Tone, pos: p.posAt([...at, 'tone']) };
    if (s.discloses !== undefined) {
      const all = s.discloses === 'all';
      step.discloses = {
        all,
        names: all
          ? []
          : list(s.discloses)
              .map((n, i) => ({ n, i }))
              .filter(({ n }) => typeof n === 'string')
              .map(({ n, i }) => ({ name: n as string, pos: p.posAt([...at, 'discloses', i]) })),
        pos: p.posAt([...at, 'discloses']),
      };
    }
    flow.steps.set(sid, step);
  }
  return flow;
}
