import { defineRule, reportLoadProblems } from './define.js';

export default defineRule({
  id: 'schema',
  category: 'structure',
  severity: 'error',
  description: 'A file does not match its JSON Schema (flow, config or persona); one finding per problem.',
  messages: { problem: '{message}' },
  check: (project) => reportLoadProblems(project, 'schema', 'problem'),
});
