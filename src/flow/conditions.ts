import jsep from 'jsep';

// Word operators of the flow format, beside the symbols jsep knows (||: 1, &&: 2, ==: 6, <: 7).
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('in', 7);
jsep.addUnaryOp('not');
// `=` alone is a common slip for `==`; jsep would read it as assignment only with a plugin, so
// it fails to parse and the message below suggests `==`.

/** A value a comparison compares data with: what the type check needs to know. */
export type LiteralKind = 'number' | 'string' | 'boolean' | 'null' | 'list';

/** One `name OP literal` comparison found in a condition, for the type check of bad-condition. */
export interface Comparison {
  name: string;
  op: string;
  literal: unknown;
  literalKind: LiteralKind;
}

export interface ParsedCondition {
  logic?: unknown;
  error?: string;
  /** Every identifier the condition reads. */
  names: string[];
  comparisons: Comparison[];
}

const BUILTINS = new Set(['sentiment', 'turn', 'fallbacks', 'channel']);

/** Built-in names every condition may read, with their value type. */
export const CONDITION_BUILTINS: Record<string, LiteralKind> = {
  sentiment: 'number',
  turn: 'number',
  fallbacks: 'number',
  channel: 'string',
};

class ConditionError extends Error {}

/**
 * Parse an `if` expression (flow-format.md, Conditions) into JSON Logic. `qualify` maps a data
 * name to the variable name used in the compiled bot (built-ins stay as they are).
 */
export function parseCondition(
  source: string,
  qualify: (name: string) => string = (n) => n,
): ParsedCondition {
  const names: string[] = [];
  const comparisons: Comparison[] = [];
  let ast: jsep.Expression;
  try {
    ast = jsep(source);
  } catch (err) {
    const msg = (err as Error).message.replace(/ at character \d+$/, '');
    const hint = /(^|[^=!<>])=([^=]|$)/.test(source) ? ' (to compare, write `==`)' : '';
    return { error: `cannot parse \`${source}\`: ${msg}${hint}`, names, comparisons };
  }
  try {
    const logic = toLogic(ast, qualify, names, comparisons);
    return { logic, names, comparisons };
  } catch (err) {
    if (err instanceof ConditionError) return { error: err.message, names, comparisons };
    throw err;
  }
}

function literalOf(node: jsep.Expression): { value: unknown; kind: LiteralKind } | undefined {
  if (node.type === 'Literal') {
    const v = (node as jsep.Literal).value;
    if (v === null) return { value: null, kind: 'null' };
    if (typeof v === 'number') return { value: v, kind: 'number' };
    if (typeof v === 'boolean') return { value: v, kind: 'boolean' };
    if (typeof v === 'string') return { value: v, kind: 'string' };
  }
  if (node.type === 'UnaryExpression' && (node as jsep.UnaryExpression).operator === '-') {
    const inner = literalOf((node as jsep.UnaryExpression).argument);
    if (inner?.kind === 'number') return { value: -(inner.value as number), kind: 'number' };
  }
  if (node.type === 'ArrayExpression') {
    const items = (node as jsep.ArrayExpression).elements.map((e) => (e ? literalOf(e) : undefined));
    if (items.every((i) => i !== undefined)) return { value: items.map((i) => i!.value), kind: 'list' };
  }
  return undefined;
}

const OPS: Record<string, string> = {
  '==': '==',
  '===': '==',
  '!=': '!=',
  '!==': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function toLogic(
  node: jsep.Expression,
  qualify: (name: string) => string,
  names: string[],
  comparisons: Comparison[],
): unknown {
  switch (node.type) {
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      if (name === 'true' || name === 'false') return name === 'true';
      if (name === 'null') return null;
      names.push(name);
      return { var: BUILTINS.has(name) ? name : qualify(name) };
    }
    case 'MemberExpression': {
      // `billing/amount` cannot reach here (it parses as division); dotted names are not data.
      throw new ConditionError('dotted names are not supported: name a data field of this flow');
    }
    case 'Literal': {
      const lit = literalOf(node);
      if (!lit) throw new ConditionError(`unsupported literal ${(node as jsep.Literal).raw}`);
      return lit.value;
    }
    case 'ArrayExpression': {
      const lit = literalOf(node);
      if (!lit) throw new ConditionError('a list in a condition may hold only literals: `in ["a", "b"]`');
      return lit.value;
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator === '-') {
        const lit = literalOf(u);
        if (lit) return lit.value;
        return { '*': [-1, toLogic(u.argument, qualify, names, comparisons)] };
      }
      if (u.operator === '!' || u.operator === 'not')
        return { '!': toLogic(u.argument, qualify, names, comparisons) };
      throw new ConditionError(`unsupported operator \`${u.operator}\``);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      const op = b.operator;
      if (op === 'and' || op === '&&' || op === 'or' || op === '||') {
        const key = op === 'and' || op === '&&' ? 'and' : 'or';
        const parts = [b.left, b.right].flatMap((side) => {
          const l = toLogic(side, qualify, names, comparisons) as Record<string, unknown[]>;
          return l && typeof l === 'object' && key in l && Object.keys(l).length === 1 ? l[key] : [l];
        });
        return { [key]: parts };
      }
      if (op === 'in') {
        const list = literalOf(b.right);
        if (list?.kind !== 'list') throw new ConditionError('`in` takes a list: `plan in ["basic", "plus"]`');
        recordComparison(b.left, 'in', list, comparisons);
        return { in: [toLogic(b.left, qualify, names, comparisons), list.value] };
      }
      const jl = OPS[op];
      if (!jl) throw new ConditionError(`unsupported operator \`${op}\`; use == != < <= > >= and or not in`);
      const rightLit = literalOf(b.right);
      const leftLit = literalOf(b.left);
      if (rightLit) recordComparison(b.left, op, rightLit, comparisons);
      else if (leftLit) recordComparison(b.right, op, leftLit, comparisons);
      return {
        [jl]: [toLogic(b.left, qualify, names, comparisons), toLogic(b.right, qualify, names, comparisons)],
      };
    }
    default:
      throw new ConditionError(`unsupported expression (${node.type}); use comparisons, and, or, not, in`);
  }
}

function recordComparison(
  side: jsep.Expression,
  op: string,
  lit: { value: unknown; kind: LiteralKind },
  out: Comparison[],
): void {
  if (side.type === 'Identifier') {
    const name = (side as jsep.Identifier).name;
    if (name !== 'true' && name !== 'false' && name !== 'null')
      out.push({ name, op, literal: lit.value, literalKind: lit.kind });
  }
}

/** Names of variables (`{var: ...}`) a JSON Logic object reads. */
export function logicVars(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) for (const l of logic) logicVars(l, out);
  else if (logic && typeof logic === 'object') {
    for (const [k, v] of Object.entries(logic)) {
      if (k === 'var') {
        const name = Array.isArray(v) ? v[0] : v;
        if (typeof name === 'string' && name !== '') out.push(name);
      } else logicVars(v, out);
    }
  }
  return out;
}
