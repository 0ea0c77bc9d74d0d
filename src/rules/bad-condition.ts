import { dataRef } from '../analysis/paths.js';
import { suggest } from '../analysis/text-distance.js';
import { CONDITION_BUILTINS, type LiteralKind, parseCondition } from '../flow/conditions.js';
import type { Condition, DataType, Flow, Project } from '../flow/types.js';
import { CONDITION_OPS } from '../runtime/logic.js';
import { defineRule } from './define.js';
import { eachCondition, isJsonLogic } from './refs.js';
import type { Report } from './types.js';

/**
 * The operators of JSON Logic (jsonlogic.com/operations.html): the ones the runtime runs, and `log`,
 * which json-logic-js knows and the runtime refuses (it writes to the console).
 */
const JSON_LOGIC_OPS = [...CONDITION_OPS, 'log'];
const KNOWN_OPS = new Set(JSON_LOGIC_OPS);
const COMPARISON_OPS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in']);

const KIND_OF_TYPE: Record<DataType, LiteralKind> = {
  text: 'string',
  email: 'string',
  phone: 'string',
  date: 'string',
  choice: 'string',
  number: 'number',
  boolean: 'boolean',
};

const KIND_WORDS: Record<LiteralKind, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  list: 'a list',
};

/** What a name holds, for the type check: its kind and, for choices and `channel`, its values. */
interface Typed {
  kind: LiteralKind;
  type: string;
  values?: string[];
}

const CHANNELS = ['chat', 'sms', 'voice'];

function typeOf(project: Project, flow: Flow | undefined, name: string): Typed | undefined {
  if (Object.hasOwn(CONDITION_BUILTINS, name)) {
    const kind = CONDITION_BUILTINS[name];
    return { kind, type: `built-in ${kind}`, values: name === 'channel' ? CHANNELS : undefined };
  }
  const local = dataRef(project, flow?.id, name);
  const def =
    local ??
    (flow === undefined
      ? [...project.flows.values()].map((f) => f.data.get(name)).find((d) => d !== undefined)
      : undefined);
  if (!def) return undefined;
  return {
    kind: KIND_OF_TYPE[def.type] ?? 'string',
    type: def.type,
    values: def.type === 'choice' ? def.values : undefined,
  };
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function kindOf(value: unknown): LiteralKind | undefined {
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  return undefined;
}

export default defineRule({
  id: 'bad-condition',
  category: 'structure',
  severity: 'error',
  description: 'An `if` does not parse, or compares data with a value of the wrong type.',
  messages: {
    parse: '{error}',
    wrongType:
      '`{name}` is {type} data but is compared with {value}, {kind}: this comparison never works{hint}',
    notAValue: '{value} is not one of the values of `{name}` ({values}){hint}',
    unknownOperator: 'unknown JSON Logic operator `{op}`{hint}',
  },
  check(project) {
    const reports: Report[] = [];

    const checkValue = (c: Condition, flow: Flow | undefined, name: string, value: unknown) => {
      const kind = kindOf(value);
      if (kind === undefined || kind === 'null') return;
      const typed = typeOf(project, flow, name);
      if (!typed) return; // undeclared: unknown-data reports it
      if (kind !== typed.kind) {
        const hint =
          name === 'sentiment' && kind === 'string'
            ? ': `sentiment` is a score from -1 to 1; to go by the label, use a route with `sentiment: negative`'
            : typed.kind === 'boolean' && kind === 'string'
              ? ': write `true` or `false` without quotes'
              : typed.kind === 'number' && kind === 'string' && !Number.isNaN(Number(value))
                ? `: write ${String(value)} without quotes`
                : '';
        reports.push({
          messageId: 'wrongType',
          data: { name, type: typed.type, value: show(value), kind: KIND_WORDS[kind], hint },
          at: c.pos,
        });
        return;
      }
      if (typed.values && typeof value === 'string' && !typed.values.includes(value)) {
        const close = suggest(value, typed.values);
        reports.push({
          messageId: 'notAValue',
          data: {
            name,
            value: show(value),
            values: typed.values.join(', '),
            hint: close ? `: did you mean "${close}"?` : '',
          },
          at: c.pos,
        });
      }
    };

    const checkComparison = (
      c: Condition,
      flow: Flow | undefined,
      name: string,
      op: string,
      lit: unknown,
    ) => {
      if (op === 'in' && Array.isArray(lit)) {
        for (const item of lit) checkValue(c, flow, name, item);
      } else checkValue(c, flow, name, lit);
    };

    const walkLogic = (c: Condition, flow: Flow | undefined, node: unknown): void => {
      if (Array.isArray(node)) {
        for (const n of node) walkLogic(c, flow, n);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const keys = Object.keys(node);
      // JSON Logic reads only a one-key object as an operation; anything else is a value.
      if (keys.length !== 1) return;
      const op = keys[0];
      const args = (node as Record<string, unknown>)[op];
      if (!KNOWN_OPS.has(op)) {
        const close = suggest(op, JSON_LOGIC_OPS);
        reports.push({
          messageId: 'unknownOperator',
          data: { op, hint: close ? `: did you mean \`${close}\`?` : '' },
          at: c.pos,
        });
      }
      if (op === 'var') return;
      if (COMPARISON_OPS.has(op) && Array.isArray(args) && args.length === 2) {
        const [a, b] = args;
        const varName = (v: unknown) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
          const name = (v as Record<string, unknown>).var;
          const n = Array.isArray(name) ? name[0] : name;
          return typeof n === 'string' && Object.keys(v).length === 1 ? n.split('.')[0] : undefined;
        };
        const left = varName(a);
        const right = varName(b);
        if (left && kindOf(b) !== undefined) checkComparison(c, flow, left, op, b);
        else if (right && op !== 'in' && kindOf(a) !== undefined) checkComparison(c, flow, right, op, a);
      }
      walkLogic(c, flow, args);
    };

    eachCondition(project, (c, flow) => {
      if (c.error !== undefined) {
        reports.push({ messageId: 'parse', data: { error: c.error }, at: c.pos });
        return;
      }
      if (isJsonLogic(c)) {
        walkLogic(c, flow, c.logic);
        return;
      }
      const comparisons = c.comparisons ?? parseCondition(c.source).comparisons;
      for (const cmp of comparisons) checkComparison(c, flow, cmp.name, cmp.op, cmp.literal);
    });
    return reports;
  },
});
