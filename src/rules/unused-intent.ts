import { defineRule } from './define.js';
import type { Report } from './types.js';
import { intentRefs } from './unknown-intent.js';

export default defineRule({
  id: 'unused-intent',
  category: 'structure',
  severity: 'warn',
  description: 'An intent that no route, handler or option routes on.',
  messages: {
    unused:
      'intent `{name}` is never routed: no route, handler or option uses it, so a customer who says it gets the fallback; route it or remove it',
  },
  check(project) {
    const used = new Set(intentRefs(project).map((r) => r.name));
    const reports: Report[] = [];
    for (const intent of project.intents.values()) {
      // `human` always exists: the runtime escalates on it even where nothing routes it.
      if (intent.builtin || intent.name === 'human' || used.has(intent.qid) || !intent.pos) continue;
      reports.push({ messageId: 'unused', data: { name: intent.name }, at: intent.pos });
    }
    return reports;
  },
});
