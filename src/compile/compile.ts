import path from 'node:path';
import { TactError } from '../errors.js';
import type { LoadedProject } from '../flow/load.js';
import type { Condition, DataDef, Flow, Pos, Project, Route, Step } from '../flow/types.js';
import type { BotData, BotFile, BotOption, BotRoute, BotStep } from '../runtime/bot-types.js';
import { ARE_YOU_A_BOT } from '../runtime/routing.js';
import { botHash, sortedRecord } from './canonical.js';
import { compileMessage } from './messages.js';
import { buildNlu, type NluOptions } from './nlu-train.js';

export interface CompileOptions {
  /** Knobs of the intent matcher's index (defaults: what tact ships). */
  nlu?: NluOptions;
}

export interface CompileResult {
  bot: BotFile;
  /** The bot file as written by `tact compile`: pretty-printed, 2 spaces, trailing newline. */
  json: string;
}

/** Names a condition may read that are not data (flow-format.md, Conditions). */
const CONDITION_BUILTINS = new Set(['sentiment', 'turn', 'fallbacks', 'channel']);

/**
 * Compile a loaded project into the portable bot file (bot-format.md). Does not lint: callers that
 * want the CI gate run `lintProject` first (as `tact compile` does). The output is deterministic:
 * the same project gives the same bytes wherever it lives (no absolute paths, no timestamps), and
 * `hash` is `sha256-<hex>` of the canonical JSON of everything else. Throws a TactError (exit 1)
 * when the bot has no entry step (several flows and no `entry:` in tact.config.yaml).
 */
export function compileProject(project: LoadedProject, options: CompileOptions = {}): CompileResult {
  const entry = entryOf(project);
  const steps: [string, BotStep][] = [];
  const source: [string, string][] = [];
  const data: [string, BotData][] = [];
  const handlers: [string, BotRoute[]][] = [['*', project.config.handlers.map((r) => compileRoute(r))]];

  for (const flow of project.flows.values()) {
    handlers.push([flow.id, flow.handlers.map((r) => compileRoute(r, flow.id))]);
    for (const def of flow.data.values()) data.push([def.qid, compileData(def)]);
    for (const step of flow.steps.values()) {
      steps.push([step.qid, compileStep(step, flow)]);
      source.push([step.qid, sourceOf(project, step.pos)]);
    }
  }

  const intents = sortedRecord(
    // `are_you_a_bot` is read by its form (runtime/routing.ts `asksWhetherBot`), not matched.
    [...project.intents.values()]
      .filter((i) => !(i.builtin && i.qid === ARE_YOU_A_BOT))
      .map((i): [string, BotFile['intents'][string]] => [
        i.qid,
        {
          examples: i.examples.filter((e) => e.trim() !== ''),
          ...(i.sensitive ? { sensitive: true } : {}),
        },
      ]),
  );
  const config = project.config;
  const escalation = escalationOf(project, entry);

  // Top-level keys in the documented order; `hash` is filled in last, over everything else.
  const bot: BotFile = {
    format: 'tact-bot',
    version: 1,
    name: botName(project),
    hash: '',
    entry,
    channel: config.channel,
    bot: defined({
      name: config.bot.name,
      company: config.bot.company,
      disclosure: disclosureOf(config.bot),
    }),
    sentiment: {
      positive: config.sentiment.positive,
      negative: config.sentiment.negative,
      very_negative: config.sentiment.very_negative,
    },
    ...(escalation ? { escalation } : {}),
    intents,
    data: sortedRecord(data),
    steps: sortedRecord(steps),
    handlers: sortedRecord(handlers),
    nlu: buildNlu(intents, options.nlu),
    source: sortedRecord(source),
  };
  bot.hash = botHash(bot);
  return { bot, json: `${JSON.stringify(bot, null, 2)}\n` };
}

function entryOf(project: Project): string {
  if (!project.entry) {
    const flows = [...project.flows.keys()];
    const example = `${flows[0]}/${project.flows.get(flows[0])?.start ?? 'start'}`;
    const root = (project as Partial<LoadedProject>).root;
    const where = root ? path.relative(project.cwd, root) || '.' : 'the project folder';
    throw new TactError(
      flows.length === 0 ? 'no flows to compile' : `the bot has ${flows.length} flows and no entry step`,
      1,
      flows.length === 0
        ? 'give the folder or files that hold your *.flow.yaml'
        : project.config.file
          ? `set \`entry:\` in ${project.config.file}, e.g. \`entry: ${example}\``
          : `no tact.config.yaml in ${where} or a folder above it: create one with \`entry: ${example}\``,
    );
  }
  const [flowId, stepId] = project.entry.split('/');
  if (!project.flows.get(flowId)?.steps.has(stepId ?? ''))
    throw new TactError(
      `the entry \`${project.entry}\` is not a step of the project`,
      1,
      'set `entry:` in tact.config.yaml to an existing `flow/step`',
    );
  return project.entry;
}

/**
 * The bot's answer to "are you a real person?": the config's `bot.disclosure`, else one said in
 * the bot's name ("I'm Ava, Acme's automated assistant, not a person.").
 */
