import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { forgetProject } from './analysis/memo.js';
import { suggest } from './analysis/text-distance.js';
import { TactError } from './errors.js';
import { type LoadedProject, type LoadOptions, loadProject } from './flow/load.js';
import type { Pos, Project, Severity, SeveritySetting } from './flow/types.js';
import { LintCache } from './lint-cache.js';
import { ownRequire } from './own-files.js';
import { renderMessage } from './rules/define.js';
import { allRules, ruleMetas, UNUSED_DISABLE } from './rules/registry.js';
import type { Finding, LintReport, Report, RuleMeta } from './rules/types.js';

export interface LintOptions extends Omit<LoadOptions, 'cache'> {
  /** Severity overrides for this run (`--rule ID=SEV`), applied over tact.config.yaml. */
  rules?: Record<string, SeveritySetting>;
  /** A cache file (`--cache`): unchanged files are not read again, nor checked by the per-file rules. */
  cache?: string;
}

/**
 * The rules whose findings in a flow file depend on that file alone (and the config): with
 * `--cache` they look only at the files that changed. Every other rule sees the whole project.
 */
export const PER_FILE_RULES: ReadonlySet<string> = new Set([
  'data-purpose',
  'personal-data-unmarked',
  'tone-declared',
  'blame-language',
  'readability',
  'too-many-options',
  'inclusive-language',
]);

const SEVERITIES = new Set(['error', 'warn', 'info', 'off']);

/** Lint flows, personas and config under the given paths (files or folders). */
export function lint(paths: string[], options: LintOptions = {}): LintReport & { project: LoadedProject } {
  const cache = options.cache
    ? new LintCache(path.resolve(options.cwd ?? process.cwd(), options.cache), options.rules)
    : undefined;
  const project = loadProject(paths, { ...options, cache });
  if (project.files.length === 0) {
    // A CI gate that checks nothing must not pass in silence.
    const ignored = project.ignored.length;
    throw new TactError(
      `no flow files in ${paths.length > 0 ? paths.join(', ') : 'the current folder'}`,
      2,
      ignored > 0
        ? `${ignored} file${ignored === 1 ? ' or folder there is' : 's and folders there are'} ignored (${project.ignored.slice(0, 3).join(', ')}${ignored > 3 ? ', ...' : ''}): name them, or run with --no-ignore`
        : 'flow files end in .flow.yaml; give the folder or the files that hold them',
    );
  }
  const report = lintProject(project, options.rules ?? {}, cache);
  cache?.save();
  return { ...report, project };
}

/**
 * Run every rule over a loaded project: severities and options from the config and the overrides,
 * `# tact-disable-next-line` comments applied, findings sorted by file, line and column.
 */
