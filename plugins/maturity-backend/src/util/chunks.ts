// Parameters per IN (...) list; well below SQLite's and PostgreSQL's limits.
const CHUNK = 1000;

/** Splits a list into consecutive slices of at most `size` items. */
export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
