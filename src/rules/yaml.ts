import { defineRule, reportLoadProblems } from './define.js';

export default defineRule({
  id: 'yaml',
  category: 'structure',
  severity: 'error',
  description: 'A file is not valid YAML, repeats a key, uses too many aliases, or is over the size limit.',
  messages: { problem: '{message}' },
  check: (project) => reportLoadProblems(project, 'yaml', 'problem'),
});
