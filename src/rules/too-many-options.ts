import type { Pos, Project, Step } from '../flow/types.js';
import { parseYamlFile } from '../flow/yaml.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

type Options = { max: number; voice_max: number };

/**
 * Where the step's `options` key is written. The model keeps the position of each option, not of
 * the key, so the flow's own text is read again (only for steps that are reported); when that
 * fails, the first option.
 */
function optionsKeyPos(project: Project, step: Step, file: string): Pos {
  const first = step.options?.[0]?.pos ?? step.pos;
  const source = project.files.find((f) => f.path === file);
  if (!source) return first;
  return parseYamlFile(file, source.text).posAt(['steps', step.id, 'options'], { key: true });
}

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
      const max = voice
        ? typeof options.voice_max === 'number'
          ? options.voice_max
          : 3
        : typeof options.max === 'number'
          ? options.max
          : 5;
      for (const step of flow.steps.values()) {
        const count = step.options?.length ?? 0;
        if (step.kind !== 'ask' || count <= max) continue;
        reports.push({
          messageId: 'tooMany',
          data: { count, max, voice: voice ? ' by ear' : '' },
          at: optionsKeyPos(project, step, flow.file),
        });
      }
    }
    return reports;
  },
});
