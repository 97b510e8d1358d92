import { InputError } from '@backstage/errors';

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
