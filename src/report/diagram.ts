import { buildGraph, type Edge, messageTexts } from '../analysis/graph.js';
import type { Project, Route, Step } from '../flow/types.js';
import type { Finding } from '../rules/types.js';
import { safeText } from './safe-text.js';

export type DiagramFormat = 'mermaid' | 'dot';
export const DIAGRAM_FORMATS: readonly DiagramFormat[] = ['mermaid', 'dot'];

export interface DiagramOptions {
  /** Only this flow's steps (edges into other flows still show their target). */
  flow?: string;
  /** Findings to mark on the steps they are about. */
  findings?: Finding[];
}

/** What both renderers draw. */
interface Drawing {
  flows: string[];
  /** The id of each flow's group: `flow_ID` in Mermaid (a flow may be called `end`), `cluster_ID` in dot. */
  groups: Map<string, { mermaid: string; dot: string }>;
  nodes: Map<string, Node>;
  edges: { from: string; to: string; label?: string; dashed?: boolean }[];
  pseudo: { id: string; label: string }[];
  /** Targets outside the drawn flows, shown as plain boxes: id → the step's qualified id. */
  outside: Map<string, string>;
  entry: string | undefined;
}

interface Node {
  id: string;
  step: Step;
  label: string;
  problems: string[];
}

const KIND_WORD: Record<Step['kind'], string> = {
  message: 'say',
  ask: 'ask',
  branch: 'branch',
  action: 'action',
  handoff: 'handoff',
  end: 'end',
};

/**
 * Draw the project's steps as a diagram (Mermaid flowchart or Graphviz dot): one box per step,
 * grouped by flow; ask steps, handoff steps (the human exits) and steps with findings marked;
 * handlers drawn once per flow and once for the whole bot, not at every ask step.
 */
export function renderDiagram(project: Project, format: DiagramFormat, options: DiagramOptions = {}): string {
  const graph = buildGraph(project);
  const nodeId = idAllocator();
  const wanted = (s: Step) => !options.flow || s.flow === options.flow;
  const nodes = new Map<string, Node>();
  for (const s of graph.steps.values()) {
    if (!wanted(s)) continue;
    nodes.set(s.qid, { id: nodeId(s.qid), step: s, label: labelOf(s), problems: [] });
  }
  for (const f of options.findings ?? []) {
    const step = stepOfFinding(project, f);
    const node = step && nodes.get(step);
    if (node && f.severity !== 'info') node.problems.push(`${f.ruleId}: ${f.message}`);
  }
  const edges: { from: string; to: string; label?: string; dashed?: boolean }[] = [];
  const pseudo: { id: string; label: string }[] = [];
  const flows = [...project.flows.values()].filter((f) => !options.flow || f.id === options.flow);
  for (const node of nodes.values()) {
    for (const e of graph.out.get(node.step.qid) ?? []) {
      if (e.kind === 'handler' || e.kind === 'global') continue;
      // A branch edge is labelled with the condition of its case (the case whose goto it is).
      const branchCase = node.step.branch?.find((c) => c.goto.pos === e.pos);
      const label = branchCase ? `if ${truncate(branchCase.if.source, 30)}` : edgeLabel(e);
      edges.push({ from: node.id, to: nodeId(e.to), label, dashed: e.kind === 'fallback' });
    }
  }
  const handlerEdges = (id: string, label: string, routes: Route[]) => {
    if (routes.length === 0) return;
    pseudo.push({ id, label });
    for (const r of routes)
      edges.push({ from: id, to: nodeId(r.goto.qid), label: whenLabel(r), dashed: true });
  };
  for (const f of flows)
    handlerEdges(nodeId(`handlers ${f.id}`, `handlers__${f.id}`), `any question in ${f.id}`, f.handlers);
  if (!options.flow)
    handlerEdges(nodeId('handlers *', 'handlers__global'), 'any question', project.config.handlers);
  // Targets outside the drawn flow still appear, as plain boxes.
  const drawn = new Set([...nodes.values()].map((n) => n.id));
  const outside = new Map(
    edges.filter((e) => !drawn.has(e.to)).map((e) => [e.to, nodeId.keyOf(e.to) ?? e.to] as const),
  );
  const entry = project.entry && nodes.has(project.entry) ? nodeId(project.entry) : undefined;
  const groups = new Map(
    flows.map((f) => [
      f.id,
      { mermaid: nodeId(`flow ${f.id}`, `flow_${f.id}`), dot: nodeId(`cluster ${f.id}`, `cluster_${f.id}`) },
    ]),
  );
  const drawing: Drawing = { flows: flows.map((f) => f.id), groups, nodes, edges, pseudo, outside, entry };
  return format === 'dot' ? renderDot(drawing) : renderMermaid(drawing);
}

