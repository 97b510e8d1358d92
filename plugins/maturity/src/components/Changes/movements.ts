import {
  Movement,
  MovementCounts,
} from '@cnmm/backstage-plugin-maturity-common';

/** How each movement is named and marked, and its count in the totals. */
export const MOVEMENT_TEXT: Record<
  Movement,
  { label: string; symbol: string; count: keyof MovementCounts }
> = {
  improved: { label: 'Improved', symbol: '▲', count: 'improved' },
  regressed: { label: 'Regressed', symbol: '▼', count: 'regressed' },
  'newly-assessed': {
    label: 'Newly assessed',
    symbol: '+',
    count: 'newlyAssessed',
  },
  unchanged: { label: 'Unchanged', symbol: '=', count: 'unchanged' },
};

/** How many entities moved this way, or in any way without a movement. */
export function movementCount(
  totals: MovementCounts,
  movement?: Movement,
): number {
  if (movement) return totals[MOVEMENT_TEXT[movement].count];
  return (
    totals.improved + totals.regressed + totals.newlyAssessed + totals.unchanged
  );
}
