import type { Command } from 'commander';
import { ruleDocsUrl } from '../meta.js';
import { ruleCatalog } from '../rules/catalog.js';
import { emit } from './io.js';
import { oneOf } from './options.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list every rule with its default severity, description and docs link')
    .option('-f, --format <format>', 'text or json', oneOf(['text', 'json'] as const), 'text')
    .action(async (opts: { format: 'text' | 'json' }) => {
      const metas = await ruleCatalog();
      if (opts.format === 'json') {
        emit(
          JSON.stringify(
            metas.map((m) => ({
              id: m.id,
              category: m.category,
              severity: m.severity,
              description: m.description,
              docs: m.docs,
              url: ruleDocsUrl(m.id),
              options: Object.keys((m.optionsSchema.properties as object) ?? {}).filter(
                (k) => k !== 'severity',
              ),
            })),
            null,
            2,
          ),
          undefined,
        );
        return;
      }
      const idW = Math.max(...metas.map((m) => m.id.length));
      const lines: string[] = [];
      for (const category of ['empathy', 'language', 'structure'] as const) {
        const group = metas.filter((m) => m.category === category);
        if (group.length === 0) continue;
        lines.push(`${category} rules`);
        for (const m of group) {
          lines.push(`  ${m.id.padEnd(idW)}  ${m.severity.padEnd(5)}  ${m.description}`);
          lines.push(`  ${''.padEnd(idW)}         ${m.docs}`);
        }
        lines.push('');
      }
      lines.push(
        'Set a severity in tact.config.yaml (rules: {ID: warn}) or for one run with --rule ID=SEVERITY.',
      );
      emit(lines.join('\n'), undefined);
    });
}
