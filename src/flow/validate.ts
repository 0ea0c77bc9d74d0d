import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { suggest } from '../analysis/text-distance.js';
import { ownRequire } from '../own-files.js';
import type { LoadProblem } from './types.js';
import type { ParsedYaml, PathKey } from './yaml.js';

export type SchemaKind = 'flow' | 'config' | 'persona';
export const SCHEMA_KINDS: readonly SchemaKind[] = ['flow', 'config', 'persona'];

/** How the schemas are compiled, here and at build time (scripts/build-extras.js). */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  strictTypes: false,
};

/**
 * The same schemas compiled to stop at the first error: a file that is valid (nearly every file, on
 * nearly every run) is told so without the error objects of every failed branch of an `anyOf`, which
 * `allErrors` collects (a quarter of a gigabyte at 100k steps). Only a file that fails is validated
 * again with AJV_OPTIONS, for its messages.
 */
export const AJV_QUICK_OPTIONS: Options = { ...AJV_OPTIONS, allErrors: false, verbose: false };

type Validators = Record<SchemaKind, ValidateFunction>;
const compiled: { full?: Validators; quick?: Validators } = {};

/**
 * The validators compiled at build time (dist/flow/validators.cjs, validators-quick.cjs); where
 * they are missing (tests run from the sources) the schemas are compiled now.
 */
function getValidators(which: 'full' | 'quick'): Validators {
  const cached = compiled[which];
  if (cached) return cached;
  try {
    compiled[which] = ownRequire(
      which === 'full' ? './flow/validators.cjs' : './flow/validators-quick.cjs',
    ) as Validators;
    return compiled[which]!;
  } catch {
    // not built: compile below
  }
  const Ajv2020 = ownRequire('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020.default(which === 'full' ? AJV_OPTIONS : AJV_QUICK_OPTIONS);
  for (const kind of SCHEMA_KINDS) {
    ajv.addSchema(ownRequire(`../schemas/${kind}.schema.json`), `${kind}.schema.json`);
  }
  compiled[which] = {
    flow: ajv.getSchema('flow.schema.json')!,
    config: ajv.getSchema('config.schema.json')!,
    persona: ajv.getSchema('persona.schema.json')!,
  };
  return compiled[which]!;
}

/** The schema of one kind of file, as loaded (for docs and tests). */
export function schemaFor(kind: SchemaKind): unknown {
  return ownRequire(`../schemas/${kind}.schema.json`);
}

/**
 * Validate parsed YAML against its schema. Each problem becomes one message at the YAML node at
 * fault; the chain of errors ajv gives for a failed `anyOf` is folded into one.
 */
export function validateAgainstSchema(kind: SchemaKind, parsed: ParsedYaml): LoadProblem[] {
  if (getValidators('quick')[kind](parsed.value)) return [];
  const validate = getValidators('full')[kind];
  if (validate(parsed.value)) return [];
  const errors = foldErrors(validate.errors ?? [], parsed.value);
  const seen = new Set<string>();
  const out: LoadProblem[] = [];
  for (const err of errors) {
    const path = pointerToPath(err.instancePath);
    const { message, keyPath, atKey } = describe(err, path, parsed.value);
    const pos = parsed.posAt(keyPath, { key: atKey });
    const id = `${pos.line}:${pos.column}:${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ rule: 'schema', message, pos });
  }
  return out;
}

function pointerToPath(pointer: string): PathKey[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Fold ajv's chain of errors for a failed `anyOf` into what a person needs. When the value is a
 * map or a list, the branch of that shape is the one meant, so its inner errors are kept and the
 * other branches' type errors dropped; when it is a scalar of the wrong kind, one message says
 * what shapes are allowed. `contains` reports every item that lacks the key: keep only its summary.
 */
function foldErrors(errors: ErrorObject[], root: unknown): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const drop = new Set<ErrorObject>();
  for (const u of unions) {
    const value = getIn(root, pointerToPath(u.instancePath));
    const structured = value !== null && typeof value === 'object';
    const inside = (e: ErrorObject) =>
      e !== u && (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`));
    const alternatives = (u.schema as { required?: string[] }[] | undefined) ?? [];
    const onlyRequired = Array.isArray(alternatives) && alternatives.every((a) => Array.isArray(a?.required));
    if (structured && onlyRequired) {
      // "needs one of: say, ask, ..." instead of one "missing" line per alternative.
      for (const e of errors)
        if (inside(e) && e.instancePath === u.instancePath && e.keyword === 'required') drop.add(e);
    } else if (structured) {
      drop.add(u);
      for (const e of errors) {
        if (
          inside(e) &&
          e.instancePath === u.instancePath &&
          ['type', 'const', 'enum', 'minLength'].includes(e.keyword)
        )
          drop.add(e);
      }
    } else {
      for (const e of errors) if (inside(e)) drop.add(e);
    }
  }
  return errors.filter(
    (e) =>
      !drop.has(e) &&
      e.keyword !== 'if' &&
      // A bad key is reported once, by propertyNames, not again by the pattern inside it.
      !(e.propertyName !== undefined && e.keyword !== 'propertyNames') &&
      !isFirstOfMixedKinds(e, root) &&
      !(e.schemaPath.includes('/contains/') && e.keyword !== 'contains'),
  );
}

const KIND_KEYS = ['ask', 'branch', 'action', 'handoff', 'end'];

