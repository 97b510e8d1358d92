import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { SUMMARY_HISTORY } from '../src/database/tables';
import {
  BenchCase,
  BenchContext,
  DEPARTMENT,
  departmentInCatalog,
  inSubtree,
  runsAt,
} from './benchCase';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The history rows valid at `at`, as `alias`: the floor's "as of". */
function historyAt(knex: Knex, at: Date, alias: string) {
  return knex(SUMMARY_HISTORY)
    .select('entity_ref', 'levels', 'percent_to_target')
    .where('valid_from', '<=', at)
    .where(q => q.whereNull('valid_to').orWhere('valid_to', '>', at))
    .as(alias);
}

/**
 * The cases of history (issue 22): a department's scorecard as of six
 * months ago, what changed in it over 180 days, and the burn-up of an
 * organisation-wide campaign of 180 days, with the goals the issue sets
 * at 100,000 components (checked at 10,000 too: a smaller organisation
 * must not be slower). `now` is the seed's clock.
 */
export async function historyCases(
  ctx: BenchContext,
  now: number,
): Promise<BenchCase[]> {
  const { get, postJson, knex, size } = ctx;
  const heavyRuns = runsAt(size, true);
  const dept = DEPARTMENT.split('/')[1];
  // A date means the end of that day (UTC); six months back.
  const asOfDay = new Date(now - 182 * DAY_MS).toISOString().slice(0, 10);
  const asOf = new Date(Date.parse(`${asOfDay}T00:00:00Z`) + DAY_MS - 1);
  const from = new Date(now - 180 * DAY_MS);
  const at = () => new Date();

  // An organisation-wide campaign (every component) of 180 days, ending
  // today: a burn-up point a day.
  const deadline = new Date(now).toISOString().slice(0, 10);
  const startsOn = new Date(Date.parse(deadline) - 180 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const [dimension] = defaultMaturityModel.dimensions;
  const campaign = JSON.parse(
    await postJson('/api/maturity/campaigns', {
      title: 'Benchmark: the whole organisation over 180 days',
      scope: { kind: 'component' },
      goals: {
        dimensions: { [dimension.id]: 2 },
        topics: { [dimension.topics[0].id]: 2 },
        assessedWithinDays: 180,
      },
      startsOn,
      deadline,
    }),
  );

  return [
    {
      // The group tab as of a date: its roll-up and first page, together.
      name: 'group-scorecard-asof',
      fn: () =>
        Promise.all([
          get(
            `/api/maturity/scorecards/groups/default/${dept}?entities=none&asOf=${asOfDay}`,
          ),
          get(
            `/api/maturity/overview?group=${dept}&sortBy=name&limit=25&asOf=${asOfDay}`,
          ),
        ]),
      floor: () =>
        knex({ e: 'maturity_entity' })
          .select('e.entity_ref', 'h.levels', 'h.percent_to_target')
          .leftJoin(historyAt(knex, asOf, 'h'), 'h.entity_ref', 'e.entity_ref')
          .where('e.kind', 'component')
          .modify(inSubtree(DEPARTMENT)),
      catalog: departmentInCatalog(ctx),
      runs: heavyRuns,
      goal: { p50Ms: 300 },
    },
    {
      // The Changes view of the department: totals, teams, the first page.
      name: 'changes-department',
      fn: () =>
        get(`/api/maturity/changes?group=${dept}&from=${from.toISOString()}`),
      floor: () =>
        knex({ e: 'maturity_entity' })
          .select('e.entity_ref', 'b.levels', 'a.levels')
          .leftJoin(historyAt(knex, from, 'b'), 'b.entity_ref', 'e.entity_ref')
          .leftJoin(historyAt(knex, at(), 'a'), 'a.entity_ref', 'e.entity_ref')
          .where('e.kind', 'component')
          .modify(inSubtree(DEPARTMENT)),
      catalog: departmentInCatalog(ctx),
      runs: heavyRuns,
      goal: { p50Ms: 500 },
    },
    {
      // The campaign page: totals, teams, the first page and the burn-up.
      name: 'campaign-progress',
      fn: () => get(`/api/maturity/campaigns/${campaign.id}/progress`),
      // Every history row of the organisation that overlaps the campaign.
      floor: () =>
        knex({ e: 'maturity_entity' })
          .select('h.entity_ref', 'h.valid_from', 'h.valid_to', 'h.levels')
          .join({ h: SUMMARY_HISTORY }, 'h.entity_ref', 'e.entity_ref')
          .where('e.kind', 'component')
          .where(q =>
            q
              .whereNull('h.valid_to')
              .orWhere('h.valid_to', '>', new Date(`${startsOn}T00:00:00Z`)),
          ),
      runs: heavyRuns,
      goal: { p50Ms: 1000, rssGrowthMb: 300 },
    },
  ];
}
