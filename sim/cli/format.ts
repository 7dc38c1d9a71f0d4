/** Number and table formatting for terminal output (people, not programs: CSV/JSON carry full precision). */

/** Yuan in a compact human form: 1.23 bn, 45.6 m, 7,890. */
export function formatYuan(yuan: number): string {
  const sign = yuan < 0 ? '-' : '';
  const magnitude = Math.abs(yuan);
  if (magnitude >= 1e9) return `${sign}${(magnitude / 1e9).toFixed(2)} bn`;
  if (magnitude >= 1e6) return `${sign}${(magnitude / 1e6).toFixed(1)} m`;
  return `${sign}${Math.round(magnitude).toLocaleString('en-US')}`;
}

export function formatPercent(share: number, digits = 1): string {
  return `${(100 * share).toFixed(digits)}%`;
}

/** A plain-text table: a header, a rule, and rows; numeric-looking cells right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,]+( ?[%a-z]+)?$|^$|^—$/.test(row[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
