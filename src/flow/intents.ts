// Intents of the project: the built-in ones (with the config's extra examples) and the resolution
// of written intent names to qualified ids.
import { ARE_YOU_A_BOT, ARE_YOU_A_BOT_EXAMPLES, HUMAN_EXAMPLES } from './builtins.js';
import type { Config, Flow, IntentDef, Route } from './types.js';

/** The built-in intents (`human`, `are_you_a_bot`), then the config's shared intents. */
export function projectIntents(config: Config): Map<string, IntentDef> {
  const intents = new Map<string, IntentDef>();
  intents.set('human', {
    name: 'human',
    qid: 'human',
    examples: [...HUMAN_EXAMPLES, ...(config.intents.get('human')?.examples ?? [])],
    sensitive: false,
    builtin: true,
    pos: config.intents.get('human')?.pos,
  });
  intents.set(ARE_YOU_A_BOT, {
    name: ARE_YOU_A_BOT,
    qid: ARE_YOU_A_BOT,
    examples: [...ARE_YOU_A_BOT_EXAMPLES, ...(config.intents.get(ARE_YOU_A_BOT)?.examples ?? [])],
    sensitive: false,
    builtin: true,
    pos: config.intents.get(ARE_YOU_A_BOT)?.pos,
  });
  for (const [name, def] of config.intents) if (!intents.has(name)) intents.set(name, def);
  return intents;
}

/** Turn each written intent name into its qualified id: flow-local first, then shared, then built-in. */
export function resolveIntentRefs(
  flows: Map<string, Flow>,
  config: Config,
  intents: Map<string, IntentDef>,
): void {
  const resolve = (name: string, flow: string | undefined): string => {
    if (name.includes('/')) return name;
    if (flow && intents.has(`${flow}/${name}`)) return `${flow}/${name}`;
    return name;
  };
  const fixRoute = (r: Route) => {
    if ('intent' in r.when) r.when = { ...r.when, intent: resolve(r.when.intent, r.flow) };
  };
  config.handlers.forEach(fixRoute);
  for (const f of flows.values()) {
    f.handlers.forEach(fixRoute);
    for (const s of f.steps.values()) {
      s.routes?.forEach(fixRoute);
      for (const o of s.options ?? []) if (o.intent) o.intent = resolve(o.intent, f.id);
    }
  }
}
