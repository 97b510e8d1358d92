import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ChangeRow,
  compareLevels,
  defaultMaturityModel,
  EntityMaturityExportRow,
  Movement,
  RollUpAccumulator,
} from '@cnmm/backstage-plugin-maturity-common';
import { fakeDate } from '../__testUtils__/fakeClock';
import {
  randomCase,
  randomMoments,
  replayedAt,
  scoredAt,
  writeHistory,
} from '../__testUtils__/randomHistory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { trustedIndex } from '../__testUtils__/trustedIndex';
import type { ScoringSettings } from '../config';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { MaturityIndex } from '../database/MaturityIndex';
import { AssessmentService } from './AssessmentService';
import { ChangesService } from './ChangesService';
import { EntityLookup } from './EntityLookup';
import { EntityRows } from './EntityRows';
import { OverviewService } from './OverviewService';
import { ScorecardService } from './ScorecardService';
import { Summaries } from './Summaries';

// For random histories written through the real write path at chosen
// times, on both databases: a group's scorecard as of a moment is the
// replay of the snapshots up to then through the scoring engine of -common,
// one entity's read as of a moment is its replayed snapshot, and the
// changes between two moments are the movement (compareLevels) between two
// answers as of them, whatever the page.

jest.setTimeout(180_000);

const CASES = 20;
const databases = createTestDatabases();
const model = defaultMaturityModel;
const SCORING: ScoringSettings = {
  strict: false,
  staleAfterDays: 60,
  targets: { default: 1, byLifecycle: { production: 3 } },
};
const NOW = new Date('2026-07-01T12:00:00.000Z');
const INDEXED_AT = new Date('2026-07-01T11:00:00.000Z');
const summaries = new Summaries(model, SCORING);
const caller = {
  credentials: mockCredentials.user('user:default/sam'),
  visibility: { type: 'all' as const },
};
const cases = Array.from({ length: CASES }, (_, i) =>
  randomCase(model, i + 1, NOW),
);

/** The dimensions of an entity's row without a snapshot. */
const UNASSESSED = Object.fromEntries(model.dimensions.map(d => [d.id, null]));

const medians = (stats: Record<string, { median: number | null }>) =>
  Object.fromEntries(Object.entries(stats).map(([id, s]) => [id, s.median]));

