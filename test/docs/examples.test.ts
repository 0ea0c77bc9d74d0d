// Every ```yaml example in README.md and docs/**/*.md is checked through the library, in process:
// - a flow (a top-level `flow:`) is linted alone, as the only file of a project;
// - a persona (`persona:`) is linted with the example project in flows/, whose data and actions
//   the examples use;
// - a config (only keys of tact.config.yaml) is linted as tact.config.yaml of the example project;
// - anything else (a CI file, a fragment of a file) must be valid YAML.
// Each example lints clean, or says which findings it shows in a comment inside it:
// `# shows: human-exit, fallback-escalates` (a rule twice for two findings of it). The test checks
// exactly those rules, as many times as listed. The pages of docs/rules/ are checked by
// test/docs/rule-pages.test.ts: every example of a page against the page's rule (the bad example
// reported on the lines it marks, the fixed ones clean, the silenced ones silenced, the configs
// valid).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { lint } from '../../src/lint.js';
import { ROOT } from '../e2e/helpers.js';
import { codeBlocks, markdownFiles } from './blocks.js';

const FILES = ['README.md', ...markdownFiles('docs', (folder) => folder === 'docs/rules')];
const CONFIG_KEYS = new Set(
  Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'schemas/config.schema.json'), 'utf8')).properties),
);

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;

/** The rules an example says it shows, sorted; [] when it says none. */
function shows(text: string): string[] {
  return [...text.matchAll(/^\s*# shows: (.+)$/gm)]
    .flatMap((m) => m[1].split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}

function kindOf(text: string): 'flow' | 'persona' | 'config' | 'other' {
  const doc = parseDocument(text);
  const value = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'other';
  if ('flow' in value && 'steps' in value) return 'flow';
  if ('persona' in value) return 'persona';
  if (Object.keys(value).every((k) => CONFIG_KEYS.has(k)) && !('jobs' in value)) return 'config';
  return 'other';
}

/** Lint an example as the kind of file it is; the rule ids of the findings, sorted. */
function findingsOf(text: string, kind: 'flow' | 'persona' | 'config'): string[] {
  const dir = path.join(tmp, `example-${++count}`);
  if (kind === 'flow') {
    mkdirSync(path.join(dir, 'flows'), { recursive: true });
    writeFileSync(path.join(dir, 'flows/example.flow.yaml'), text);
  } else {
    cpSync(path.join(ROOT, 'flows'), dir, { recursive: true });
    rmSync(path.join(dir, 'personas'), { recursive: true });
    if (kind === 'persona') {
      mkdirSync(path.join(dir, 'personas'));
      writeFileSync(path.join(dir, 'personas/example.persona.yaml'), text);
    } else writeFileSync(path.join(dir, 'tact.config.yaml'), text);
  }
  const report = lint([dir], { cwd: dir });
  return report.findings
    .filter(
      (f) =>
        kind === 'flow' || path.basename(f.file).startsWith(kind === 'config' ? 'tact.config' : 'example'),
    )
    .map((f) => f.ruleId)
    .sort();
}

const yamlBlocks = FILES.flatMap((f) => codeBlocks(f)).filter((b) => b.lang === 'yaml');

describe('the YAML examples of README.md and docs/', () => {
  it('there are examples of every kind', () => {
    const kinds = new Set(yamlBlocks.map((b) => kindOf(b.text)));
    expect([...kinds].sort()).toEqual(['config', 'flow', 'other', 'persona']);
  });

  it.each(yamlBlocks.map((b) => [`${b.file}:${b.line}`, b] as const))('%s', (_, block) => {
    const doc = parseDocument(block.text);
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    const kind = kindOf(block.text);
    if (kind === 'other') {
      expect(shows(block.text)).toEqual([]);
      return;
    }
    expect(findingsOf(block.text, kind)).toEqual(shows(block.text));
  });
});
