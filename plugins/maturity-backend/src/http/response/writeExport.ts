import {
  EntityMaturityExportRow,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Response } from 'express';
import { chunkWriter } from './chunkWriter';
import { csvLine } from './csvLine';

const CSV_FIXED_COLUMNS = [
  'entityRef',
  'kind',
  'namespace',
  'name',
  'ownerRef',
  'systemRef',
  'lifecycle',
  'revision',
  'assessedAt',
  'stale',
  'percentToTarget',
] as const;

/**
 * Writes an export as a file of JSON or CSV, batch by batch, waiting for the
 * client between batches; answers how many rows it wrote. The first batch is
 * read before anything is sent, so that a failure there is still a clean
 * error answer rather than a cut-off file.
 */
export async function writeExport(
  res: Response,
  options: {
    format: 'csv' | 'json';
    model: MaturityModel;
    indexedAt: () => Promise<Date>;
    /** The moment of an export as of a date (ISO), said in headers and the file's name. */
    asOf?: string;
  },
  rows: AsyncGenerator<EntityMaturityExportRow[]>,
): Promise<number> {
  const first = await rows.next();
  const { format, model, asOf } = options;
  const stamp = (asOf ?? new Date().toISOString()).slice(0, 10);
  res.attachment(`maturity-${stamp}.${format}`);
  res.setHeader(
    'X-Maturity-Indexed-At',
    (await options.indexedAt()).toISOString(),
  );
  if (asOf) {
    // The rows are as of then; which entities they are is today's.
    res.setHeader('X-Maturity-As-Of', asOf);
    res.setHeader('X-Maturity-Scope-As-Of', 'now');
  }
  let count = 0;
  const batches = async function* batches() {
    if (!first.done) yield first.value;
    for await (const batch of rows) yield batch;
  };
  const write = chunkWriter(res);
  if (format === 'json') {
    res.type('application/json');
    res.write('[');
    let separator = '\n';
    for await (const batch of batches()) {
      count += batch.length;
      if (!batch.length) continue;
      await write(separator + batch.map(r => JSON.stringify(r)).join(',\n'));
      separator = ',\n';
    }
    res.end('\n]\n');
    return count;
  }
  res.type('text/csv');
  const dimensionIds = model.dimensions.map(d => d.id);
  const topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));
  res.write(
    `${[
      ...CSV_FIXED_COLUMNS,
      ...dimensionIds.map(id => `median:${id}`),
      ...topicIds,
    ].join(',')}\n`,
  );
  // One write per batch: one write per row costs more than the rows.
  for await (const batch of batches()) {
    count += batch.length;
    await write(
      batch
        .map(row =>
          csvLine([
            ...CSV_FIXED_COLUMNS.map(column => row[column]),
            ...dimensionIds.map(id => row.dimensions[id]),
            ...topicIds.map(id =>
              row.notApplicable.includes(id) ? 'n/a' : row.topics[id],
            ),
          ]),
        )
        .join(''),
    );
  }
  res.end();
  return count;
}
