import { suggest } from '../analysis/text-distance.js';
import type { Pos, Project } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** What the bot can ask for and do: the data its ask steps collect and the actions its steps run. */
function botSurface(project: Project) {
  const collected = new Set<string>();
  const actions = new Map<string, Set<string>>();
  for (const flow of project.flows.values()) {
    for (const step of flow.steps.values()) {
      if (step.collect) {
        collected.add(step.collect.name);
        collected.add(`${flow.id}/${step.collect.name}`);
      }
      if (step.action) {
        const sets = actions.get(step.action.name) ?? new Set<string>();
        for (const s of step.sets ?? []) sets.add(s.name.includes('/') ? s.name.split('/').pop()! : s.name);
        actions.set(step.action.name, sets);
      }
    }
  }
  return { collected, actions };
}

const didYouMean = (word: string, candidates: Iterable<string>) => {
  const close = suggest(word, [...candidates]);
  return close ? ` (did you mean \`${close}\`?)` : '';
};

export default defineRule({
  id: 'persona-refs',
  category: 'structure',
  severity: 'error',
  description:
    'A persona knows data the bot never asks for, or its world answers an action the bot never runs.',
  messages: {
    unknownKnows:
      'persona `{persona}` knows `{name}`, but no ask step collects it{hint}: the simulated customer is never asked for it; fix the name or remove it',
    unknownAction:
      "persona `{persona}`'s world answers `{action}`, but no step runs that action{hint}: fix the name or remove it",
    unsetData:
      "`{action}` sets only {sets}: `{key}` in persona `{persona}`'s world is never stored; add it to the step's `sets` or remove it",
    duplicate: 'persona `{persona}` is declared twice (also in {other}): rename one',
  },
  check(project) {
    const reports: Report[] = [];
    const { collected, actions } = botSurface(project);
    const seen = new Map<string, Pos>();
    for (const persona of project.personas) {
      const first = seen.get(persona.id);
      if (first) {
        reports.push({
          messageId: 'duplicate',
          data: { persona: persona.id, other: `${first.file}:${first.line}` },
          at: persona.pos,
          related: [{ pos: first, message: `first \`${persona.id}\` here` }],
        });
      } else seen.set(persona.id, persona.pos);
      // A project with no flows loaded (personas linted alone) has nothing to check them against.
      if (project.flows.size === 0) continue;
      for (const [name, known] of persona.knows) {
        if (collected.has(name)) continue;
        reports.push({
          messageId: 'unknownKnows',
          data: { persona: persona.id, name, hint: didYouMean(name, collected) },
          at: known.pos,
        });
      }
      for (const [action, answer] of persona.world) {
        const sets = actions.get(action);
        if (!sets) {
          reports.push({
            messageId: 'unknownAction',
            data: { persona: persona.id, action, hint: didYouMean(action, actions.keys()) },
            at: answer.pos,
          });
          continue;
        }
        for (const [key, pos] of answer.keys) {
          if (sets.has(key)) continue;
          reports.push({
            messageId: 'unsetData',
            data: {
              persona: persona.id,
              action,
              key,
              sets: sets.size > 0 ? [...sets].map((s) => `\`${s}\``).join(', ') : 'nothing',
            },
            at: pos,
          });
        }
      }
    }
    return reports;
  },
});
