import { suggest } from '../analysis/text-distance.js';
import type { Flow, Pos, Project, Target } from '../flow/types.js';
import { defineRule } from './define.js';
import { PlaceSet } from './places.js';
import type { Report } from './types.js';

/** Every step reference written in the project, once each (an inherited fallback `then` is the config's). */
function targetsOf(project: Project): { target: Target; entry?: boolean }[] {
  const out: { target: Target; entry?: boolean }[] = [];
  const seen = new PlaceSet();
  const add = (target: Target | undefined, entry = false) => {
    if (!target || !seen.add(target.pos)) return;
    out.push({ target, entry });
  };
  const { config } = project;
  add(config.entry, true);
  add(config.fallback?.then);
  for (const r of config.handlers) add(r.goto);
  for (const flow of project.flows.values()) {
    if (flow.startPos) add({ raw: flow.start, qid: `${flow.id}/${flow.start}`, pos: flow.startPos });
    for (const r of flow.handlers) add(r.goto);
    for (const step of flow.steps.values()) {
      add(step.next);
      for (const o of step.options ?? []) add(o.goto);
      for (const r of step.routes ?? []) add(r.goto);
      for (const c of step.branch ?? []) add(c.goto);
      add(step.else);
      if (step.fallback && !step.fallback.inherited) add(step.fallback.then);
    }
  }
  return out;
}

function hintFor(close: string | undefined): string {
  return close ? `: did you mean \`${close}\`?` : '';
}

export default defineRule({
  id: 'unknown-target',
  category: 'structure',
  severity: 'error',
  description: '`next`, `goto`, `then`, `else`, `start` or `entry` names a step or flow that does not exist.',
  messages: {
    unknownStep: '`{target}` is not a step of flow `{flow}`{hint}',
    unknownFlow: '`{target}` names flow `{flow}`, which does not exist{hint}',
    unqualified: '`{target}` must name a flow and a step (`flow/step`) in {file}{hint}',
  },
  check(project) {
    const reports: Report[] = [];
    const flowIds = [...project.flows.keys()];
    const allQids = [...project.flows.values()].flatMap((f) => [...f.steps.values()].map((s) => s.qid));
    const report = (messageId: string, at: Pos, data: Record<string, string>) =>
      reports.push({ messageId, at, data });

    for (const { target, entry } of targetsOf(project)) {
      const { raw, qid, pos } = target;
      const slash = qid.indexOf('/');
      if (slash < 0) {
        // Only tact.config.yaml leaves a target unqualified: `entry` may name a flow (its start).
        if (entry && project.flows.has(raw)) continue;
        if (entry) {
          report('unknownFlow', pos, { target: raw, flow: raw, hint: hintFor(suggest(raw, flowIds)) });
          continue;
        }
        const sameName = allQids.filter((q) => q.endsWith(`/${raw}`));
        const close = sameName.length === 1 ? sameName[0] : suggest(raw, allQids);
        report('unqualified', pos, { target: raw, file: pos.file, hint: hintFor(close) });
        continue;
      }
      const flowId = qid.slice(0, slash);
      const stepId = qid.slice(slash + 1);
      const flow: Flow | undefined = project.flows.get(flowId);
      if (!flow) {
        const close = suggest(flowId, flowIds);
        report('unknownFlow', pos, {
          target: raw,
          flow: flowId,
          hint: close
            ? hintFor(project.flows.get(close)?.steps.has(stepId) ? `${close}/${stepId}` : close)
            : '',
        });
        continue;
      }
      if (flow.steps.has(stepId)) continue;
      const close = suggest(stepId, [...flow.steps.keys()]);
      let hint = hintFor(close && (raw.includes('/') ? `${flowId}/${close}` : close));
      const other = project.flows.get(raw);
      if (!close && !raw.includes('/') && other)
        hint = `: to go to flow \`${raw}\`, write \`${raw}/${other.start}\``;
      report('unknownStep', pos, { target: raw, flow: flowId, hint });
    }
    return reports;
  },
});
