import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { parseCondition } from '../../src/flow/conditions.js';
import { lint } from '../../src/lint.js';
import { loadBot } from '../../src/runtime/index.js';
import { holds, isSafeCondition } from '../../src/runtime/logic.js';
import { ROOT } from '../e2e/helpers.js';

const require = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(tmpdir(), 'tact-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Expressions that would run code if a condition were ever evaluated as JavaScript. */
const HOSTILE_EXPRESSIONS = [
  'constructor.constructor("return process")().exit(7)',
  'this.process.exit(7)',
  'process.exit(7)',
  'require("child_process").execSync("touch /tmp/pwned")',
  '(() => 1)() == 1',
  '__proto__.polluted == 1',
  'eval("1 + 1") == 2',
  'new Function("return 1")() == 1',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a hostile condition
  '`${process.exit(7)}` == 1',
  'order = 1',
  'order.constructor == 1',
  'globalThis.x == 1',
];

/** JSON Logic that reaches into JavaScript, the console, or computes a path at run time. */
const HOSTILE_LOGIC: unknown[] = [
  { var: 'constructor.constructor' },
  { var: 'order.__proto__.polluted' },
  { var: ['prototype', 1] },
  { var: { cat: ['constr', 'uctor.constr', 'uctor'] } },
  { log: 'pwned' },
  { method: ['x', 'toString'] },
  { '==': [{ var: 'order.constructor.name' }, 'String'] },
  { missing: ['__proto__'] },
  { if: [true, { log: 'pwned' }, 1] },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? sourceFiles(full)
      : /\.(ts|tsx|js|cjs|mjs)$/.test(name)
        ? [full]
        : [];
  });
}

describe('no eval or new Function anywhere a flow reaches', () => {
  it('none in src/, nor in the expression parser and the JSON Logic evaluator a condition goes through', () => {
    const files = [
      ...sourceFiles(path.join(ROOT, 'src')),
      require.resolve('json-logic-js'),
      ...sourceFiles(path.dirname(require.resolve('jsep'))),
    ];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) =>
      /\beval\s*\(|new\s+Function\s*\(|(?<![\w.])Function\s*\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('hostile expressions are findings of bad-condition, never run', () => {
    const dir = path.join(tmp, 'flows');
    mkdirSync(dir, { recursive: true });
    const branches = HOSTILE_EXPRESSIONS.map((e) => `      - {if: ${JSON.stringify(e)}, goto: done}`).join(
      '\n',
    );
    writeFileSync(
      path.join(dir, 'evil.flow.yaml'),
      `flow: evil
data:
  order: {type: text}
steps:
  greet:
    say: Hi, I'm Ava, a virtual assistant. You can ask for a person at any time.
    next: pick
  pick:
    branch:
${branches}
      - {else: done}
  done:
    say: Thanks.
    end: resolved
`,
    );
    const exitCode = process.exitCode;
    const report = lint([dir], { cwd: tmp });
    const bad = report.findings.filter((f) => f.ruleId === 'bad-condition');
    expect(bad).toHaveLength(HOSTILE_EXPRESSIONS.length);
    const { bot } = compile([dir], { cwd: tmp, force: true });
    expect(process.exitCode).toBe(exitCode);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    return loadBot(JSON.parse(JSON.stringify(bot)))
      .session()
      .start()
      .then((turn) => {
        expect(turn.status).toBe('ended');
        expect(process.exitCode).toBe(exitCode);
      });
  });

  it('every hostile expression fails to parse into JSON Logic, with a reason', () => {
    for (const e of HOSTILE_EXPRESSIONS) {
      const parsed = parseCondition(e);
      expect(parsed.logic, e).toBeUndefined();
      expect(parsed.error, e).toMatch(/./);
    }
  });

  it('the runtime refuses JSON Logic that reaches into JavaScript or the console, and evaluates it as false', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      for (const logic of HOSTILE_LOGIC) {
        expect(isSafeCondition(logic), JSON.stringify(logic)).toBe(false);
        expect(holds(logic, { order: 'AB123456' })).toBe(false);
      }
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
    // What tact itself compiles stays allowed.
    expect(
      isSafeCondition({ and: [{ '==': [{ var: 'evil/order' }, 'x'] }, { '<': [{ var: 'turn' }, 3] }] }),
    ).toBe(true);
    expect(holds({ in: [{ var: 'evil/order' }, ['a', 'b']] }, { 'evil/order': 'a' })).toBe(true);
  });
});
