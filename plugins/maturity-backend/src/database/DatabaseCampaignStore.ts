import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  Campaign,
  CampaignInput,
} from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CampaignStore } from './CampaignStore';
import { chunks } from '../util/chunks';
import { epochMs, toMs } from './epochMs';
import type { LevelPositions } from './encodedLevels';
import { eachSpanWithin, LevelsSpan } from './historyReads';
import { inBound } from './scopeQuery';
import { CAMPAIGNS, GENERATIONS, VERSIONS } from './tables';

/** Refs bound as one value a statement: a whole organisation in a few. */
const REFS_PER_QUERY = 5000;

type VersionRow = {
  campaign_id: string;
  version: number | string;
  created_at: Date | string | number;
  created_by: string;
  payload: string;
  first_created_at: Date | string | number;
  first_created_by: string;
};

const KEY_VIOLATIONS = new Set([
  '23505',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);

const isKeyViolation = (error: unknown) =>
  KEY_VIOLATIONS.has((error as { code?: string })?.code ?? '');

const toIso = (value: Date | string | number) => new Date(value).toISOString();

function fromRow(row: VersionRow): Campaign {
  const input: CampaignInput = JSON.parse(row.payload);
  return {
    ...input,
    id: row.campaign_id,
    version: Number(row.version),
    source: 'database',
    createdAt: toIso(row.first_created_at),
    createdBy: row.first_created_by,
    updatedAt: toIso(row.created_at),
    updatedBy: row.created_by,
  };
}

function payloadOf(input: CampaignInput): string {
  const { title, description, scope, goals, startsOn, deadline, status } =
    input;
  return JSON.stringify({
    title,
    description,
    scope,
    goals,
    startsOn,
    deadline,
    status,
  } satisfies CampaignInput);
}

/**
 * The knex implementation of {@link CampaignStore}. Migrations are run by the
 * assessment store, which is created first.
 */
export class DatabaseCampaignStore implements CampaignStore {
  constructor(private readonly knex: Knex) {}

  async create(input: CampaignInput, createdBy: string): Promise<Campaign> {
    const id = randomUUID();
    const now = new Date();
    await this.knex.transaction(async tx => {
      await tx(CAMPAIGNS).insert({
        id,
        version: 1,
        created_at: now,
        created_by: createdBy,
      });
      await tx(VERSIONS).insert({
        campaign_id: id,
        version: 1,
        created_at: now,
        created_by: createdBy,
        payload: payloadOf(input),
      });
    });
    return (await this.get(id))!;
  }

  async update(
    id: string,
    input: CampaignInput,
    options: { baseVersion: number; updatedBy: string },
  ): Promise<Campaign> {
    const next = options.baseVersion + 1;
    try {
      await this.knex.transaction(async tx => {
        const current = await tx(CAMPAIGNS).where({ id }).first();
        if (!current) throw new NotFoundError(`No campaign ${id}`);
        if (Number(current.version) !== options.baseVersion) {
          throw conflict(id, options.baseVersion, Number(current.version));
        }
        // The (campaign_id, version) key lets one of two racing edits in.
        await tx(VERSIONS).insert({
          campaign_id: id,
          version: next,
          created_at: new Date(),
          created_by: options.updatedBy,
          payload: payloadOf(input),
        });
        await tx(CAMPAIGNS).where({ id }).update({ version: next });
      });
    } catch (error) {
      if (isKeyViolation(error)) throw conflict(id, options.baseVersion);
      throw error;
    }
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Campaign | undefined> {
    const [row] = await this.versionRows()
      .where('c.id', id)
      .whereRaw('v.version = c.version');
    return row ? fromRow(row) : undefined;
  }

  async list(): Promise<Campaign[]> {
    const rows = await this.versionRows()
      .whereRaw('v.version = c.version')
      .orderBy([{ column: 'c.created_at' }, { column: 'c.id' }]);
    return rows.map(fromRow);
  }

  async versions(id: string): Promise<Campaign[]> {
    const rows = await this.versionRows()
      .where('c.id', id)
      .orderBy('v.version', 'desc');
    return rows.map(fromRow);
  }

  eachSummary(
    entityRefs: string[],
    window: { from: Date; until: Date },
    visit: (span: LevelsSpan) => void,
    only?: LevelPositions,
  ): Promise<void> {
    // In no order: the burn-up tallies rows in any.
    return eachSpanWithin(this.knex, entityRefs, window, visit, only);
  }

  async generationStarts(entityRefs: string[]): Promise<Map<string, number>> {
    const starts = new Map<string, number>();
    // Only a ref taken over by another entity has a generation: a scope of
    // more refs than a statement binds reads them all, once, rather than
    // bind a whole organisation's refs batch by batch.
    const batches =
      entityRefs.length > REFS_PER_QUERY
        ? [undefined]
        : chunks([...new Set(entityRefs)], REFS_PER_QUERY);
    for (const refs of batches) {
      const query = this.knex(GENERATIONS)
        // A whole organisation's refs: no Date parsed a row.
        .select('entity_ref', epochMs(this.knex, 'started_at', 'started_ms'));
      if (refs) query.where(q => inBound(this.knex, q, 'entity_ref', refs));
      const rows: Array<{ entity_ref: string; started_ms: number | string }> =
        await query;
      for (const row of rows) starts.set(row.entity_ref, toMs(row.started_ms));
    }
    return starts;
  }

  private versionRows(): Knex.QueryBuilder<any, VersionRow[]> {
    return this.knex({ c: CAMPAIGNS })
      .join({ v: VERSIONS }, 'v.campaign_id', 'c.id')
      .select(
        'v.campaign_id',
        'v.version',
        'v.created_at',
        'v.created_by',
        'v.payload',
        { first_created_at: 'c.created_at', first_created_by: 'c.created_by' },
      );
  }
}

function conflict(id: string, base: number, current?: number) {
  return new ConflictError(
    `Campaign ${id} has changed since version ${base}${
      current === undefined ? '' : ` (it is now at version ${current})`
    }; reload it and apply your changes again`,
  );
}