export function lintProject(
  project: Project,
  overrides: Record<string, SeveritySetting> = {},
  cache?: LintCache,
): LintReport {
  const metas = ruleMetas();
  for (const [id, sev] of Object.entries(overrides)) {
    if (!metas.some((m) => m.id === id)) {
      const hint = suggest(
        id,
        metas.map((m) => m.id),
      );
      throw new TactError(
        `unknown rule \`${id}\` in --rule`,
        2,
        hint ? `did you mean \`${hint}\`?` : 'run `tact rules` for the list',
      );
    }
    if (!SEVERITIES.has(sev))
      throw new TactError(`bad severity \`${sev}\` for ${id} in --rule`, 2, 'use error, warn, info or off');
  }

  const findings: Finding[] = [];
  const severities: Record<string, SeveritySetting> = {};
  const configFindings = checkRuleSettings(project, metas);

  for (const meta of metas) {
    severities[meta.id] = overrides[meta.id] ?? project.config.rules.get(meta.id)?.severity ?? meta.severity;
  }

  const push = (meta: RuleMeta, r: Report) => {
    const sev = severities[meta.id];
    if (sev === 'off') return;
    findings.push(toFinding(meta, sev, r));
  };

  for (const r of configFindings) push(metas.find((m) => m.id === 'schema')!, r);
  // With a cache, the per-file rules see only the flows of files that changed; what they found in
  // the other files last time is taken from the cache.
  const unchanged = cache?.unchanged() ?? new Set<string>();
  const changed: Project =
    unchanged.size === 0
      ? project
      : { ...project, flows: new Map([...project.flows].filter(([, f]) => !unchanged.has(f.file))) };
  const perFile: Finding[] = [];
  for (const rule of allRules) {
    if (severities[rule.meta.id] === 'off') continue;
    const options = {
      ...rule.meta.defaultOptions,
      ...(project.config.rules.get(rule.meta.id)?.options ?? {}),
    };
    const onePerFile = cache !== undefined && PER_FILE_RULES.has(rule.meta.id);
    let reports: Report[];
    try {
      reports = rule.check(onePerFile ? changed : project, options);
    } catch (err) {
      throw new TactError(
        `internal error in rule ${rule.meta.id}: ${(err as Error).message}`,
        2,
        'please report it with the flow that triggers it; `--rule ' + rule.meta.id + '=off` skips the rule',
      );
    }
    if (!onePerFile) for (const r of reports) push(rule.meta, r);
    else for (const r of reports) perFile.push(toFinding(rule.meta, severities[rule.meta.id] as Severity, r));
  }
  if (cache) {
    const byFile = new Map<string, Finding[]>();
    for (const f of perFile) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    for (const file of project.files) {
      if (file.kind !== 'flow') continue;
      const known = unchanged.has(file.path) ? cache.findings(file.path) : undefined;
      if (known) findings.push(...known);
      else cache.storeFindings(file.path, byFile.get(file.path) ?? []);
    }
    // Findings in the config (its default fallback message) are not cached: they are found again.
    for (const f of perFile) if (!unchanged.has(f.file)) findings.push(f);
  }

  // The shared graph, text lists and per-text results are of no use to the report: let them go
  // before it is written.
  forgetProject(project);
  const kept = applyDisableComments(project, dedupe(findings), severities);
  kept.sort(compareFindings);
  const counts = { error: 0, warn: 0, info: 0 };
  for (const f of kept) counts[f.severity]++;
  return {
    cwd: project.cwd,
    findings: kept,
    sources: Object.fromEntries(project.files.map((f) => [f.path, f.text])),
    files: project.files.map((f) => f.path).sort(),
    rules: metas,
    counts,
    severities,
  };
}

