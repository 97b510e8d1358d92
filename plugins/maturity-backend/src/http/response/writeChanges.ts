import {
  ChangeRow,
  LevelsAt,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Response } from 'express';
import type { ChangesSpan } from '../../services/ChangesService';
import { chunkWriter } from './chunkWriter';
import { csvLine } from './csvLine';

const SIDES = ['before', 'after'] as const;

/**
 * Writes the changes between two dates as a CSV file, batch by batch,
 * waiting for the client between batches; answers how many rows it wrote.
 * A row per entity: how it moved, then each side's revision, time,
 * dimension medians and topic levels (empty when unassessed then).
 */
export async function writeChanges(
  res: Response,
  options: { model: MaturityModel; span: ChangesSpan; indexedAt: Date },
  rows: AsyncGenerator<ChangeRow[]>,
): Promise<number> {
  // Read before anything is sent: a failure is still a clean error answer.
  const first = await rows.next();
  const { model, span } = options;
  const dimensionIds = model.dimensions.map(d => d.id);
  const topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));
  const day = (iso: string) => iso.slice(0, 10);
  res.attachment(`maturity-changes-${day(span.from)}-${day(span.to)}.csv`);
  res.setHeader('X-Maturity-Indexed-At', options.indexedAt.toISOString());
  res.setHeader('X-Maturity-From', span.from);
  res.setHeader('X-Maturity-To', span.to);
  // The levels are as of each date; which entities they are is today's.
  res.setHeader('X-Maturity-Scope-As-Of', 'now');
  res.type('text/csv');
  const sideColumns = (side: string) => [
    `${side}:revision`,
    `${side}:assessedAt`,
    ...dimensionIds.map(id => `${side}:median:${id}`),
    ...topicIds.map(id => `${side}:${id}`),
  ];
  const sideCells = (levels: LevelsAt | null) => [
    levels?.revision,
    levels?.assessedAt,
    ...dimensionIds.map(id => levels?.dimensions[id]),
    ...topicIds.map(id => levels?.topics[id]),
  ];
  const write = chunkWriter(res);
  await write(
    csvLine([
      'entityRef',
      'title',
      'ownerRef',
      'movement',
      ...SIDES.flatMap(sideColumns),
    ]),
  );
  let count = 0;
  for (let batch = first; !batch.done; batch = await rows.next()) {
    count += batch.value.length;
    if (!batch.value.length) continue;
    await write(
      batch.value
        .map(row =>
          csvLine([
            row.entityRef,
            row.title,
            row.ownerRef,
            row.movement,
            ...SIDES.flatMap(side => sideCells(row[side])),
          ]),
        )
        .join(''),
    );
  }
  res.end();
  return count;
}
