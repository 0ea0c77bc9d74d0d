// CI's dependency audit: `npm audit --omit=dev`, failing on high or critical advisories in what
// tact ships. When the advisory service cannot be reached it says so plainly and does not fail:
// a network problem is not a finding, and not a pass either.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why =
    report?.message ??
    report?.error?.summary ??
    (r.error ? r.error.message : r.stderr.trim().split('\n').pop());
  console.log(`npm audit: NOT CHECKED: the advisory service could not be reached (${why || 'no answer'})`);
  process.exit(0);
}
const serious = Object.values(report.vulnerabilities ?? {}).filter(
  (v) => v.severity === 'high' || v.severity === 'critical',
);
if (serious.length > 0) {
  for (const v of serious) console.log(`npm audit: ${v.severity}: ${v.name} ${v.range ?? ''}`);
  console.log(
    `npm audit: ${serious.length} high-severity advisories in the dependencies (npm audit --omit=dev)`,
  );
  process.exit(1);
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`npm audit: no high-severity advisories (${total} lower) in the dependencies`);