function toFinding(meta: RuleMeta, severity: Severity, r: Report): Finding {
  const template = meta.messages[r.messageId] ?? r.messageId;
  const f: Finding = {
    ruleId: meta.id,
    messageId: r.messageId,
    severity,
    message: renderMessage(template, r.data),
    file: r.at.file,
    line: r.at.line,
    column: r.at.column,
  };
  if (r.at.endLine !== undefined) f.endLine = r.at.endLine;
  if (r.at.endColumn !== undefined) f.endColumn = r.at.endColumn;
  if (r.path && r.path.length > 0) f.path = r.path;
  if (r.related && r.related.length > 0) f.related = r.related;
  if (r.evidence && r.evidence.length > 0) f.evidence = r.evidence;
  return f;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Unknown rules and bad options in tact.config.yaml's `rules:` become `schema` findings there. */
export function checkRuleSettings(project: Project, metas: RuleMeta[]): Report[] {
  const out: Report[] = [];
  for (const [id, setting] of project.config.rules) {
    const at: Pos = setting.pos ?? { file: project.config.file ?? 'tact.config.yaml', line: 1, column: 1 };
    const meta = metas.find((m) => m.id === id);
    if (!meta) {
      const hint = suggest(
        id,
        metas.map((m) => m.id),
      );
      out.push({
        messageId: 'problem',
        data: {
          message: `unknown rule \`${id}\`${hint ? `: did you mean \`${hint}\`?` : '; run `tact rules` for the list'}`,
        },
        at,
      });
      continue;
    }
    const validate = optionsValidator(meta);
    if (!validate({ ...setting.options })) {
      for (const e of validate.errors ?? []) {
        const what =
          e.keyword === 'additionalProperties'
            ? `unknown option \`${String((e.params as { additionalProperty: string }).additionalProperty)}\` for rule ${id}; options: ${
                Object.keys((meta.optionsSchema.properties as object) ?? {})
                  .filter((k) => k !== 'severity')
                  .join(', ') || 'none'
              }`
            : `option \`${e.instancePath.slice(1)}\` of rule ${id} ${e.message}`;
        out.push({ messageId: 'problem', data: { message: what }, at });
      }
    }
  }
  return out;
}

/** The `id` of a rule as the name of its options validator in rule-options.cjs. */
export const optionsValidatorName = (id: string) => id.replace(/-/g, '_');

let compiledOptions: Record<string, ValidateFunction> | undefined;
let ajv: import('ajv/dist/2020.js').default | undefined;

/**
 * The validator of a rule's options: compiled at build time (dist/rule-options.cjs, scripts/build-extras.js), else compiled now.
 */
function optionsValidator(meta: RuleMeta): ValidateFunction {
  if (compiledOptions === undefined) {
    try {
      compiledOptions = ownRequire('./rule-options.cjs') as Record<string, ValidateFunction>;
    } catch {
      compiledOptions = {};
    }
  }
  const built = compiledOptions[optionsValidatorName(meta.id)];
  if (built) return built;
  if (!ajv) {
    const Ajv2020 = ownRequire('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    ajv = new Ajv2020.default(RULE_OPTIONS_AJV);
  }
  return ajv.compile(meta.optionsSchema);
}

/** How rule options schemas are compiled, here and at build time. */
export const RULE_OPTIONS_AJV = { allErrors: true, strict: false } as const;

interface DisableComment {
  file: string;
  pos: Pos;
  rules: string[];
  /** The line it silences. */
  target: number;
  used: Set<string>;
}

const DISABLE_RE = /#\s*tact-disable-next-line\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)(?:\s+--\s*(.*))?\s*$/;

/** Drop findings silenced by `# tact-disable-next-line RULE -- reason`; report the unused ones. */
function applyDisableComments(
  project: Project,
  findings: Finding[],
  severities: Record<string, SeveritySetting>,
): Finding[] {
  const comments: DisableComment[] = [];
  const known = new Set(ruleMetas().map((m) => m.id));
  const extra: Finding[] = [];
  for (const file of project.files) {
    if (!file.text.includes('tact-disable-next-line')) continue;
    const lines = file.text.split(/\r?\n/);
    lines.forEach((text, i) => {
      const m = DISABLE_RE.exec(text);
      if (!m) return;
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target])) target++;
      const column = text.indexOf('#') + 1;
      const c: DisableComment = {
        file: file.path,
        pos: { file: file.path, line: i + 1, column },
        rules: m[1].split(',').map((r) => r.trim()),
        target: target + 1,
        used: new Set(),
      };
      for (const r of c.rules) {
        if (known.has(r) || severities[UNUSED_DISABLE.id] === 'off') continue;
        const suggestion = suggest(r, [...known]);
        extra.push(
          toFinding(UNUSED_DISABLE, severities[UNUSED_DISABLE.id] as Severity, {
            messageId: suggestion ? 'unknownRuleSuggest' : 'unknownRule',
            data: suggestion ? { rule: r, suggestion } : { rule: r },
            at: c.pos,
          }),
        );
      }
      comments.push(c);
    });
  }
  // The comments that silence each line, by file and line.
  const byLine = new Map<string, DisableComment[]>();
  for (const c of comments) {
    const key = `${c.target}\u0000${c.file}`;
    const list = byLine.get(key);
    if (list) list.push(c);
    else byLine.set(key, [c]);
  }
  const kept = findings.filter((f) => {
    const c = byLine.get(`${f.line}\u0000${f.file}`)?.find((c) => c.rules.includes(f.ruleId));
    if (!c) return true;
    c.used.add(f.ruleId);
    return false;
  });
  if (severities[UNUSED_DISABLE.id] !== 'off') {
    for (const c of comments)
      for (const r of c.rules)
        if (known.has(r) && !c.used.has(r) && severities[r] !== 'off')
          extra.push(
            toFinding(UNUSED_DISABLE, severities[UNUSED_DISABLE.id] as Severity, {
              messageId: 'unused',
              data: { rule: r },
              at: c.pos,
            }),
          );
  }
  return [...kept, ...extra];
}

export type { Finding, LintReport, RuleMeta };
