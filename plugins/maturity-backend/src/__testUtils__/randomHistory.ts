import {
  AssessmentSummary,
  computeAssessmentResult,
  MaturityModel,
  RATINGS,
  resolveTargets,
  summarizeResult,
  TopicRatings,
} from '@cnmm/backstage-plugin-maturity-common';
import type {
  AssessmentRecord,
  AssessmentStore,
} from '../database/AssessmentStore';
import type { IndexedRecord } from '../database/MaturityIndex';
import type { ScoringSettings } from '../config';
import { Summaries } from '../services/Summaries';
import { indexRecord } from './indexRecord';

const DAY = 24 * 60 * 60 * 1000;

/** A seeded generator of numbers in [0, 1) (mulberry32): a case replays. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) =>
    min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  return { next, int, pick };
}

/** A snapshot as the case writes it: when, for which entity (uid), what. */
export type PlannedSnapshot = {
  entityRef: string;
  at: Date;
  uid: string;
  lifecycle: string | null;
  ratings: AssessmentRecord['ratings'];
  targets: AssessmentRecord['targets'];
};

/**
 * A random organisation of one case: a root group with sub-teams t1 (and
 * t1a below it) and t2, a group outside, components owned among them, and
 * each component's snapshots over the year before `now`, some written for
 * a new entity that took the ref over (another uid).
 */
export function randomCase(
  model: MaturityModel,
  seed: number,
  now: Date,
): {
  root: string;
  /** Each top child of the root and the groups that count towards it. */
  children: Map<string, string[]>;
  records: IndexedRecord[];
  components: string[];
  snapshots: PlannedSnapshot[];
} {
  const random = seeded(seed);
  const prefix = `case${seed}`;
  const group = (name: string) => `group:default/${prefix}-${name}`;
  const records = [
    indexRecord('group', `${prefix}-root`),
    indexRecord('group', `${prefix}-t1`, { parentRef: group('root') }),
    indexRecord('group', `${prefix}-t1a`, { parentRef: group('t1') }),
    indexRecord('group', `${prefix}-t2`, { parentRef: group('root') }),
    indexRecord('group', `${prefix}-out`),
  ];
  const owners = ['root', 't1', 't1a', 't2', 'out'].map(group);
  const topics = model.dimensions.flatMap(d => d.topics);
  const snapshots: PlannedSnapshot[] = [];
  const components: string[] = [];
  for (let c = 0, count = random.int(3, 7); c < count; c++) {
    const name = `${prefix}-c${c}`;
    const entityRef = `component:default/${name}`;
    const lifecycle = random.pick(['production', 'experimental', null]);
    records.push(
      indexRecord('component', name, {
        ownerRef: random.pick(owners),
        lifecycle,
      }),
    );
    components.push(entityRef);
    let uid = `${name}-uid-0`;
    const times = Array.from(
      { length: random.int(0, 4) },
      () => now.getTime() - random.int(1, 365 * 24) * 60 * 60 * 1000,
    ).sort((a, b) => a - b);
    times.forEach((at, i) => {
      // Now and then the ref passes to a new entity, whose history starts.
      if (i > 0 && random.next() < 0.15) uid = `${name}-uid-${i}`;
      const ratings: AssessmentRecord['ratings'] = {};
      for (const topic of topics) {
        if (random.next() < 0.5) continue;
        const levels: TopicRatings = {};
        for (let level = 1; level <= topic.maxLevel; level++) {
          if (random.next() < 0.85)
            levels[String(level)] = random.pick(RATINGS);
        }
        ratings[topic.id] = levels;
      }
      const targets: AssessmentRecord['targets'] = {};
      if (random.next() < 0.3) {
        const topic = random.pick(topics);
        targets[topic.id] = random.int(0, topic.maxLevel);
      }
      snapshots.push({
        entityRef,
        at: new Date(at),
        uid,
        lifecycle,
        ratings,
        targets,
      });
    });
  }
  return {
    root: group('root'),
    children: new Map([
      [group('t1'), [group('t1'), group('t1a')]],
      [group('t2'), [group('t2')]],
    ]),
    records,
    components,
    snapshots: snapshots.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}

/**
 * Writes the snapshots in time order through the store's write path, each
 * at its time on the clock (`setTime`); answers each one's revision.
 */
export async function writeHistory(
  store: AssessmentStore,
  summaries: Summaries,
  snapshots: PlannedSnapshot[],
  setTime: (at: Date) => void,
): Promise<Map<PlannedSnapshot, number>> {
  const latest = new Map<string, { uid: string; revision: number }>();
  const revisions = new Map<PlannedSnapshot, number>();
  for (const snapshot of snapshots) {
    setTime(snapshot.at);
    const before = latest.get(snapshot.entityRef);
    const stored = await store.insert(
      {
        entityRef: snapshot.entityRef,
        // A new entity under the ref starts over: the earlier ones are retired.
        baseRevision: before?.uid === snapshot.uid ? before.revision : 0,
        modelId: 'cnmm',
        modelVersion: '4.0',
        createdBy: 'user:default/sam',
        entityUid: snapshot.uid,
        ownerRef: null,
        systemRef: null,
        lifecycle: snapshot.lifecycle,
        ratings: snapshot.ratings,
        targets: snapshot.targets,
        notes: {},
        evidence: {},
        comment: null,
      },
      record => summaries.summaryOf(record, record.lifecycle),
    );
    latest.set(snapshot.entityRef, {
      uid: snapshot.uid,
      revision: stored.revision,
    });
    revisions.set(snapshot, stored.revision);
  }
  return revisions;
}

/**
 * The snapshot of an entity that was its latest at `at`, replayed from what
 * was written: the last one by then of the entity holding the ref now (its
 * last uid); none before that entity's first.
 */
export function replayedAt(
  snapshots: PlannedSnapshot[],
  entityRef: string,
  at: Date,
): PlannedSnapshot | undefined {
  const own = snapshots.filter(s => s.entityRef === entityRef);
  const current = own[own.length - 1]?.uid;
  return own
    .filter(s => s.uid === current && s.at.getTime() <= at.getTime())
    .pop();
}

/** A replayed snapshot scored by the engine of -common, stale as of `at`. */
export function scoredAt(
  model: MaturityModel,
  scoring: ScoringSettings,
  snapshot: PlannedSnapshot,
  at: Date,
): AssessmentSummary {
  const targets = resolveTargets(model, {
    assessmentTargets: snapshot.targets,
    defaults: scoring.targets,
    lifecycle: snapshot.lifecycle ?? undefined,
  });
  const result = computeAssessmentResult(
    model,
    { ratings: snapshot.ratings, targets, createdAt: snapshot.at },
    { strict: scoring.strict, staleAfterDays: scoring.staleAfterDays, now: at },
  );
  return summarizeResult(result);
}

/** Moments to read a case at: random, and some on and just before a write. */
export function randomMoments(
  seed: number,
  snapshots: PlannedSnapshot[],
  now: Date,
): Date[] {
  const random = seeded(seed * 7919);
  return Array.from({ length: 4 }, () => {
    const roll = random.next();
    if (snapshots.length && roll < 0.3) return random.pick(snapshots).at;
    if (snapshots.length && roll < 0.45) {
      return new Date(random.pick(snapshots).at.getTime() - 1);
    }
    return new Date(now.getTime() - random.int(1, 400) * DAY);
  }).sort((a, b) => a.getTime() - b.getTime());
}
