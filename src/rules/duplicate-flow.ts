import { defineRule, reportLoadProblems } from './define.js';

export default defineRule({
  id: 'duplicate-flow',
  category: 'structure',
  severity: 'error',
  description: 'Two files declare the same flow id.',
  messages: { duplicate: '{message}' },
  check: (project) => reportLoadProblems(project, 'duplicate-flow', 'duplicate'),
});
