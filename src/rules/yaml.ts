import { defineRule } from './define.js';

export default defineRule({
  id: 'yaml',
  category: 'structure',
  severity: 'error',
  description: 'A file is not valid YAML, repeats a key, uses too many aliases, or is over the size limit.',
  messages: { problem: '{message}' },
  check: (project) =>
    project.problems
      .filter((p) => p.rule === 'yaml')
      .map((p) => ({ messageId: 'problem', data: { message: p.message }, at: p.pos, related: p.related })),
});
