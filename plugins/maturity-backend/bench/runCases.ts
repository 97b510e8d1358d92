/* eslint-disable no-console */
import type { BenchCase, Goal } from './benchCase';
import { peakGrowthOf, time } from './measure';

export type CaseResult = {
  p50Ms: number;
  p95Ms: number;
  floorMs: number | null;
  catalogMs: number | null;
  httpMs?: number;
  hopsMs?: Record<string, number>;
  /** The backend's peak resident memory growth while the case was timed. */
  rssGrowthMb: number;
  /** The goal and whether it was met; none for a case without one. */
  goal?: Goal & { met: boolean; missed: string[] };
};

const round = (n: number) => Math.round(n * 100) / 100;
const ms = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));

/** What a result misses of its goal, in words; empty when it is met. */
function missed(goal: Goal, r: Omit<CaseResult, 'goal'>): string[] {
  const misses: string[] = [];
  if (goal.p50Ms !== undefined && r.p50Ms > goal.p50Ms) {
    misses.push(`p50 ${ms(r.p50Ms)} ms > ${goal.p50Ms} ms`);
  }
  if (goal.catalogRatio !== undefined && r.catalogMs !== null) {
    const ratio = r.p50Ms / r.catalogMs;
    if (ratio > goal.catalogRatio) {
      misses.push(`×${ratio.toFixed(2)} the catalog > ×${goal.catalogRatio}`);
    }
  }
  if (goal.rssGrowthMb !== undefined && r.rssGrowthMb > goal.rssGrowthMb) {
    misses.push(`RSS +${r.rssGrowthMb} MB > ${goal.rssGrowthMb} MB`);
  }
  return misses;
}

function goalWords(goal: Goal): string {
  return [
    goal.p50Ms !== undefined && `p50 ≤ ${goal.p50Ms} ms`,
    goal.catalogRatio !== undefined && `≤ ×${goal.catalogRatio} the catalog`,
    goal.rssGrowthMb !== undefined && `RSS growth ≤ ${goal.rssGrowthMb} MB`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Times each case (skipping those not in `only`), then its floor and the
 * catalog's answer, prints a line per case with its goal met or missed,
 * and answers the results by case name. The backend's peak memory growth
 * is taken over the case's own calls (warm-up included).
 */
export async function runCases(
  cases: BenchCase[],
  options: {
    pid: number;
    only?: string[];
    /** Starts (a name) or writes (null) the backend's CPU profile. */
    profile?: (name: string | null) => Promise<unknown>;
  },
) {
  const results: Record<string, CaseResult> = {};
  console.log(
    `${'case'.padEnd(28)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(
      9,
    )}${'floor ms'.padStart(10)}${'catalog ms'.padStart(12)}${'RSS MB'.padStart(
      8,
    )}`,
  );
  for (const c of cases) {
    if (options.only && !options.only.includes(c.name)) continue;
    await options.profile?.(c.name);
    // An action is timed in turn with its HTTP route and hops: the ratios
    // are of calls made under the same load.
    const hops = Object.entries(c.hops ?? {});
    const { result: timed, growthKiB } = await peakGrowthOf(options.pid, () =>
      time(
        [c.fn, ...(c.http ? [c.http] : []), ...hops.map(([, fn]) => fn)],
        c.runs,
      ),
    );
    const measured = timed[0];
    const http = c.http ? timed[1] : undefined;
    const hopTimes = timed.slice(c.http ? 2 : 1);
    await options.profile?.(null);
    const [floor] = c.floor ? await time([c.floor], c.runs) : [];
    const [catalog] = c.catalog ? await time([c.catalog], c.runs) : [];
    const result: CaseResult = {
      p50Ms: round(measured.p50),
      p95Ms: round(measured.p95),
      floorMs: floor ? round(floor.p50) : null,
      catalogMs: catalog ? round(catalog.p50) : null,
      ...(http && { httpMs: round(http.p50) }),
      ...(hops.length > 0 && {
        hopsMs: Object.fromEntries(
          hops.map(([name], i) => [name, round(hopTimes[i].p50)]),
        ),
      }),
      rssGrowthMb: Math.round(growthKiB / 1024),
    };
    if (c.goal) {
      const misses = missed(c.goal, result);
      result.goal = { ...c.goal, met: misses.length === 0, missed: misses };
    }
    results[c.name] = result;
    const actionFloor = results['action-describe-topic'];
    console.log(
      `${c.name.padEnd(28)}${ms(measured.p50).padStart(9)}${ms(
        measured.p95,
      ).padStart(9)}${ms(floor?.p50).padStart(10)}${ms(catalog?.p50).padStart(
        12,
      )}${String(result.rssGrowthMb).padStart(8)}${
        http
          ? `  beside HTTP ${ms(http.p50)} ms (×${(
              measured.p50 / http.p50
            ).toFixed(2)})`
          : ''
      }${
        http && actionFloor && c.name !== 'action-describe-topic'
          ? `, the actions' floor ${ms(actionFloor.p50Ms)} ms`
          : ''
      }${hops
        .map(([name], i) => `, ${name} hop ${ms(hopTimes[i].p50)} ms`)
        .join('')}${
        result.goal
          ? `  goal ${goalWords(c.goal!)}: ${
              result.goal.met
                ? 'met'
                : `MISSED (${result.goal.missed.join('; ')})`
            }`
          : ''
      }`,
    );
  }
  const goals = Object.values(results).filter(r => r.goal);
  const missedGoals = Object.entries(results).filter(
    ([, r]) => r.goal && !r.goal.met,
  );
  console.log(
    `Goals: ${goals.length - missedGoals.length} of ${goals.length} met${
      missedGoals.length
        ? `; missed: ${missedGoals.map(([name]) => name).join(', ')}`
        : ''
    }`,
  );
  return results;
}