function renderMermaid({ flows, groups, nodes, edges, pseudo, outside, entry }: Drawing): string {
  const q = mermaidLabel;
  const shape = (n: Node) => {
    const l = q(n.label);
    switch (n.step.kind) {
      case 'ask':
        return `[/${l}/]`;
      case 'branch':
        return `{${l}}`;
      case 'action':
        return `[[${l}]]`;
      case 'handoff':
        return `{{${l}}}`;
      case 'end':
        return `([${l}])`;
      default:
        return `[${l}]`;
    }
  };
  const lines = ['flowchart TD'];
  if (entry) lines.push(`  start((start)) --> ${entry}`);
  for (const flow of flows) {
    lines.push(`  subgraph ${groups.get(flow)!.mermaid}[${q(flow)}]`);
    for (const n of nodes.values()) if (n.step.flow === flow) lines.push(`    ${n.id}${shape(n)}`);
    lines.push('  end');
  }
  for (const [id, qid] of outside) lines.push(`  ${id}[${q(qid)}]`);
  for (const p of pseudo) lines.push(`  ${p.id}>${q(p.label)}]`);
  for (const e of edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|${q(e.label)}|` : ''} ${e.to}`);
  }
  lines.push('  classDef ask fill:#e3f2fd,stroke:#1565c0');
  lines.push('  classDef handoff fill:#e8f5e9,stroke:#2e7d32,stroke-width:3px');
  lines.push('  classDef finding fill:#ffebee,stroke:#c62828,stroke-width:3px');
  const byClass = (pred: (n: Node) => boolean) => [...nodes.values()].filter(pred).map((n) => n.id);
  const asks = byClass((n) => n.step.kind === 'ask' && n.problems.length === 0);
  const handoffs = byClass((n) => n.step.kind === 'handoff' && n.problems.length === 0);
  const findings = byClass((n) => n.problems.length > 0);
  if (asks.length > 0) lines.push(`  class ${asks.join(',')} ask`);
  if (handoffs.length > 0) lines.push(`  class ${handoffs.join(',')} handoff`);
  if (findings.length > 0) lines.push(`  class ${findings.join(',')} finding`);
  return `${lines.join('\n')}\n`;
}