/** A step with two kinds fails at both keys; report it once, at the later key. */
function isFirstOfMixedKinds(e: ErrorObject, root: unknown): boolean {
  if (e.keyword !== 'false schema') return false;
  const path = pointerToPath(e.instancePath);
  const key = String(path[path.length - 1]);
  if (!KIND_KEYS.includes(key)) return false;
  const step = getIn(root, path.slice(0, -1));
  if (!step || typeof step !== 'object') return false;
  const present = Object.keys(step).filter((k) => KIND_KEYS.includes(k));
  return present.length > 1 && present[0] === key;
}

function where(path: PathKey[]): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  const inStep = path[0] === 'steps' && path.length > 2 ? ` in step \`${String(path[1])}\`` : '';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `item ${last + 1} of \`${String(parent)}\`${inStep}`;
  }
  if (path[0] === 'steps' && path.length === 2) return `step \`${last}\``;
  return `\`${last}\`${inStep}`;
}

function describe(
  err: ErrorObject,
  path: PathKey[],
  root: unknown,
): { message: string; keyPath: PathKey[]; atKey: boolean } {
  const p = err.params as Record<string, unknown>;
  const schemaDesc = (err.parentSchema as { description?: string } | undefined)?.description;
  switch (err.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return {
        message: `${where(path)} is missing \`${missing}\``,
        keyPath: path,
        atKey: path.length > 0 && typeof path[path.length - 1] === 'string',
      };
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys(
        ((err.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {}) as object,
      );
      const hint = suggest(extra, allowed);
      return {
        message: `unknown key \`${extra}\` in ${where(path)}${hint ? `: did you mean \`${hint}\`?` : `; allowed: ${allowed.join(', ')}`}`,
        keyPath: [...path, extra],
        atKey: true,
      };
    }
    case 'false schema': {
      const key = String(path[path.length - 1]);
      const stepPath = path.slice(0, -1);
      const step = getIn(root, stepPath) as Record<string, unknown> | undefined;
      const kinds = KIND_KEYS.filter((k) => step && k in step);
      const kind = kinds.find((k) => k !== key) ?? (step && 'say' in step ? 'message' : 'this');
      const message = KIND_KEYS.includes(key)
        ? `${where(stepPath)} mixes \`${kind}\` and \`${key}\`: a step has exactly one kind (ask, branch, action, handoff, end, or a message); split it into two steps`
        : key === 'sets'
          ? `\`sets\` belongs on an action step; ${where(stepPath)} has no \`action\``
          : key === 'next'
            ? `a ${kind} step does not take \`next\`${kind === 'branch' ? ': give the branch an `else` case instead' : ': it ends the conversation'}`
            : `\`${key}\` belongs on an ask step; ${where(stepPath)} has no \`ask\``;
      return { message, keyPath: path, atKey: true };
    }
    case 'type':
      return {
        message: `${where(path)} must be ${article(String(p.type))}${schemaDesc ? ` (${schemaDesc})` : ''}`,
        keyPath: path,
        atKey: false,
      };
    case 'enum':
      return {
        message: `${where(path)} must be one of: ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`,
        keyPath: path,
        atKey: false,
      };
    case 'const':
      return {
        message: `${where(path)} must be ${JSON.stringify(p.allowedValue)}`,
        keyPath: path,
        atKey: false,
      };
    case 'pattern':
      return {
        message: `${where(path)} "${String(getIn(root, path))}" is not ${schemaDesc ?? `of the form ${String(p.pattern)}`}`,
        keyPath: path,
        atKey: false,
      };
    case 'propertyNames':
      return {
        message: `key "${String(p.propertyName)}" in ${where(path)} is not an id: use lowercase letters, digits, _ or -, starting with a letter`,
        keyPath: [...path, String(p.propertyName)],
        atKey: true,
      };
    case 'anyOf':
    case 'oneOf': {
      const alternatives = err.schema as { required?: string[] }[];
      if (Array.isArray(alternatives) && alternatives.every((a) => Array.isArray(a?.required))) {
        const keys = alternatives.map((a) => `\`${a.required!.join('` and `')}\``).join(', ');
        return { message: `${where(path)} needs one of ${keys}`, keyPath: path, atKey: path.length > 0 };
      }
      return {
        message: `${where(path)} must be ${schemaDesc ?? 'of another shape'}`,
        keyPath: path,
        atKey: false,
      };
    }
    case 'minItems':
      return {
        message: `${where(path)} needs at least ${String(p.limit)} item(s)`,
        keyPath: path,
        atKey: false,
      };
    case 'minProperties':
      if (schemaDesc)
        return { message: `${where(path)} is incomplete: ${schemaDesc}`, keyPath: path, atKey: false };
      return { message: `${where(path)} must not be empty`, keyPath: path, atKey: false };
    case 'maxProperties':
      return {
        message: `${where(path)} has too many keys${schemaDesc ? `: ${schemaDesc}` : ''}`,
        keyPath: path,
        atKey: false,
      };
    case 'minLength':
      return { message: `${where(path)} must not be empty`, keyPath: path, atKey: false };
    case 'minimum':
    case 'maximum':
      return {
        message: `${where(path)} must be ${err.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}`,
        keyPath: path,
        atKey: false,
      };
    case 'contains':
      return { message: `${where(path)} needs an \`else\` case`, keyPath: path, atKey: false };
    case 'maxContains':
      return { message: `${where(path)} has more than one \`else\` case`, keyPath: path, atKey: false };
    case 'not':
      return {
        message: `${where(path)} must be ${schemaDesc ?? 'of another shape'}`,
        keyPath: path,
        atKey: false,
      };
    default:
      return { message: `${where(path)} ${err.message ?? 'is not valid'}`, keyPath: path, atKey: false };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a map',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function getIn(root: unknown, path: PathKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v as object, k)) return undefined;
    v = (v as Record<string, unknown>)[k as string];
  }
  return v;
}
