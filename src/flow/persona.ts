import { isObj } from './read.js';
import { type ExpectedOutcome, type LoadProblem, MOODS, type Mood, type Persona } from './types.js';
import { validateAgainstSchema } from './validate.js';
import type { ParsedYaml } from './yaml.js';
import { parseYamlFile } from './yaml-limits.js';

/** Unhelpful bot turns a persona bears before asking for a person, when `patience` is not written. */
export const DEFAULT_PATIENCE = 3;

const OUTCOMES: readonly ExpectedOutcome[] = ['resolved', 'handoff', 'abandoned'];

/**
 * Build the persona model from a parsed `*.persona.yaml` file. Shapes the schema refuses are left
 * out (the `schema` rule reports them); undefined when the file has no usable `persona` id.
 */
export function buildPersona(p: ParsedYaml): Persona | undefined {
  const v = p.value;
  if (!isObj(v) || typeof v.persona !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(v.persona)) return undefined;
  const mood = (MOODS as readonly string[]).includes(v.mood as string) ? (v.mood as Mood) : 'calm';
  const persona: Persona = {
    id: v.persona,
    file: p.file,
    pos: p.posAt(['persona']),
    mood,
    goal: typeof v.goal === 'string' ? v.goal : '',
    opening: typeof v.opening === 'string' && v.opening.trim() !== '' ? v.opening : undefined,
    knows: new Map(),
    patience:
      typeof v.patience === 'number' && Number.isInteger(v.patience) && v.patience >= 0
        ? v.patience
        : DEFAULT_PATIENCE,
    traits: Array.isArray(v.traits) ? v.traits.filter((t): t is string => typeof t === 'string') : [],
    world: new Map(),
    expect: {},
  };
  if (isObj(v.knows)) {
    for (const [name, value] of Object.entries(v.knows)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        persona.knows.set(name, { value, pos: p.posAt(['knows', name], { key: true }) });
    }
  }
  if (isObj(v.world)) {
    for (const [action, data] of Object.entries(v.world)) {
      if (!isObj(data)) continue;
      const keys = new Map(Object.keys(data).map((k) => [k, p.posAt(['world', action, k], { key: true })]));
      persona.world.set(action, { data, pos: p.posAt(['world', action], { key: true }), keys });
    }
  }
  if (isObj(v.expect)) {
    const e = v.expect;
    persona.expect.pos = p.posAt(['expect'], { key: true });
    const outcomes = (Array.isArray(e.outcome) ? e.outcome : [e.outcome]).filter((o): o is ExpectedOutcome =>
      (OUTCOMES as readonly unknown[]).includes(o),
    );
    if (outcomes.length > 0) persona.expect.outcome = [...new Set(outcomes)];
    if (typeof e.max_turns === 'number' && e.max_turns >= 1) persona.expect.maxTurns = e.max_turns;
    if (typeof e.human_within === 'number' && e.human_within >= 0)
      persona.expect.humanWithin = e.human_within;
    if (typeof e.min_empathy === 'number' && e.min_empathy >= 1 && e.min_empathy <= 5)
      persona.expect.minEmpathy = e.min_empathy;
  }
  return persona;
}

/** Parse, validate and build one persona file: the persona (if it can be built) and the file's problems. */
export function readPersonaFile(file: string, text: string): { persona?: Persona; problems: LoadProblem[] } {
  const parsed = parseYamlFile(file, text);
  const problems = [...parsed.problems];
  if (parsed.value === undefined) return { problems };
  problems.push(...validateAgainstSchema('persona', parsed));
  return { persona: buildPersona(parsed), problems };
}
