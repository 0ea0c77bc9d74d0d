import { defineRule } from './define.js';

export default defineRule({
  id: 'schema',
  category: 'structure',
  severity: 'error',
  description: 'A file does not match its JSON Schema (flow, config or persona); one finding per problem.',
  messages: { problem: '{message}' },
  check: (project) =>
    project.problems
      .filter((p) => p.rule === 'schema')
      .map((p) => ({ messageId: 'problem', data: { message: p.message }, at: p.pos, related: p.related })),
});
