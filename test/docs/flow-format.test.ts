// docs/flow-format.md's "Every key" section and schemas/flow.schema.json agree, both ways: every
// object the schema defines has a table there, and each table lists exactly that object's keys.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';

type Schema = { properties?: Record<string, Schema>; additionalProperties?: unknown; [k: string]: unknown };
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/flow.schema.json'), 'utf8')) as Schema & {
  $defs: Record<string, Schema>;
};
const doc = readFileSync(path.join(ROOT, 'docs/flow-format.md'), 'utf8');

/** The `### heading` → the keys in the first column of its table, in the "Every key" section. */
function documented(): Map<string, string[]> {
  const start = doc.indexOf('\n## Every key\n');
  expect(start).toBeGreaterThan(0);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const tables = new Map<string, string[]>();
  for (const part of section.split(/\n### /).slice(1)) {
    const [heading, ...lines] = part.split('\n');
    const keys = lines
      .filter((l) => l.startsWith('| `'))
      .map((l) => /^\| `([^`]+)` \|/.exec(l)?.[1] ?? `unreadable row: ${l}`);
    tables.set(heading.trim(), keys);
  }
  return tables;
}

/** Where each table's object is in the schema. */
const TABLES: Record<string, Schema> = {
  'The flow file': schema,
  'A data field (`data.NAME`)': schema.$defs.data,
  'An intent (`intents.NAME`)': schema.$defs.intent,
  'A step (`steps.ID`)': schema.$defs.step,
  'An option (`options[]`)': schema.$defs.option,
  'A route (`routes[]`, `handlers[]`)': schema.$defs.route,
  'A fallback (`fallback`)': schema.$defs.fallback,
  'A branch case (`branch[]`)': schema.$defs.branchCase,
  'A handoff (`handoff`)': (
    (schema.$defs.step.properties as Record<string, unknown>).handoff as { anyOf: Schema[] }
  ).anyOf[1],
  'Sentiment variants (a message that is a map)': (schema.$defs.message as { anyOf: Schema[] }).anyOf[2],
};

/** Every closed object of the schema (`additionalProperties: false`): the objects a flow is made of. */
function closedObjects(node: unknown, out: Schema[] = []): Schema[] {
  if (Array.isArray(node)) for (const n of node) closedObjects(n, out);
  else if (node !== null && typeof node === 'object') {
    const s = node as Schema;
    if (s.properties && s.additionalProperties === false) out.push(s);
    for (const v of Object.values(s)) closedObjects(v, out);
  }
  return out;
}

describe('docs/flow-format.md documents every key of schemas/flow.schema.json', () => {
  const tables = documented();

  it('has a table for every object of the schema, and no other', () => {
    expect([...tables.keys()]).toEqual(Object.keys(TABLES));
    const mapped = new Set(Object.values(TABLES));
    expect(closedObjects(schema).filter((o) => !mapped.has(o))).toEqual([]);
  });

  it.each(Object.entries(TABLES))(
    '%s: the table lists exactly the keys the schema allows',
    (heading, object) => {
      expect(tables.get(heading)).toEqual(Object.keys(object.properties ?? {}));
    },
  );
});