function renderDot({ flows, groups, nodes, edges, pseudo, outside, entry }: Drawing): string {
  const q = dotString;
  const attrs = (n: Node) => {
    const a: string[] = [`label=${q(n.label)}`];
    const shapes: Record<Step['kind'], string> = {
      message: 'box',
      ask: 'parallelogram',
      branch: 'diamond',
      action: 'component',
      handoff: 'hexagon',
      end: 'box',
    };
    a.push(`shape=${shapes[n.step.kind]}`);
    if (n.step.kind === 'end') a.push('peripheries=2', 'style=rounded');
    if (n.problems.length > 0)
      a.push(
        'style=filled',
        'fillcolor="#ffebee"',
        'color="#c62828"',
        'penwidth=3',
        `tooltip=${q(n.problems.join('\n'))}`,
      );
    else if (n.step.kind === 'handoff')
      a.push('style=filled', 'fillcolor="#e8f5e9"', 'color="#2e7d32"', 'penwidth=3');
    else if (n.step.kind === 'ask') a.push('style=filled', 'fillcolor="#e3f2fd"', 'color="#1565c0"');
    return a.join(', ');
  };
  const lines = [
    'digraph tact {',
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  if (entry) lines.push(`  start [shape=circle, label="start"];`, `  start -> ${entry};`);
  for (const flow of flows) {
    lines.push(`  subgraph ${groups.get(flow)!.dot} {`, `    label=${q(flow)};`);
    for (const n of nodes.values()) if (n.step.flow === flow) lines.push(`    ${n.id} [${attrs(n)}];`);
    lines.push('  }');
  }
  for (const [id, qid] of outside) lines.push(`  ${id} [label=${q(qid)}, shape=box, style=dashed];`);
  for (const p of pseudo) lines.push(`  ${p.id} [label=${q(p.label)}, shape=note];`);
  for (const e of edges) {
    const a = [e.label ? `label=${q(e.label)}` : '', e.dashed ? 'style=dashed' : ''].filter(Boolean);
    lines.push(`  ${e.from} -> ${e.to}${a.length > 0 ? ` [${a.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Node ids for the diagram, one per key (a step's qualified id, or a handlers box), each unique:
 * `a-b` and `a_b` both read `a_b` once made safe, so the second gets `_2`. `start` is the entry.
 */
function idAllocator() {
  const ids = new Map<string, string>();
  const keys = new Map<string, string>();
  const used = new Set(['start']);
  const idOf = (key: string, base = key.replace('/', '__')): string => {
    const known = ids.get(key);
    if (known) return known;
    const stem = safe(base);
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${stem}_${n}`;
    used.add(id);
    ids.set(key, id);
    keys.set(id, key);
    return id;
  };
  return Object.assign(idOf, { keyOf: (id: string) => keys.get(id) });
}

/** The characters that end or change a quoted Mermaid label, as Mermaid's numeric entity codes. */
const MERMAID_ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#34;',
  '%': '#37;',
  '&': '#38;',
  '<': '#60;',
  '>': '#62;',
  '`': '#96;',
};

/**
 * A quoted Mermaid label. Quotes would end it, `%%{` would start a directive, a backtick a Markdown
 * string, `<` HTML, `#...;` an entity: each is written as an entity code. Control characters are
 * shown as `\uXXXX`; line breaks become `<br/>`.
 */
export function mermaidLabel(text: string): string {
  const body = safeText(text)
    .replace(/[#"%&<>`]/g, (ch) => MERMAID_ENTITIES[ch])
    .replace(/\r\n|[\r\n]/g, '<br/>');
  return `"${body}"`;
}

/** A quoted Graphviz string: backslashes and quotes escaped, control characters shown as `\uXXXX`. */
export function dotString(text: string): string {
  const body = safeText(text)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|[\r\n]/g, '\\n');
  return `"${body}"`;
}

function labelOf(s: Step): string {
  const text = messageTexts(s.ask ?? s.say)[0];
  const extra =
    s.kind === 'action'
      ? s.action?.name
      : s.kind === 'end'
        ? s.end?.outcome
        : s.kind === 'handoff'
          ? s.handoff?.queue
          : s.kind === 'ask' && s.collect
            ? `collect ${s.collect.name}`
            : undefined;
  const head = `${s.id} (${KIND_WORD[s.kind]}${extra ? `: ${extra}` : ''})`;
  return text ? `${head}\n${truncate(text, 40)}` : head;
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1).trimEnd()}…` : text;
}

function whenLabel(r: Route): string {
  const w = r.when;
  if ('intent' in w) return `intent: ${w.intent}`;
  if ('sentiment' in w) return `sentiment: ${w.sentiment}`;
  return `if ${truncate(w.if.source, 30)}`;
}

function edgeLabel(e: Edge): string | undefined {
  switch (e.kind) {
    case 'option':
      return e.option?.label;
    case 'route':
      return e.route ? whenLabel(e.route) : undefined;
    case 'fallback':
      return 'no match';
    case 'else':
      return 'else';
    default:
      return undefined;
  }
}

/** The step a finding is about: the last step of its path, else the step whose text holds its line. */
function stepOfFinding(project: Project, f: Finding): string | undefined {
  if (f.path && f.path.length > 0) return f.path[f.path.length - 1].step;
  let best: Step | undefined;
  for (const flow of project.flows.values()) {
    if (flow.file !== f.file) continue;
    for (const s of flow.steps.values())
      if (s.pos.line <= f.line && (!best || s.pos.line > best.pos.line)) best = s;
  }
  return best?.qid;
}
