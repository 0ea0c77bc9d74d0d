import { suggest } from '../analysis/text-distance.js';
import type { Flow, Pos, Project } from '../flow/types.js';
import { defineRule } from './define.js';
import type { Report } from './types.js';

/** Every intent name written in a route, handler or option, with the flow it is written in. */
export function intentRefs(project: Project): { name: string; pos: Pos; flow?: Flow }[] {
  const out: { name: string; pos: Pos; flow?: Flow }[] = [];
  for (const r of project.config.handlers)
    if ('intent' in r.when) out.push({ name: r.when.intent, pos: r.when.intentPos });
  for (const flow of project.flows.values()) {
    for (const r of flow.handlers)
      if ('intent' in r.when) out.push({ name: r.when.intent, pos: r.when.intentPos, flow });
    for (const step of flow.steps.values()) {
      for (const r of step.routes ?? [])
        if ('intent' in r.when) out.push({ name: r.when.intent, pos: r.when.intentPos, flow });
      for (const o of step.options ?? [])
        if (o.intent && o.intentPos) out.push({ name: o.intent, pos: o.intentPos, flow });
    }
  }
  return out;
}

export default defineRule({
  id: 'unknown-intent',
  category: 'structure',
  severity: 'error',
  description: 'A route, handler or option names an intent that is not declared.',
  messages: {
    unknown:
      'no intent `{name}`{hint}: declare it under `intents` in this flow or in tact.config.yaml, or fix the name',
  },
  check(project) {
    const reports: Report[] = [];
    const shared = [...project.intents.values()].filter((i) => i.flow === undefined).map((i) => i.name);
    const qualified = [...project.intents.values()].filter((i) => i.flow !== undefined).map((i) => i.qid);
    for (const ref of intentRefs(project)) {
      // The loader has already turned a flow-local name into `flow/name`.
      if (project.intents.has(ref.name)) continue;
      const local = ref.flow ? [...ref.flow.intents.keys()] : [];
      const elsewhere = qualified.filter((q) => q.endsWith(`/${ref.name}`));
      const close = ref.name.includes('/')
        ? suggest(ref.name, qualified)
        : (suggest(ref.name, [...local, ...shared]) ?? (elsewhere.length === 1 ? elsewhere[0] : undefined));
      reports.push({
        messageId: 'unknown',
        data: { name: ref.name, hint: close ? ` (did you mean \`${close}\`?)` : '' },
        at: ref.pos,
      });
    }
    return reports;
  },
});
