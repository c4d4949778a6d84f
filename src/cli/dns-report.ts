// Human output of `mailcove dns check`: one table line per finding, then what to do about each
// problem with the record to publish (a record shared by several findings is printed once).
import type { DomainReport } from '../dns-check/types.js';
import { printTable } from './output.js';

export function printDnsReport(r: DomainReport): void {
  const count = (s: string) => r.checks.filter((c) => c.status === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const errors = count('error');
  const warnings = count('warning');
  console.log(`DNS check of ${r.domain}: ${errors || warnings ? [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ') : 'all ok'}\n`);
  printTable(
    r.checks.map((c) => ({ check: c.name, status: c.status, finding: c.message })),
    ['check', 'status', 'finding'],
  );
  const problems = r.checks.filter((c) => c.status !== 'ok');
  if (!problems.length) return;
  console.log('\nHow to fix');
  const printed = new Set<string>();
  for (const p of problems) {
    console.log(`\n  ${p.name} ${p.status}: ${p.message}`);
    if (p.fix) for (const line of p.fix.split('\n')) console.log(`    ${line}`);
    if (!p.record) continue;
    if (printed.has(p.record)) {
      console.log('    publish: the record above');
      continue;
    }
    printed.add(p.record);
    console.log('    publish:');
    for (const line of p.record.split('\n')) console.log(`      ${line}`);
  }
}
