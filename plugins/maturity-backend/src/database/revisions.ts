import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { ORPHANS, REVISIONS } from './tables';

// The revisions a snapshot write claims: each given once, by one writer.

/** The last revision an entity was ever given, if any. */
export async function lastRevision(
  tx: Knex.Transaction,
  entityRef: string,
): Promise<number | undefined> {
  const row = await tx(REVISIONS)
    .where({ entity_ref: entityRef })
    .first('last_revision');
  return row ? Number(row.last_revision) : undefined;
}

/**
 * The next revision of an entity: after the latest snapshot, and after every
 * revision it was ever given, so that a purged entity that returns goes on
 * counting. The remembered revision is swapped only if no other writer moved
 * it since it was read (a first one is inserted, which the primary key lets
 * through once): together with the unique (entity, revision) index, exactly
 * one of several writers on one base revision gets through. A snapshot
 * written for an entity brings back its soft-deleted ones: the entity is in
 * the catalog again.
 */
export async function claimRevision(
  tx: Knex.Transaction,
  entityRef: string,
  seen: { current: number; remembered: number | undefined },
): Promise<number> {
  const revision = Math.max(seen.current, seen.remembered ?? 0) + 1;
  if (seen.remembered === undefined) {
    await tx(REVISIONS).insert({
      entity_ref: entityRef,
      last_revision: revision,
    });
  } else {
    const swapped = await tx(REVISIONS)
      .where({ entity_ref: entityRef, last_revision: seen.remembered })
      .update({ last_revision: revision });
    if (!swapped) throw conflict(entityRef, seen.current);
  }
  await tx(ORPHANS).where({ entity_ref: entityRef }).delete();
  return revision;
}

/** A write on a base revision that is no longer the latest. */
export function conflict(entityRef: string, base: number, current?: number) {
  return new ConflictError(
    `The assessment of ${entityRef} has changed since revision ${base}${
      current === undefined ? '' : ` (it is now at revision ${current})`
    }; reload it and apply your changes again`,
  );
}

/**
 * Whether a write failed on a unique index: two writers that read the same
 * revision both try to insert the next one, and it lets one through.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
