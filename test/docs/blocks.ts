import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../e2e/helpers.js';

export interface Block {
  file: string;
  line: number;
  lang: string;
  text: string;
  /** The line before the fence, e.g. `<!-- docs-test: skip (why) -->`. */
  before: string;
}

/** The fenced code blocks of a Markdown file, in order. */
export function codeBlocks(file: string): Block[] {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    blocks.push({
      file,
      line: start + 1,
      lang: open[1],
      text: `${body.join('\n')}\n`,
      before: lines[start - 1] ?? '',
    });
  }
  return blocks;
}

/** The Markdown files under `dir` (relative to the repo), leaving out the folders `skip` names. */
export function markdownFiles(dir: string, skip: (folder: string) => boolean = () => false): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return skip(rel) ? [] : markdownFiles(rel, skip);
    return e.name.endsWith('.md') ? [rel] : [];
  });
}
