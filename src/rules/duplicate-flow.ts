import { defineRule } from './define.js';

export default defineRule({
  id: 'duplicate-flow',
  category: 'structure',
  severity: 'error',
  description: 'Two files declare the same flow id.',
  messages: { duplicate: '{message}' },
  check: (project) =>
    project.problems
      .filter((p) => p.rule === 'duplicate-flow')
      .map((p) => ({ messageId: 'duplicate', data: { message: p.message }, at: p.pos, related: p.related })),
});
