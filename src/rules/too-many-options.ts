import { defineRule } from './define.js';
import type { Report } from './types.js';

type Options = { max: number; voice_max: number };

export default defineRule<Options>({
  id: 'too-many-options',
  category: 'language',
  severity: 'warn',
  description: 'An ask step offers more than 5 options (voice: 3).',
  messages: {
    tooMany:
      '{count} options, more than the {max} a customer can take in{voice}: group them, or ask an open question',
  },
  options: {
    max: { type: 'integer', minimum: 1 },
    voice_max: { type: 'integer', minimum: 1 },
  },
  defaults: { max: 5, voice_max: 3 },
  check(project, options) {
    const reports: Report[] = [];
    for (const flow of project.flows.values()) {
      const voice = flow.channel === 'voice';
      const max = voice ? options.voice_max : options.max;
      for (const step of flow.steps.values()) {
        const count = step.options?.length ?? 0;
        if (step.kind !== 'ask' || count <= max) continue;
        reports.push({
          messageId: 'tooMany',
          data: { count, max, voice: voice ? ' by ear' : '' },
          at: step.optionsPos ?? step.pos,
        });
      }
    }
    return reports;
  },
});
