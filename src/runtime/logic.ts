import jsonLogic from 'json-logic-js';
import type { State } from './state.js';

/** The names a condition can read: the data (qualified names) and the built-ins. */
export function conditionData(state: State, channel: string): Record<string, unknown> {
  return {
    ...state.data,
    sentiment: state.sentiment?.score ?? 0,
    turn: state.turn,
    fallbacks: state.fallbacks,
    channel,
  };
}

/**
 * The JSON Logic operations a condition may use. Not `log` (it writes to the console), and no
 * operation added to json-logic-js by someone else at run time.
 */
export const CONDITION_OPS: readonly string[] = [
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'reduce',
  'filter',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
];
const ALLOWED = new Set(CONDITION_OPS);

/** Path parts that lead out of the data into JavaScript itself (`constructor.constructor` is Function). */
const FORBIDDEN_PATH = /(^|\.)(__proto__|constructor|prototype)(\.|$)/;

const checked = new WeakMap<object, boolean>();

/**
 * Whether a condition is data only: known operations, `var` paths that stay in the data. A bot
 * file comes from anywhere; its conditions are never code (no eval, no Function), and this keeps
 * json-logic-js from reaching prototypes or the console. Walked without recursion.
 */
export function isSafeCondition(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') return true;
  const known = checked.get(condition);
  if (known !== undefined) return known;
  let safe = true;
  const stack: unknown[] = [condition];
  let seen = 0;
  while (stack.length > 0 && safe) {
    const v = stack.pop();
    if (++seen > 10_000) safe = false;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length !== 1 || !ALLOWED.has(keys[0])) {
      safe = false;
      continue;
    }
    const args = (v as Record<string, unknown>)[keys[0]];
    if (keys[0] === 'var' || keys[0] === 'missing' || keys[0] === 'missing_some') {
      // Paths are written out: a path computed at run time ({var: {cat: [...]}}) could be anything.
      const parts = keys[0] === 'var' ? [Array.isArray(args) ? args[0] : args] : [args].flat(2);
      const literal = (p: unknown) => p === null || typeof p === 'string' || typeof p === 'number';
      if (!parts.every(literal) || parts.some((p) => typeof p === 'string' && FORBIDDEN_PATH.test(p)))
        safe = false;
      continue;
    }
    stack.push(args);
  }
  checked.set(condition, safe);
  return safe;
}

/** Whether a JSON Logic condition holds. A condition that cannot be evaluated, or is not safe, is false. */
export function holds(condition: unknown, data: Record<string, unknown>): boolean {
  if (!isSafeCondition(condition)) return false;
  try {
    return jsonLogic.truthy(jsonLogic.apply(condition as jsonLogic.RulesLogic, data));
  } catch {
    return false;
  }
}
