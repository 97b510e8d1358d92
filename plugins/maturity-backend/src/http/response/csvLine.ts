function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Most cells are levels: nothing in them can need quoting.
  if (typeof value === 'boolean' || (typeof value === 'number' && value >= 0)) {
    return String(value);
  }
  const text = String(value);
  // Quote what would break a row, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of a CSV file, its cells quoted where needed, with its newline. */
export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}
