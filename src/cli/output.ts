// Human output as aligned tables, or --json for scripts (generated secrets included in both).
export function printTable(rows: Array<Record<string, unknown>>, columns: string[]): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const cells = rows.map((r) => columns.map((c) => formatCell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  console.log(columns.map((c, i) => c.toUpperCase().padEnd(widths[i]!)).join('  ').trimEnd());
  for (const row of cells) console.log(row.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd());
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'number' && v > 1_000_000_000_000 && v < 10_000_000_000_000) return new Date(v).toISOString().replace(/\.\d+Z$/, 'Z');
  return String(v);
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
