import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { Keyset, Sort } from '../database/MaturityIndex';

/**
 * Cursors are opaque to clients: a base64url JSON object with one
 * non-negative integer, so that a tampered cursor is a clear 400. Values fit
 * a 32-bit integer column, the type of revisions on every database.
 */
export const MAX_CURSOR_VALUE = 2 ** 31 - 1;

export function encodeCursor(key: string, value: number): string {
  return Buffer.from(JSON.stringify({ [key]: value })).toString('base64url');
}

export function decodeCursor(cursor: string, key: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString())?.[
      key
    ];
    if (Number.isInteger(value) && value >= 0 && value <= MAX_CURSOR_VALUE) {
      return value;
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor is malformed; use a nextCursor from a response');
}

const keysetSchema = z.strictObject({
  r: z.string().min(1).max(1024),
  v: z.union([z.string().max(64), z.number(), z.null()]),
  d: z.literal(1).optional(),
});

/**
 * A keyset cursor: the last row's ref and sort value, so that the next page
 * starts in the database where this one ended. Dates (PostgreSQL answers
 * timestamps as Date) travel as ISO strings marked `d`.
 */
export function encodeKeyset(keyset: Keyset): string {
  const { value, ref } = keyset;
  const body =
    value instanceof Date
      ? { r: ref, v: value.toISOString(), d: 1 }
      : { r: ref, v: (value ?? null) as string | number | null };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const malformed = () =>
  new InputError('cursor is malformed; use a nextCursor from a response');

/** An integer within bounds, also as PostgreSQL answers a bigint: a string. */
const integer =
  (min: number, max: number) =>
  (v: unknown): number | undefined => {
    const n = typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v;
    return Number.isInteger(n) && (n as number) >= min && (n as number) <= max
      ? (n as number)
      : undefined;
  };

/**
 * A sort column's value as the database compares it, or undefined when a
 * cursor's value could not be one, so that a tampered value never reaches
 * the database (PostgreSQL refuses to compare a number with text: a 500).
 */
const SORT_VALUES: Record<
  Exclude<Sort['by'], object>,
  (value: unknown) => unknown
> = {
  // Pages by name continue from the ref alone.
  name: () => null,
  percentToTarget: v =>
    typeof v === 'number' && Number.isFinite(v) ? v : undefined,
  // A Date from PostgreSQL, epoch milliseconds from SQLite: a Date for both.
  assessedAt: v => {
    if (v instanceof Date) return v;
    return typeof v === 'number' && Number.isFinite(v)
      ? new Date(v)
      : undefined;
  },
  revision: integer(0, MAX_CURSOR_VALUE),
};
const level = integer(0, 5);

/** A keyset cursor of a page in `sort` order; a 400 if it could not be one. */
export function decodeKeyset(cursor: string, sort: Sort): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const result = keysetSchema.safeParse(parsed);
  if (!result.success) throw malformed();
  const { r, v, d } = result.data;
  let value: unknown = v;
  if (d) {
    value = new Date(typeof v === 'string' ? v : NaN);
    if (Number.isNaN((value as Date).getTime())) throw malformed();
  }
  // Unassessed rows sort last with a null value, in any column.
  if (value === null) return { ref: r, value };
  const typed = (typeof sort.by === 'object' ? level : SORT_VALUES[sort.by])(
    value,
  );
  if (typed === undefined) throw malformed();
  return { ref: r, value: typed };
}
