import type { Comparison } from './conditions.js';

/**
 * The project model: what `loadProject` builds from flow files and tact.config.yaml.
 * Every node the rules may point at carries a source position (1-based line and column).
 */

export type Severity = 'error' | 'warn' | 'info';
export type SeveritySetting = Severity | 'off';
export type Channel = 'chat' | 'sms' | 'voice';
export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'very_negative';
export type Tone = 'empathetic' | 'neutral' | 'upbeat' | 'apologetic' | 'reassuring';
export type DataType = 'text' | 'number' | 'boolean' | 'email' | 'phone' | 'date' | 'choice';
export type StepKind = 'message' | 'ask' | 'branch' | 'action' | 'handoff' | 'end';

/** A place in a source file. `file` is relative to the working directory, with forward slashes. */
export interface Pos {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface SentimentThresholds {
  positive: number;
  negative: number;
  very_negative: number;
}

/** A message as written: one string, variants used in turn, or variants by the customer's sentiment. */
export type MessageValue =
  | { kind: 'text'; variants: string[] }
  | { kind: 'sentiment'; variants: Partial<Record<'default' | SentimentLabel, string[]>> };

export interface Message {
  value: MessageValue;
  pos: Pos;
  /** Position of each individual text, in the order of `messageTexts`. */
  textPos: Pos[];
}

/** A step, flow or intent reference as written, with its resolved qualified id (`flow/step`). */
export interface Target {
  raw: string;
  /** Qualified id. For an unresolvable target this is still the best guess (`flow/raw`). */
  qid: string;
  pos: Pos;
}

export interface Condition {
  source: string;
  /** JSON Logic; undefined when the expression does not parse. */
  logic?: unknown;
  /** Parse error, when the expression does not parse. */
  error?: string;
  /** For an expression that parses: every name it reads, as written (built-ins included). */
  names?: string[];
  /** For an expression that parses: its `name OP literal` comparisons. */
  comparisons?: Comparison[];
  pos: Pos;
}

export type RouteWhen =
  | { intent: string; intentPos: Pos }
  | { sentiment: SentimentLabel }
  | { if: Condition };

export interface Route {
  when: RouteWhen;
  goto: Target;
  pos: Pos;
  /** 'step' (a step's routes), 'flow' (a flow's handlers) or 'global' (tact.config.yaml handlers). */
  scope: 'step' | 'flow' | 'global';
  /** Flow the route is declared in (for global handlers: undefined). */
  flow?: string;
}

export interface OptionDef {
  label: string;
  goto: Target;
  intent?: string;
  intentPos?: Pos;
  pos: Pos;
}

export interface FallbackDef {
  say?: Message;
  max: number;
  then?: Target;
  pos: Pos;
  /** True when this came from tact.config.yaml's `fallback`, not the step. */
  inherited: boolean;
}

export interface BranchCase {
  if: Condition;
  goto: Target;
  pos: Pos;
}

export interface Step {
  id: string;
  /** `flow/id` */
  qid: string;
  flow: string;
  kind: StepKind;
  pos: Pos;
  say?: Message;
  ask?: Message;
  collect?: { name: string; pos: Pos };
  options?: OptionDef[];
  /** Position of the `options` key. */
  optionsPos?: Pos;
  routes?: Route[];
  fallback?: FallbackDef;
  next?: Target;
  branch?: BranchCase[];
  else?: Target;
  action?: { name: string; pos: Pos };
  sets?: { name: string; pos: Pos }[];
  handoff?: { queue?: string; reason?: string; pos: Pos };
  end?: { outcome: 'resolved' | 'unresolved'; pos: Pos };
  tone?: { value: Tone; pos: Pos };
  discloses?: { all: boolean; names: { name: string; pos: Pos }[]; pos: Pos };
}

export interface DataDef {
  name: string;
  /** `flow/name` */
  qid: string;
  flow: string;
  type: DataType;
  /** As written; undefined when not written. */
  personalWritten?: boolean;
  /** Effective: written, or implied by type/sensitive. */
  personal: boolean;
  sensitive: boolean;
  purpose?: string;
  retention?: string;
  pattern?: string;
  values?: string[];
  pos: Pos;
}

export interface IntentDef {
  name: string;
  /** Qualified id: `flow/name` for flow-local intents, the bare name for shared and built-in ones. */
  qid: string;
  /** Owning flow, or undefined for shared (config) and built-in intents. */
  flow?: string;
  examples: string[];
  sensitive: boolean;
  description?: string;
  builtin: boolean;
  pos?: Pos;
}

export interface Flow {
  id: string;
  file: string;
  pos: Pos;
  idPos: Pos;
  title?: string;
  channel: Channel;
  start: string;
  startPos?: Pos;
  data: Map<string, DataDef>;
  intents: Map<string, IntentDef>;
  handlers: Route[];
  steps: Map<string, Step>;
}

export interface RuleSetting {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
  pos?: Pos;
}

export interface Config {
  file?: string;
  /** The bot's name in the compiled file (`name:`); default: the project folder's name. */
  name?: string;
  /** `disclosure`: what the bot says when asked whether it is a person (built-in intent `are_you_a_bot`). */
  bot: { name?: string; company?: string; disclosure?: { text: string; pos: Pos } };
  entry?: Target;
  channel: Channel;
  intents: Map<string, IntentDef>;
  handlers: Route[];
  fallback?: { say?: Message; max: number; then?: Target; pos: Pos };
  sentiment: SentimentThresholds;
  rules: Map<string, RuleSetting>;
  /** `ignore:` gitignore-style patterns, relative to the config's folder, that discovery leaves out. */
  ignore: string[];
}

/** A problem found while loading (rules `yaml` and `schema`, and a few structure checks). */
export interface LoadProblem {
  rule: 'yaml' | 'schema' | 'duplicate-flow';
  message: string;
  pos: Pos;
  related?: { pos: Pos; message: string }[];
}

export interface SourceFile {
  path: string;
  kind: 'flow' | 'config' | 'persona';
  text: string;
}

export interface Project {
  /** Folder the paths were resolved against (the working directory). */
  cwd: string;
  files: SourceFile[];
  config: Config;
  flows: Map<string, Flow>;
  /** Qualified id of the bot's first step, when it can be determined. */
  entry?: string;
  /** All intents by qualified id, including the built-in `human`. */
  intents: Map<string, IntentDef>;
  problems: LoadProblem[];
  /** The simulated customers found beside the flows (`*.persona.yaml`), in file order. */
  personas: Persona[];
}

export type Mood = 'calm' | 'happy' | 'confused' | 'anxious' | 'impatient' | 'frustrated' | 'angry' | 'sad';
export const MOODS: readonly Mood[] = [
  'calm',
  'happy',
  'confused',
  'anxious',
  'impatient',
  'frustrated',
  'angry',
  'sad',
];
/** What a persona expects of a conversation: `outcome` as written, `abandoned` included. */
export type ExpectedOutcome = 'resolved' | 'handoff' | 'abandoned';

/** A simulated customer (simulation.md), as read from a `*.persona.yaml` file. */
export interface Persona {
  id: string;
  file: string;
  pos: Pos;
  mood: Mood;
  goal: string;
  opening?: string;
  /** Data name as written (local `order_id` or qualified `retail/order_id`) → value. */
  knows: Map<string, { value: string | number | boolean; pos: Pos }>;
  /** Unhelpful bot turns before the customer asks for a person (default 3). */
  patience: number;
  traits: string[];
  /** Action name → the data it returns in this scenario. */
  world: Map<string, { data: Record<string, unknown>; pos: Pos; keys: Map<string, Pos> }>;
  expect: {
    outcome?: ExpectedOutcome[];
    maxTurns?: number;
    humanWithin?: number;
    minEmpathy?: number;
    pos?: Pos;
  };
}
