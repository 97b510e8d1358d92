import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { Keyset } from '../database/MaturityIndex';

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

export function decodeKeyset(cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const result = keysetSchema.safeParse(parsed);
  if (!result.success) {
    throw new InputError(
      'cursor is malformed; use a nextCursor from a response',
    );
  }
  const { r, v, d } = result.data;
  if (!d) return { ref: r, value: v };
  const date = new Date(typeof v === 'string' ? v : NaN);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(
      'cursor is malformed; use a nextCursor from a response',
    );
  }
  return { ref: r, value: date };
}
