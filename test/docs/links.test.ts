// Every relative link of README.md and docs/**/*.md names a file or folder that exists, and a
// `#fragment` into a Markdown file names one of its headings (GitHub's anchors).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { markdownFiles } from './blocks.js';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
}

describe('links in README.md and docs/', () => {
  const files = ['README.md', ...markdownFiles('docs')];
  it.each(files)('%s: every relative link resolves', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [where, fragment] = target.split('#');
      const abs =
        where === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), where);
      if (!existsSync(abs)) broken.push(target);
      else if (fragment && statSync(abs).isFile() && abs.endsWith('.md') && !anchorsOf(abs).has(fragment))
        broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
