import { defineRule } from './define.js';
import type { Report } from './types.js';

export default defineRule({
  id: 'data-purpose',
  category: 'empathy',
  severity: 'error',
  description: 'Personal data states its purpose: why the bot needs it.',
  messages: {
    noPurpose:
      'personal data `{data}` has no `purpose`: write why it is needed (e.g. `purpose: to send your refund confirmation`)',
  },
  check(project) {
    const reports: Report[] = [];
    for (const flow of project.flows.values())
      for (const data of flow.data.values())
        if (data.personal && !data.purpose?.trim())
          reports.push({ messageId: 'noPurpose', data: { data: data.name }, at: data.pos });
    return reports;
  },
});
