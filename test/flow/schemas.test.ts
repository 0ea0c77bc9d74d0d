import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (rel: string) => JSON.parse(readFileSync(path.join(repo, rel), 'utf8'));

// The same options as the loader (src/flow/validate.ts): strict, so a typo in a schema keyword fails.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
for (const kind of ['flow', 'config', 'persona']) ajv.addSchema(readJson(`schemas/${kind}.schema.json`));
const validators = {
  flow: ajv.getSchema('https://raw.githubusercontent.com/tact-cli/tact/main/schemas/flow.schema.json')!,
  config: ajv.getSchema('https://raw.githubusercontent.com/tact-cli/tact/main/schemas/config.schema.json')!,
  persona: ajv.getSchema('https://raw.githubusercontent.com/tact-cli/tact/main/schemas/persona.schema.json')!,
};
type Kind = keyof typeof validators;

/** Schema errors as `path message`, or [] when the document is valid. */
function errors(kind: Kind, doc: unknown): string[] {
  const validate = validators[kind];
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** The spec pages: the repo's copy if it has one, else the shared spec the project is built from. */
function specPage(name: string): string | undefined {
  const candidates = [
    path.join(repo, 'docs', name),
    path.join(repo, 'spec', name),
    path.join(repo, '..', 'shared', 'spec', name),
    path.join('/work/shared/spec', name),
  ];
  const found = candidates.find((c) => existsSync(c));
  return found && readFileSync(found, 'utf8');
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function filesUnder(dir: string, re: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => re.test(path.basename(f)) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('the examples of the spec validate', () => {
  const flowFormat = specPage('flow-format.md');
  const simulation = specPage('simulation.md');

  it.runIf(flowFormat !== undefined)(
    'flow-format.md: the flow example and the tact.config.yaml example',
    () => {
      const blocks = yamlBlocks(flowFormat!).map((b) => parse(b) as Record<string, unknown>);
      const flows = blocks.filter((b) => 'flow' in b && 'steps' in b);
      const configs = blocks.filter((b) => 'bot' in b || 'entry' in b);
      expect(flows).toHaveLength(1);
      expect(configs).toHaveLength(1);
      expect(errors('flow', flows[0])).toEqual([]);
      expect(errors('config', configs[0])).toEqual([]);
    },
  );

  it.runIf(simulation !== undefined)('simulation.md: the persona example', () => {
    const personas = yamlBlocks(simulation!)
      .map((b) => parse(b) as Record<string, unknown>)
      .filter((b) => 'persona' in b);
    expect(personas).toHaveLength(1);
    expect(errors('persona', personas[0])).toEqual([]);
  });
});

describe('the project’s own files validate', () => {
  it('every flows/**/*.flow.yaml, tact.config.yaml and personas/**/*.persona.yaml (none is fine)', () => {
    const checks: [string, Kind][] = [
      ...filesUnder(path.join(repo, 'flows'), /\.flow\.ya?ml$/).map((f): [string, Kind] => [f, 'flow']),
      ...filesUnder(path.join(repo, 'flows'), /^tact\.config\.yaml$/).map((f): [string, Kind] => [
        f,
        'config',
      ]),
      ...(existsSync(path.join(repo, 'tact.config.yaml'))
        ? [[path.join(repo, 'tact.config.yaml'), 'config'] as [string, Kind]]
        : []),
      ...filesUnder(path.join(repo, 'personas'), /\.persona\.ya?ml$/).map((f): [string, Kind] => [
        f,
        'persona',
      ]),
    ];
    const problems = checks.flatMap(([file, kind]) =>
      errors(kind, parse(readFileSync(file, 'utf8'))).map((e) => `${path.relative(repo, file)}: ${e}`),
    );
    expect(problems).toEqual([]);
  });
});

const STEPS = { greet: { say: 'Hello.', end: 'resolved' } };
const flow = (extra: Record<string, unknown>) => ({ flow: 'main', steps: STEPS, ...extra });
const step = (s: Record<string, unknown>) => ({ flow: 'main', steps: { s } });

describe('wrong documents do not validate', () => {
  const wrongFlows: [string, unknown][] = [
    ['no steps', { flow: 'main' }],
    ['no flow id', { steps: STEPS }],
    ['an id with capitals', flow({ flow: 'Refund' })],
    [
      'a step key that is not an id',
      { flow: 'main', steps: { 'Ask-Order': { say: 'Hi.', end: 'resolved' } } },
    ],
    ['an unknown top-level key', flow({ tittle: 'Refunds' })],
    ['an unknown step key', step({ say: 'Hi.', nxt: 'greet' })],
    ['a step of no kind', step({ tone: 'neutral' })],
    ['a step mixing ask and handoff', step({ ask: 'Person?', handoff: true })],
    ['a step mixing action and end', step({ action: 'check', end: 'resolved' })],
    ['next on an end step', step({ say: 'Bye.', end: 'resolved', next: 'greet' })],
    ['collect on a message step', step({ say: 'Hi.', collect: 'email', next: 's' })],
    ['sets without an action', step({ say: 'Hi.', sets: ['x'], next: 's' })],
    [
      'a route with two conditions',
      step({ ask: 'Q?', routes: [{ intent: 'human', sentiment: 'negative', goto: 's' }] }),
    ],
    ['a route without a condition', step({ ask: 'Q?', routes: [{ goto: 's' }] })],
    [
      'a route on an unknown sentiment label',
      step({ ask: 'Q?', routes: [{ sentiment: 'angry', goto: 's' }] }),
    ],
    ['a branch without else', step({ branch: [{ if: 'turn > 1', goto: 's' }] })],
    ['a branch with two else', step({ branch: [{ else: 's' }, { else: 's' }] })],
    [
      'a branch case with if and else',
      step({ branch: [{ if: 'turn > 1', goto: 's', else: 's' }, { else: 's' }] }),
    ],
    ['an empty message', step({ say: '', next: 's' })],
    ['sentiment variants without default', step({ say: { negative: 'Sorry.' }, next: 's' })],
    ['an unknown sentiment variant', step({ say: { default: 'Hi.', angry: 'Sorry.' }, next: 's' })],
    ['a bad end outcome', step({ say: 'Bye.', end: 'done' })],
    ['a handoff with an unknown key', step({ handoff: { queue: 'x', team: 'y' } })],
    ['a handoff: false', step({ handoff: false })],
    ['discloses: some', step({ say: 'Hi.', discloses: 'some', next: 's' })],
    ['no options', step({ ask: 'Q?', options: [] })],
    ['an option without goto', step({ ask: 'Q?', options: [{ label: 'Yes' }] })],
    ['a fallback max of 0', step({ ask: 'Q?', fallback: { max: 0 } })],
    ['a target with two slashes', step({ say: 'Hi.', next: 'a/b/c' })],
    ['an unknown tone', step({ say: 'Hi.', tone: 'angry', next: 's' })],
    ['a data type that does not exist', flow({ data: { x: { type: 'string' } } })],
    ['a choice without values', flow({ data: { plan: { type: 'choice' } } })],
    ['a pattern on a number', flow({ data: { n: { type: 'number', pattern: '^1' } } })],
    ['data without a type', flow({ data: { n: { personal: true } } })],
    ['an intent with unknown keys', flow({ intents: { cancel: { example: ['cancel'] } } })],
    ['a channel that does not exist', flow({ channel: 'web' })],
    ['a condition that is a number', step({ branch: [{ if: 3, goto: 's' }, { else: 's' }] })],
  ];
  it.each(wrongFlows)('flow: %s', (_, doc) => {
    expect(errors('flow', doc)).not.toEqual([]);
  });

  it('the valid baselines these are made from do validate', () => {
    expect(errors('flow', flow({}))).toEqual([]);
    expect(
      errors('flow', step({ ask: 'Q?', routes: [{ intent: 'human', goto: 's' }], fallback: { max: 1 } })),
    ).toEqual([]);
    expect(errors('flow', step({ branch: [{ if: 'turn > 1', goto: 's' }, { else: 's' }] }))).toEqual([]);
    expect(
      errors('flow', step({ say: { default: 'Hi.', negative: ['Sorry.', 'So sorry.'] }, next: 's' })),
    ).toEqual([]);
    expect(
      errors('config', { entry: 'main/greet', handlers: [{ intent: 'human', goto: 'main/agent' }] }),
    ).toEqual([]);
    expect(errors('persona', { persona: 'calm-sam', mood: 'calm', goal: 'Check an order.' })).toEqual([]);
  });

  const wrongConfigs: [string, unknown][] = [
    ['an unknown key', { chanel: 'sms' }],
    ['a global handler goto without the flow', { handlers: [{ intent: 'human', goto: 'agent' }] }],
    [
      'a global handler with two conditions',
      { handlers: [{ intent: 'human', if: 'turn > 1', goto: 'a/b' }] },
    ],
    ['a default fallback then without the flow', { fallback: { then: 'agent' } }],
    ['an entry that is not an id', { entry: 'Main/Greet' }],
    ['a bad severity', { rules: { readability: 'warning' } }],
    ['a bad severity in a map', { rules: { readability: { severity: 'high' } } }],
    ['a sentiment threshold above 1', { sentiment: { positive: 2 } }],
    ['an unknown bot key', { bot: { name: 'Ava', colour: 'blue' } }],
  ];
  it.each(wrongConfigs)('config: %s', (_, doc) => {
    expect(errors('config', doc)).not.toEqual([]);
  });

  const persona = { persona: 'calm-sam', mood: 'calm', goal: 'Check an order.' };
  const wrongPersonas: [string, unknown][] = [
    ['no goal', { persona: 'sam', mood: 'calm' }],
    ['a mood that does not exist', { ...persona, mood: 'furious' }],
    ['an unknown expected outcome', { ...persona, expect: { outcome: 'solved' } }],
    ['min_empathy above 5', { ...persona, expect: { min_empathy: 6 } }],
    ['knows with a nested value', { ...persona, knows: { order: { id: 1 } } }],
    ['an unknown key', { ...persona, patiense: 3 }],
  ];
  it.each(wrongPersonas)('persona: %s', (_, doc) => {
    expect(errors('persona', doc)).not.toEqual([]);
  });
});
