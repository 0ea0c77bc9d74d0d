import { Chalk } from 'chalk';
import { describeOutcome } from '../simulate/expect.js';
import type { SimReport } from '../simulate/summary.js';
import type { ConversationResult } from '../simulate/types.js';

export interface SimTextOptions {
  color: boolean;
  /** Lines of unvisited steps and failures to show before "… and N more". */
  limit?: number;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
/** Control characters never reach the terminal raw, whoever wrote the text. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

/** One line for a finished conversation, as plain progress prints it. */
export function formatConversationLine(c: ConversationResult, options: SimTextOptions): string {
  const k = new Chalk({ level: options.color ? 1 : 0 });
  const mark = c.passed ? k.green('✓') : k.red('✗');
  const head = `${mark} ${c.id.padEnd(30)} ${c.mood.padEnd(10)} ${describeOutcome(c)}`;
  const failed = c.expectations.filter((e) => e.passed === false);
  if (c.outcome === 'error') return `${head}`;
  if (failed.length === 0) return head;
  return `${head}\n${failed.map((e) => `    ${k.red(e.name)}: ${clean(e.message)}${e.turn ? ` (turn ${e.turn})` : ''}`).join('\n')}`;
}

/** The end-of-run summary: a table per persona, coverage, the failures, the totals. */
export function formatSimSummary(report: SimReport, options: SimTextOptions): string {
  const k = new Chalk({ level: options.color ? 1 : 0 });
  const limit = options.limit ?? 10;
  const s = report.summary;
  const lines: string[] = [];
  const engine = report.engine.model ? `${report.engine.name} (${report.engine.model})` : report.engine.name;
  lines.push(
    k.bold(
      `tact simulate · ${report.bot.name} · ${engine} · ${plural(report.personas.length, 'persona')} × ${plural(report.settings.runs, 'run')}`,
    ),
  );
  const rows = report.personas.map((p) => [
    p.id,
    p.mood,
    `${p.passed}/${p.conversations}`,
    p.conversations > 0 ? pct(p.passRate) : '—',
    Object.entries(p.outcomes)
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `${o} ${n}`)
      .join(', '),
  ]);
  const header = ['persona', 'mood', 'passed', 'rate', 'outcomes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  lines.push('', k.dim(fmt(header)));
  report.personas.forEach((p, i) => {
    const line = fmt(rows[i]);
    lines.push(p.conversations > 0 && p.passed === p.conversations ? line : k.red(line));
  });

  const c = report.coverage;
  lines.push(
    '',
    `coverage: steps ${c.steps.visited}/${c.steps.total} (${pct(c.steps.ratio)}), routes ${c.routes.taken}/${c.routes.total} (${pct(c.routes.ratio)})`,
  );
  if (c.unvisited.length > 0) {
    const shown = c.unvisited.slice(0, limit).join(', ');
    const more = c.unvisited.length > limit ? ` … and ${c.unvisited.length - limit} more` : '';
    lines.push(k.dim(`never visited: ${shown}${more}`));
  }

  const failures = report.conversations.filter((x) => !x.passed);
  if (failures.length > 0) {
    lines.push('', k.red('failed:'));
    for (const f of failures.slice(0, limit)) {
      const why =
        f.outcome === 'error'
          ? `error: ${clean(f.error ?? 'unknown')}`
          : f.expectations
              .filter((e) => e.passed === false)
              .map((e) => `${clean(e.message)}${e.turn ? ` (turn ${e.turn})` : ''}`)
              .join('; ');
      lines.push(`  ${k.red('✗')} ${f.id}: ${why}`);
    }
    if (failures.length > limit) lines.push(`  … and ${failures.length - limit} more`);
  }

  const extras = [
    s.fallbacks > 0 ? plural(s.fallbacks, 'fallback') : '',
    s.toneMismatches > 0 ? plural(s.toneMismatches, 'tone mismatch', 'tone mismatches') : '',
    s.repeatedAsks > 0 ? plural(s.repeatedAsks, 'repeated ask') : '',
    s.notRun > 0 ? `${s.notRun} not run (stopped)` : '',
  ].filter(Boolean);
  const total = `${plural(s.conversations, 'conversation')}: ${s.passed} passed, ${s.failed} failed (${pct(s.passRate)})`;
  lines.push(
    '',
    (s.failed === 0 ? k.green : k.red)(total) + (extras.length ? ` · ${extras.join(' · ')}` : ''),
  );
  return `${lines.join('\n')}\n`;
}