describe.each(databases.eachSupportedId())('as-of reads on %p', id => {
  let services: ReturnType<typeof servicesOn>;
  const revisions = new Map<unknown, number>();

  function servicesOn(index: MaturityIndex, store: DatabaseAssessmentStore) {
    // The catalog shows every entity, held by the uid of its last snapshot.
    const uids = new Map(
      cases.flatMap(c => c.snapshots.map(s => [s.entityRef, s.uid] as const)),
    );
    const shown = (ref: string) => {
      const { kind, namespace, name } = parseEntityRef(ref);
      const uid = uids.get(ref);
      return { apiVersion: 'v1', kind, metadata: { namespace, name, uid } };
    };
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async (request: GetEntitiesByRefsRequest) => ({
        items: request.entityRefs.map(shown),
      })),
      getEntityByRef: jest.fn(async (ref: string) => shown(ref)),
    });
    const entities = new EntityLookup({ index, catalog, trust: trustedIndex });
    const indexer = { ready: async () => INDEXED_AT };
    const rows = new EntityRows(model, summaries);
    const now = () => NOW;
    const common = { model, indexer, entities, rows, now };
    return {
      scorecards: new ScorecardService(common),
      overview: new OverviewService(common),
      changes: new ChangesService({ indexer, entities, summaries, now }),
      assessments: new AssessmentService({
        model,
        store,
        entities,
        indexer: { refresh: async () => {} },
        summaries,
        scoring: SCORING,
        now,
      }),
    };
  }

  beforeAll(async () => {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const index = new MaturityIndex(knex);
    await index.upsert(cases.flatMap(c => c.records));
    fakeDate();
    try {
      for (const c of cases) {
        const written = await writeHistory(store, summaries, c.snapshots, at =>
          jest.setSystemTime(at),
        );
        written.forEach((revision, snapshot) =>
          revisions.set(snapshot, revision),
        );
      }
    } finally {
      jest.useRealTimers();
    }
    services = servicesOn(index, store);
  });

  /** The roll-up of `refs` replayed at `at` with the accumulator of -common. */
  function replayedRollUp(c: (typeof cases)[number], refs: string[], at: Date) {
    const accumulator = new RollUpAccumulator(model);
    for (const ref of refs) {
      const snapshot = replayedAt(c.snapshots, ref, at);
      accumulator.add(snapshot ? scoredAt(model, SCORING, snapshot, at) : null);
    }
    return accumulator.result();
  }

  /** The export of a case's group as of `at` (now without it), by ref. */
  async function exportedAt(root: string, at?: Date) {
    const rows = new Map<string, EntityMaturityExportRow>();
    const read = { ...caller, asOf: at };
    for await (const batch of services.overview.exportRows(
      { group: root },
      read,
    ).rows) {
      for (const row of batch) rows.set(row.entityRef, row);
    }
    return rows;
  }

  it.each(cases.map((c, i) => [i + 1, c] as const))(
    'case %i: a group scorecard as of a moment is the replay of its snapshots',
    async (seed, c) => {
      const owners = new Set([c.root, ...[...c.children.values()].flat()]);
      const members = c.records
        .filter(r => r.kind === 'component' && owners.has(r.ownerRef!))
        .map(r => r.entityRef);
      for (const at of randomMoments(seed, c.snapshots, NOW)) {
        const card = await services.scorecards.groupScorecard(c.root, {
          ...caller,
          asOf: at,
          direct: false,
        });
        const expected = replayedRollUp(c, members, at);
        expect(card).toMatchObject({
          components: expected.components,
          dimensions: expected.dimensions,
          topics: expected.topics,
          percentToTarget: expected.percentToTarget,
          asOf: at.toISOString(),
          scopeAsOf: 'now',
        });
        for (const [child, groups] of c.children) {
          const refs = c.records
            .filter(r => r.kind === 'component' && groups.includes(r.ownerRef!))
            .map(r => r.entityRef);
          const rolled = replayedRollUp(c, refs, at);
          expect(
            card.children.find(ch => ch.entityRef === child),
          ).toMatchObject({
            components: rolled.components,
            dimensions: medians(rolled.dimensions),
            percentToTarget: rolled.percentToTarget,
          });
        }
        // Each entity's row, and its own read, are its replayed snapshot.
        for (const row of card.entities) {
          const snapshot = replayedAt(c.snapshots, row.entityRef, at);
          const summary = snapshot && scoredAt(model, SCORING, snapshot, at);
          expect({
            revision: row.revision,
            stale: row.stale,
            dimensions: row.dimensions,
          }).toEqual({
            revision: snapshot ? revisions.get(snapshot) : null,
            stale: summary?.stale ?? false,
            dimensions: summary?.dimensionMedians ?? UNASSESSED,
          });
        }
        const ref = c.components[seed % c.components.length];
        const snapshot = replayedAt(c.snapshots, ref, at);
        const read = await services.assessments
          .getLatest(ref, { ...caller, asOf: at })
          .then(
            a => ({ revision: a.revision, stale: a.result.stale }),
            // Only the refusal of an entity without a snapshot then is one.
            (e: Error) =>
              e.message.includes('has no maturity assessment at')
                ? 'none'
                : e.message,
          );
        expect(read).toEqual(
          snapshot
            ? {
                revision: revisions.get(snapshot),
                stale: scoredAt(model, SCORING, snapshot, at).stale,
              }
            : 'none',
        );
      }
    },
  );

  it.each(cases.map((c, i) => [i + 1, c] as const))(
    'case %i: each point of a group’s trend is the replay at the end of its month',
    async (seed, c) => {
      const months = 1 + (seed % 12);
      const trend = await services.scorecards.groupTrend(c.root, {
        ...caller,
        months,
        direct: seed % 2 === 0,
      });
      const owners = new Set(
        seed % 2 === 0
          ? [c.root]
          : [c.root, ...[...c.children.values()].flat()],
      );
      const members = c.records
        .filter(r => r.kind === 'component' && owners.has(r.ownerRef!))
        .map(r => r.entityRef);
      expect(trend.points).toHaveLength(months);
      trend.points.forEach((point, i) => {
        // Each month's last millisecond; now for the current month.
        const at =
          i === months - 1 ? NOW : new Date(`${point.date}T23:59:59.999Z`);
        const expected = replayedRollUp(c, members, at);
        expect(point).toEqual({
          date: at.toISOString().slice(0, 10),
          components: expected.components.total,
          assessed: expected.components.assessed,
          dimensions: medians(expected.dimensions),
        });
      });
      // The last days of the months before NOW's (July 2026), then NOW.
      expect(trend.points.map(p => p.date)).toEqual(
        Array.from({ length: months }, (_, i) =>
          i === months - 1
            ? '2026-07-01'
            : new Date(Date.UTC(2026, 7 - (months - 1 - i), 0))
                .toISOString()
                .slice(0, 10),
        ),
      );
    },
  );

  it.each(cases.map((c, i) => [i + 1, c] as const))(
    'case %i: the changes between two moments are the movement between two as-of answers',
    async (seed, c) => {
      const [from, , to] = randomMoments(seed, c.snapshots, NOW);
      if (from.getTime() === to.getTime()) return;
      for (const until of [to, undefined]) {
        const [before, after] = await Promise.all([
          exportedAt(c.root, from),
          exportedAt(c.root, until),
        ]);
        const expected: Array<Omit<ChangeRow, 'title' | 'before' | 'after'>> =
          [];
        for (const [ref, row] of [...after].sort(([a], [b]) =>
          a < b ? -1 : 1,
        )) {
          if (row.revision === null) continue;
          const was = before.get(ref)!;
          const movement: Movement = compareLevels(
            was.revision === null ? null : was,
            row,
          );
          expected.push({ entityRef: ref, ownerRef: row.ownerRef, movement });
        }
        // Read in pages of a random size, the cursor carried on.
        const items: ChangeRow[] = [];
        let cursor: string | undefined;
        let first;
        do {
          const page = await services.changes.page(
            { from, to: until, group: c.root, limit: 1 + (seed % 3), cursor },
            caller,
          );
          first ??= page;
          items.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(
          items.map(({ entityRef, ownerRef, movement }) => ({
            entityRef,
            ownerRef,
            movement,
          })),
        ).toEqual(expected);
        for (const item of items) {
          expect(item.after.revision).toBe(after.get(item.entityRef)!.revision);
          expect(item.before?.revision ?? null).toBe(
            before.get(item.entityRef)!.revision,
          );
        }
        // The same rows when the scope is read in walks, holding no
        // statement open between batches: for a file, and when the
        // catalog decides what the caller sees.
        const file: ChangeRow[] = [];
        const { rows } = await services.changes.rows(
          { from, to: until, group: c.root },
          caller,
        );
        for await (const batch of rows) file.push(...batch);
        expect(
          file.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1)),
        ).toEqual(items);
        const byCatalog = await services.changes.page(
          { from, to: until, group: c.root, limit: items.length + 1 },
          { ...caller, visibility: { type: 'catalog' } },
        );
        expect(byCatalog.items).toEqual(items);
        expect(byCatalog.totals).toEqual(first!.totals);
        const count = (m: Movement) =>
          expected.filter(e => e.movement === m).length;
        expect(first!.totals).toEqual({
          improved: count('improved'),
          regressed: count('regressed'),
          newlyAssessed: count('newly-assessed'),
          unchanged: count('unchanged'),
        });
        const teamTotal = first!.teams.reduce(
          (sum, t) =>
            sum + t.improved + t.regressed + t.newlyAssessed + t.unchanged,
          0,
        );
        expect(teamTotal).toBe(expected.length);
      }
    },
  );
});
