import {
  approvalOf,
  ExemptionRow,
  ExemptionsPage,
  exemptionsOf,
  MaturityModel,
  NO_EXPIRY,
  topicExpiries,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ScoringSettings } from '../config';
import type { AssessmentStore } from '../database/AssessmentStore';
import type { IndexedEntity, Sort } from '../database/MaturityIndex';
import { decodeKeyset, encodeKeyset } from './cursor';
import { EntityLookup } from './EntityLookup';
import { filterScope, ListFilter } from './filterScope';
import { IndexReadiness } from './ScorecardService';
import { Caller } from './VisibleIndex';

const BY_NAME: Sort = { by: 'name', order: 'asc' };

/** One page of `GET /exemptions`: entities per page, and where it goes on. */
type ExemptionsRead = { filter: ListFilter; limit: number; cursor?: string };

/**
 * The exemptions in force (maturity.exemptions): the topics rated entirely
 * not applicable in the counted snapshots the caller may see, with their
 * reason, author, approver and end. Paged in the database: the summaries
 * keep which topics are not applicable (`exempt` in the index scope), so a
 * page reads only entities that have one, `limit` of them by name, and then
 * their snapshots (cached) for reasons and authors, which are the
 * snapshots' alone. An entity's exemptions are never split over two pages.
 */
export class ExemptionService {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      indexer: IndexReadiness;
      entities: EntityLookup;
      store: Pick<AssessmentStore, 'getCounted'>;
      scoring: Pick<ScoringSettings, 'attestation' | 'exemptions'>;
      now?: () => Date;
    },
  ) {}

  /** A page of exemptions, `limit` entities with theirs; none while switched off. */
  async page(read: ExemptionsRead, caller: Caller): Promise<ExemptionsPage> {
    const exemptions = this.deps.scoring.exemptions ?? NO_EXPIRY.exemptions;
    if (!exemptions.enabled) return { items: [] };
    const now = this.now();
    await this.deps.indexer.ready();
    const scope = await filterScope(
      read.filter,
      this.deps.entities,
      caller,
      now,
    );
    const after = read.cursor ? decodeKeyset(read.cursor, BY_NAME) : undefined;
    const { rows } = await this.deps.entities
      .visibleIndex(caller)
      .page({ ...scope, exempt: true }, BY_NAME, read.limit + 1, after);
    const entities = rows.slice(0, read.limit);
    const last = entities[entities.length - 1];
    return {
      items: await this.rowsOf(entities, now),
      ...(rows.length > read.limit && last
        ? {
            nextCursor: encodeKeyset({
              value: last.sortKey ?? null,
              ref: last.entityRef,
            }),
          }
        : {}),
    };
  }

  /** Every exemption of the filter, a page at a time: for the CSV answer. */
  async *all(
    filter: ListFilter,
    caller: Caller,
  ): AsyncGenerator<ExemptionRow[]> {
    let cursor: string | undefined;
    do {
      const page = await this.page({ filter, limit: 200, cursor }, caller);
      if (page.items.length) yield page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async rowsOf(
    entities: IndexedEntity[],
    now: Date,
  ): Promise<ExemptionRow[]> {
    const { model, scoring } = this.deps;
    const settings = {
      attestation: scoring.attestation ?? NO_EXPIRY.attestation,
      exemptions: scoring.exemptions ?? NO_EXPIRY.exemptions,
    };
    // The counted snapshots, as the summaries the page was found by: under
    // review, an exemption is in force once approved, not while pending.
    const records = await this.deps.store.getCounted(
      entities.map(e => e.entityRef),
    );
    const items: ExemptionRow[] = [];
    for (const entity of entities) {
      const record = records.get(entity.entityRef);
      if (!record) continue;
      const snapshot = { ...record, approval: approvalOf(record) };
      // An exemption ends with its grant or its attestation, whichever first.
      const ends = topicExpiries(model, snapshot, settings);
      for (const exemption of exemptionsOf(model, snapshot)) {
        const endsAt = ends[exemption.topicId].expiresAt;
        if (!endsAt || new Date(endsAt) <= now) continue;
        items.push({
          entityRef: entity.entityRef,
          title: entity.title,
          ownerRef: entity.ownerRef,
          topicId: exemption.topicId,
          reason: exemption.reason,
          author: exemption.author,
          approver: exemption.approver ?? null,
          grantedAt: exemption.grantedAt,
          endsAt,
        });
      }
    }
    return items;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
