// Every ```ts example in README.md and docs/ type-checks against the package as a user gets it:
// `tact` and `tact/runtime` resolve to the built declarations the package's `exports` name
// (dist/index.d.ts, dist/runtime/index.d.ts; `npm test` builds first), with strict TypeScript. An
// example may use `text`, the content of a compiled bot file, which the examples read from disk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { codeBlocks, markdownFiles } from './blocks.js';

const BLOCKS = ['README.md', ...markdownFiles('docs')].flatMap((f) =>
  codeBlocks(f).filter((b) => b.lang === 'ts'),
);
const PRELUDE = '/** The content of a compiled bot file (dist/bot.json). */\ndeclare const text: string;\n';

const tmp = mkdtempSync(path.join(tmpdir(), 'tact-ts-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the TypeScript examples of the docs', () => {
  it('are the ones this test knows of', () => {
    expect(BLOCKS.map((b) => b.file)).toEqual(['README.md', 'docs/bot-format.md', 'docs/runtime.md']);
  });

  it('type-check against the built package, strictly', () => {
    const files = BLOCKS.map((b, i) => {
      const file = path.join(tmp, `example-${i}.mts`);
      writeFileSync(file, `${b.text}\nexport {};\n${PRELUDE}`);
      return { file, where: `${b.file}:${b.line}` };
    });
    const program = ts.createProgram(
      files.map((f) => f.file),
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2023.d.ts'],
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules/@types')],
        skipLibCheck: true,
        paths: {
          tact: [path.join(ROOT, 'dist/index.d.ts')],
          'tact/runtime': [path.join(ROOT, 'dist/runtime/index.d.ts')],
        },
      },
    );
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = files.find((f) => f.file === d.file?.fileName)?.where ?? d.file?.fileName ?? '';
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${where} (line ${line} of the example): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);
});