export function disclosureOf(bot: Project['config']['bot']): string {
  if (bot.disclosure?.text.trim()) return bot.disclosure.text;
  const who = bot.company ? `${bot.company}'s automated assistant` : 'an automated assistant';
  return `I'm ${bot.name ? `${bot.name}, ${who}` : who}, not a person.`;
}

/** Config `name`, else a slug of the bot's name, else `tact-bot`; never the folder's name. */
function botName(project: Project): string {
  if (project.config.name) return project.config.name;
  const slug = (project.config.bot.name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'tact-bot';
}

/**
 * Where the runtime goes when it cannot go on: the config fallback's `then` if that is a handoff
 * step, else the first handoff step (in document order) of the entry flow.
 */
function escalationOf(project: Project, entry: string): string | undefined {
  const stepAt = (qid: string): Step | undefined => {
    const [f, s] = qid.split('/');
    return project.flows.get(f)?.steps.get(s ?? '');
  };
  const then = project.config.fallback?.then?.qid;
  if (then && stepAt(then)?.kind === 'handoff') return then;
  const flow = project.flows.get(entry.split('/')[0]);
  for (const s of flow?.steps.values() ?? []) if (s.kind === 'handoff') return s.qid;
  return undefined;
}

/** `file:line:column`, the file relative to the project root with forward slashes. */
function sourceOf(project: LoadedProject, pos: Pos): string {
  const abs = path.resolve(project.cwd, pos.file);
  const rel = path.relative(project.root, abs).split(path.sep).join('/');
  return `${rel}:${pos.line}:${pos.column}`;
}

function compileData(def: DataDef): BotData {
  return defined({
    type: def.type,
    personal: def.personal ? true : undefined,
    sensitive: def.sensitive ? true : undefined,
    purpose: def.purpose,
    retention: def.retention,
    pattern: def.pattern,
    values: def.values,
  }) as BotData;
}

function compileStep(step: Step, flow: Flow): BotStep {
  const qualify = (name: string) => (name.includes('/') ? name : `${flow.id}/${name}`);
  const routes: BotRoute[] = [
    ...(step.options ?? []).map((o, i): BotRoute => ({ when: { option: i + 1 }, goto: o.goto.qid })),
    ...(step.routes ?? []).map((r) => compileRoute(r, flow.id)),
  ];
  const fallback = step.fallback && {
    ...defined({ say: compileMessage(step.fallback.say, flow.id) }),
    max: Math.max(1, Math.floor(step.fallback.max)),
    ...defined({ then: step.fallback.then?.qid }),
  };
  return defined({
    kind: step.kind,
    say: compileMessage(step.say, flow.id),
    ask: compileMessage(step.ask, flow.id),
    collect: step.collect && qualify(step.collect.name),
    options: step.options?.length
      ? step.options.map((o): BotOption => defined({ label: o.label, intent: o.intent }))
      : undefined,
    routes: routes.length > 0 ? routes : undefined,
    handlers: step.kind === 'ask' ? flow.id : undefined,
    fallback,
    next: step.next?.qid,
    branch: step.branch?.map((c) => ({ if: compileCondition(c.if, flow.id), goto: c.goto.qid })),
    else: step.else?.qid,
    action: step.action?.name,
    sets: step.sets?.map((s) => qualify(s.name)),
    handoff: step.handoff && defined({ queue: step.handoff.queue, reason: step.handoff.reason }),
    end: step.end?.outcome,
    tone: step.tone?.value,
    discloses:
      step.discloses && (step.discloses.all ? 'all' : step.discloses.names.map((n) => qualify(n.name))),
  }) as BotStep;
}

function compileRoute(route: Route, flow?: string): BotRoute {
  const w = route.when;
  const when: BotRoute['when'] =
    'intent' in w
      ? { intent: w.intent }
      : 'sentiment' in w
        ? { sentiment: w.sentiment }
        : { if: compileCondition(w.if, flow) };
  return { when, goto: route.goto.qid };
}

/**
 * A condition as JSON Logic with qualified data names. Expressions come qualified from the loader;
 * JSON Logic written by hand gets its `var`s qualified here (idempotent on qualified names). A
 * condition that does not parse (compiled only with --force) becomes `false`: it never holds.
 */
function compileCondition(condition: Condition, flow: string | undefined): unknown {
  if (condition.logic === undefined) return false;
  return flow ? qualifyVars(condition.logic, flow) : condition.logic;
}

function qualifyVars(logic: unknown, flow: string): unknown {
  if (Array.isArray(logic)) return logic.map((l) => qualifyVars(l, flow));
  if (!logic || typeof logic !== 'object') return logic;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(logic)) {
    if (k === 'var') {
      const qualify = (name: unknown) =>
        typeof name === 'string' && name !== '' && !name.includes('/') && !CONDITION_BUILTINS.has(name)
          ? `${flow}/${name}`
          : name;
      out[k] = Array.isArray(v)
        ? [qualify(v[0]), ...v.slice(1).map((x) => qualifyVars(x, flow))]
        : qualify(v);
    } else out[k] = qualifyVars(v, flow);
  }
  return out;
}

/** The object without its undefined members (so they do not show up as keys). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
