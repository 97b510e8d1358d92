import { Scorecard } from '@cnmm/backstage-plugin-maturity-common';
import { Response } from 'express';
import type { ScorecardOptions } from '../../services/ScorecardService';
import type { ReadOptions } from '../../services/VisibleIndex';
import { chunkWriter } from './chunkWriter';

/**
 * Answers a scorecard. With every entity (the default) the rows are
 * streamed as they are read and the roll-up follows them, so that an
 * organisation of 100,000 components is never held in memory at once.
 */
export async function sendScorecard(
  res: Response,
  read: ReadOptions,
  entities: 'all' | 'none',
  compute: (options: ScorecardOptions) => Promise<Scorecard>,
): Promise<void> {
  if (entities === 'none') {
    res.json(await compute({ ...read, entities: 'none' }));
    return;
  }
  const write = chunkWriter(res);
  let separator: string | undefined;
  const card = await compute({
    ...read,
    entities: async rows => {
      if (separator === undefined) {
        res.type('application/json');
        await write('{"entities":[');
        separator = '';
      }
      if (!rows.length) return;
      await write(separator + rows.map(row => JSON.stringify(row)).join(','));
      separator = ',';
    },
  });
  if (separator === undefined) {
    res.json(card);
    return;
  }
  const { entities: _streamed, ...rollUp } = card;
  res.end(`],${JSON.stringify(rollUp).slice(1)}`);
}
